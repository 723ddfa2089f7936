/** `npm start` with Slack and Discord configured runs both in one process, sharing one store and pipeline. */
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeDiscord } from '../fakes/discord/index.js';
import { eventCallback, messageEvent, startFakeSlack } from '../fakes/slack/index.js';
import { tempDir } from '../support/temp-dir.js';
import { REVIEW, REVIEWER, SUPPORT } from './harness.js';

const dir = tempDir('triage-start-both');
afterAll(() => dir.cleanup());

describe('npm start with Slack and Discord', () => {
  it('serves both platforms from one process and one database', async () => {
    const slack = await startFakeSlack();
    const discord = await startFakeDiscord();
    const database = dir.file('both.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_PATH: database,
        LOG_LEVEL: 'warn',
        SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
        SLACK_APP_TOKEN: 'xapp-test-app-token',
        SLACK_API_URL: slack.apiUrl,
        SLACK_SUPPORT_CHANNELS: 'CSUPPORT',
        SLACK_REVIEW_CHANNEL: 'CREVIEW',
        SLACK_REVIEWERS: 'UREVIEWER',
        DISCORD_TOKEN: 'fake-bot-token',
        DISCORD_API_URL: discord.restUrl,
        DISCORD_SUPPORT_CHANNELS: SUPPORT,
        DISCORD_REVIEW_CHANNEL: REVIEW,
        DISCORD_REVIEWERS: REVIEWER,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      await Promise.all([slack.socketConnected(15_000), discord.ready(15_000)]);
      await slack.sendEnvelope(
        'events_api',
        eventCallback(messageEvent({ channel: 'CSUPPORT', user: 'UCUST', text: 'Slack: invoices missing', ts: `${Math.floor(Date.now() / 1000)}.000100` })),
      );
      await discord.messageCreate({ channelId: SUPPORT, authorId: '830000000000000001', content: 'Discord: invoices missing' });
      await slack.waitForCall('chat.postMessage', (call) => call.args.channel === 'CREVIEW', 15_000);
      await discord.waitForRequest('POST', new RegExp(`/channels/${REVIEW}/messages$`), undefined, 15_000);
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const db = new Database(database, { readonly: true });
      const platforms = db.prepare('select platform from tickets order by platform').all() as { platform: string }[];
      db.close();
      expect(platforms.map((p) => p.platform)).toEqual(['discord', 'slack']);
    } finally {
      child.kill('SIGKILL');
      await slack.close();
      await discord.close();
    }
  });
});
