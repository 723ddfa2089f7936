/** `npm start` with SLACK_* set runs the Slack adapter (not the console) in one process, and its scheduled report. */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { previousWeek, weekContaining } from '../../src/periods.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { eventCallback, messageEvent, startFakeSlack } from '../fakes/slack/index.js';
import { seedReportActivity } from '../support/report-activity.js';
import { tempDir } from '../support/temp-dir.js';
import { mapAsync } from '../support/async-array.js';

const dir = tempDir('triage-start-slack');
afterAll(() => dir.cleanup());

/** The bot in Socket Mode against the fake, on `database`. */
function startBot(database: string, apiUrl: string, stdout: 'pipe' | 'ignore' = 'ignore') {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      DATABASE_PATH: database,
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
      SLACK_APP_TOKEN: 'xapp-test-app-token',
      SLACK_API_URL: apiUrl,
      SLACK_SUPPORT_CHANNELS: 'CSUPPORT',
      SLACK_REVIEW_CHANNEL: 'CREVIEW',
      SLACK_REVIEWERS: 'UREVIEWER',
    },
    stdio: ['ignore', stdout, 'pipe'],
  });
}

describe('npm start with Slack configured', () => {
  it('connects over Socket Mode, turns a message into a card, and stops cleanly on SIGTERM', async () => {
    const fake = await startFakeSlack();
    const child = startBot(dir.file('start.db'), fake.apiUrl, 'pipe');
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      await fake.socketConnected(15_000);
      const ts = `${Math.floor(Date.now() / 1000)}.000100`;
      await fake.sendEnvelope('events_api', eventCallback(messageEvent({ channel: 'CSUPPORT', user: 'UCUST', text: 'Our webhook deliveries fail with 410 since yesterday.', ts })));
      const card = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'CREVIEW', 15_000);
      expect(JSON.stringify(card.args.blocks)).toContain('webhook');
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(0);
      expect(stdout).not.toMatch(/customer>/); // no console without --console
      expect(stderr).toMatch(/slack adapter started/);
      expect(stderr).not.toMatch(/xoxb-test-bot-token|xapp-test-app-token/);
    } finally {
      child.kill('SIGKILL');
      await fake.close();
    }
  });
});

describe('npm start after a crash', () => {
  it('takes over the tickets a killed process left only once Slack is up, so each gets its card', async () => {
    // A process stored two tickets and died before working them (its worker never beats again).
    const database = dir.file('crashed.db');
    const store = openSqliteStore(database);
    const base = Math.floor(Date.now() / 1000);
    const ids = await mapAsync(['How do I export my reports to CSV?', 'Can I add a second admin?'], async (text, index) => {
      const ts = `${base}.00000${index + 1}`;
      return (await store.tickets.intake(
        { thread: { platform: 'slack', channelId: 'CSUPPORT', threadId: ts }, messageId: ts, customer: { id: 'UCUST' }, text, receivedAt: new Date() },
        'worker-of-a-killed-process',
      )).ticket.id;
    });
    store.close();

    const fake = await startFakeSlack();
    const child = startBot(database, fake.apiUrl);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      for (const id of ids) {
        await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'CREVIEW' && JSON.stringify(call.args.blocks).includes(`Ticket #${id}`), 15_000);
      }
      expect(stderr).toMatch(/took over work a stopped process left/);
      expect(stderr).not.toMatch(/adapter is not started/);
      child.kill('SIGTERM');
      expect(await new Promise<number | null>((resolve) => child.on('close', resolve))).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await fake.close();
    }
  });
});

describe('npm start with a report channel', () => {
  it('posts the missed weekly report on start-up with its chart, and not again on the next start', async () => {
    // Last week's activity, recorded before the bot starts (as if it had been down since).
    const database = dir.file('report.db');
    const store = openSqliteStore(database);
    const lastWeek = previousWeek(weekContaining(new Date(), 'UTC'), 'UTC');
    await seedReportActivity(store, { platform: 'slack', channelId: 'CSUPPORT', threadId: '1763380000.000100', subject: 'Refund please' }, new Date(lastWeek.since.getTime() + 3_600_000));
    store.close();

    const fake = await startFakeSlack();
    const start = () =>
      spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env: {
          PATH: process.env.PATH,
          DATABASE_PATH: database,
          LOG_LEVEL: 'info',
          SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
          SLACK_APP_TOKEN: 'xapp-test-app-token',
          SLACK_API_URL: fake.apiUrl,
          SLACK_REVIEW_CHANNEL: 'CREVIEW',
          SLACK_REVIEWERS: 'UREVIEWER',
          REPORT_SLACK_CHANNEL: 'CREPORTS',
          // Every minute: whatever time the test runs, last week's report is already due.
          REPORT_CRON: '* * * * *',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    const stop = async (child: ReturnType<typeof start>) => {
      child.kill('SIGTERM');
      return new Promise<number | null>((resolve) => child.on('close', resolve));
    };
    let child = start();
    try {
      const post = await fake.waitForCall('chat.postMessage', (call) => call.args.channel === 'CREPORTS', 15_000);
      expect(JSON.stringify(post.args.blocks)).toContain(`Weekly spend report · ${lastWeek.key}`);
      await fake.waitForCall('files.completeUploadExternal', () => true, 15_000);
      expect(fake.files.at(-1)).toMatchObject({ filename: 'spend-chart.png', channel_id: 'CREPORTS', completed: true });
      expect(await stop(child)).toBe(0);

      child = start();
      let log = '';
      child.stderr?.on('data', (data: Buffer) => (log += data.toString()));
      // The start-up check runs and finds the week already posted.
      for (let waited = 0; !/weekly report check[\s\S]*already_posted|already_posted[\s\S]*weekly report check/.test(log); waited += 50) {
        if (waited > 15_000) throw new Error(`no start-up report check in the log:\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await stop(child)).toBe(0);
      expect(fake.callsTo('chat.postMessage').filter((call) => call.args.channel === 'CREPORTS')).toHaveLength(1);
    } finally {
      child.kill('SIGKILL');
      await fake.close();
    }
  });
});
