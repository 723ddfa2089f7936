import type { FakeSlackOptions } from './types.js';

/** The fake's options with defaults applied, plus the origin it listens on. */
export interface FakeSlackConfig {
  botToken: string;
  appToken: string;
  signingSecret: string;
  botUserId: string;
  botId: string;
  teamId: string;
  appId: string;
  teamName: string;
  teamDomain: string;
  botName: string;
  users: Record<string, { name: string; is_bot?: boolean }>;
  usergroups: Record<string, string[]>;
  channels: Record<string, { name: string; is_private?: boolean; is_im?: boolean }> | undefined;
  /** 'http://127.0.0.1:PORT', set once the server listens. */
  origin: string;
}

export function resolveConfig(options: FakeSlackOptions): FakeSlackConfig {
  const botUserId = options.botUserId ?? 'UBOT';
  const botName = 'fake-bot';
  return {
    botToken: options.botToken ?? 'xoxb-test-bot-token',
    appToken: options.appToken ?? 'xapp-test-app-token',
    signingSecret: options.signingSecret ?? 'test-signing-secret',
    botUserId,
    botId: options.botId ?? 'BBOT',
    teamId: options.teamId ?? 'T0001',
    appId: options.appId ?? 'A0001',
    teamName: 'Fake Workspace',
    teamDomain: 'fake-workspace',
    botName,
    users: { [botUserId]: { name: botName, is_bot: true }, ...options.users },
    usergroups: { ...options.usergroups },
    channels: options.channels ? { ...options.channels } : undefined,
    origin: '',
  };
}
