import { Intent } from './intents.js';
import type { FakeChannelSeed, FakeDiscordOptions, FakeMemberSeed, FakeRoleSeed } from './types.js';

/** The fake's options with defaults applied, plus the origin it listens on. */

/** Ids the fake uses when no options are given, for tests to reference. */
export const FAKE_DISCORD_DEFAULTS = {
  token: 'fake-bot-token',
  applicationId: '900000000000000001',
  botUserId: '900000000000000002',
  guildId: '800000000000000001',
  supportChannelId: '810000000000000001',
  reviewChannelId: '810000000000000002',
  forumChannelId: '810000000000000003',
  agentRoleId: '820000000000000001',
  reviewerRoleId: '820000000000000002',
  customerUserId: '830000000000000001',
  reviewerUserId: '830000000000000002',
} as const;

/** Discord's default @everyone permissions (view channels, send messages, read history, …). */
export const EVERYONE_PERMISSIONS = '2248473465835073';
/** The bot's managed role: Administrator. */
const BOT_ROLE_PERMISSIONS = '8';

export interface FakeDiscordConfig {
  token: string;
  applicationId: string;
  botUserId: string;
  botUsername: string;
  guildId: string;
  guildName: string;
  botRoleId: string;
  channels: FakeChannelSeed[];
  roles: Required<FakeRoleSeed>[];
  members: FakeMemberSeed[];
  heartbeatIntervalMs: number;
  interactionDeadlineMs: number;
  echoOwnActions: boolean;
  /** Intent bits the app may not use (privileged intents switched off). */
  disallowedIntents: number;
  /** When the fake started: the guild's and the members' joined_at. */
  startedAt: string;
  /** 'http://127.0.0.1:PORT', set once the server listens. */
  origin: string;
}

function defaultChannels(): FakeChannelSeed[] {
  return [
    { id: FAKE_DISCORD_DEFAULTS.supportChannelId, name: 'support', type: 0 },
    { id: FAKE_DISCORD_DEFAULTS.reviewChannelId, name: 'support-review', type: 0 },
    { id: FAKE_DISCORD_DEFAULTS.forumChannelId, name: 'support-forum', type: 15 },
  ];
}

function defaultRoles(): FakeRoleSeed[] {
  return [
    { id: FAKE_DISCORD_DEFAULTS.agentRoleId, name: 'support-agent' },
    { id: FAKE_DISCORD_DEFAULTS.reviewerRoleId, name: 'reviewer' },
  ];
}

function defaultMembers(): FakeMemberSeed[] {
  return [
    { userId: FAKE_DISCORD_DEFAULTS.customerUserId, username: 'customer', roles: [] },
    { userId: FAKE_DISCORD_DEFAULTS.reviewerUserId, username: 'reviewer', roles: [FAKE_DISCORD_DEFAULTS.reviewerRoleId] },
  ];
}

export function resolveConfig(options: FakeDiscordOptions): FakeDiscordConfig {
  const guildId = options.guildId ?? FAKE_DISCORD_DEFAULTS.guildId;
  const channels = (options.channels ?? defaultChannels()).map((channel) => ({ ...channel }));
  for (const channel of channels) {
    if ((channel.type === 11 || channel.type === 12) && !channel.parent_id) {
      throw new Error(`startFakeDiscord: thread channel ${channel.id} needs a parent_id`);
    }
  }
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
  if (!(heartbeatIntervalMs > 0)) throw new Error(`startFakeDiscord: heartbeatIntervalMs must be positive, got ${heartbeatIntervalMs}`);
  return {
    token: options.token ?? FAKE_DISCORD_DEFAULTS.token,
    applicationId: options.applicationId ?? FAKE_DISCORD_DEFAULTS.applicationId,
    botUserId: options.botUserId ?? FAKE_DISCORD_DEFAULTS.botUserId,
    botUsername: options.botUsername ?? 'support-bot',
    guildId,
    guildName: options.guildName ?? 'Fake Support Guild',
    // The managed role Discord creates when a bot joins; any id distinct from the others works.
    botRoleId: `${guildId.slice(0, -3)}999`,
    channels,
    roles: (options.roles ?? defaultRoles()).map((role) => ({ permissions: '0', ...role })),
    members: (options.members ?? defaultMembers()).map((member) => ({ ...member, roles: [...member.roles] })),
    heartbeatIntervalMs,
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
    echoOwnActions: options.echoOwnActions ?? true,
    disallowedIntents:
      (options.privilegedIntents?.guildMembers === false ? Intent.GuildMembers : 0) |
      (options.privilegedIntents?.guildPresences === false ? Intent.GuildPresences : 0) |
      (options.privilegedIntents?.messageContent === false ? Intent.MessageContent : 0),
    startedAt: new Date().toISOString(),
    origin: '',
  };
}

export { BOT_ROLE_PERMISSIONS };
