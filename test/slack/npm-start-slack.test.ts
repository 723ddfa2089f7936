/** `npm start` with SLACK_* set runs the Slack adapter (not the console) in one process. */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { eventCallback, messageEvent, startFakeSlack } from '../fakes/slack/index.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('triage-start-slack');
afterAll(() => dir.cleanup());

describe('npm start with Slack configured', () => {
  it('connects over Socket Mode, turns a message into a card, and stops cleanly on SIGTERM', async () => {
    const fake = await startFakeSlack();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_PATH: dir.file('start.db'),
        LOG_LEVEL: 'info',
        SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
        SLACK_APP_TOKEN: 'xapp-test-app-token',
        SLACK_API_URL: fake.apiUrl,
        SLACK_SUPPORT_CHANNELS: 'CSUPPORT',
        SLACK_REVIEW_CHANNEL: 'CREVIEW',
        SLACK_REVIEWERS: 'UREVIEWER',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
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
