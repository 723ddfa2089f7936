/**
 * The bot as `npm start` runs it (src/main.ts, its own process), with Slack
 * on the HTTP Events API: Bolt's HTTPReceiver on a free port (PORT=0), its
 * Web API calls going to the fake Slack, its models to the fake OpenAI.
 * A process of its own so a load generator in the caller's process cannot
 * slow the receiver down, nor the receiver the load generator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SlackBotSettings {
  databasePath: string;
  /** stderr (the bot's JSON log lines) goes to this file, read here for the port. */
  logPath: string;
  slackApiUrl: string;
  signingSecret: string;
  supportChannel: string;
  reviewChannel: string;
  reviewer: string;
  openAIUrl: string;
  openAIKey: string;
  /** Extra node flags, e.g. `--cpu-prof` (profiles are written only on a clean exit: see `stop`). */
  nodeFlags?: string[];
}

export interface SlackBotProcess {
  /** `http://127.0.0.1:PORT/slack/events`, Bolt's default request path. */
  eventsUrl: string;
  /** CPU time the bot has used so far, in ms (Linux: from /proc), or null where that cannot be read. */
  cpuMs(): number | null;
  /** SIGTERM and wait up to `graceMs` for the bot's own shutdown (it drains its queue), then SIGKILL. Resolves with how it ended. */
  stop(graceMs: number): Promise<'exited' | 'killed'>;
}

const REPO = join(import.meta.dirname, '../..');
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function portFromLog(path: string): number | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    if (!line.includes('slack adapter started')) continue;
    const port = (JSON.parse(line) as { port?: unknown }).port;
    if (typeof port === 'number') return port;
  }
  return null;
}

/** utime + stime of a process, in ms: fields 14 and 15 of /proc/PID/stat, in clock ticks (100 a second on Linux). */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startSlackBot(settings: SlackBotSettings, startTimeoutMs = 60_000): Promise<SlackBotProcess> {
  const log = openSync(settings.logPath, 'w');
  const child = spawn(process.execPath, [...(settings.nodeFlags ?? []), '--import', 'tsx', 'src/main.ts'], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      DATABASE_PATH: settings.databasePath,
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: 'xoxb-test-bot-token',
      SLACK_SIGNING_SECRET: settings.signingSecret,
      PORT: '0',
      SLACK_API_URL: settings.slackApiUrl,
      SLACK_SUPPORT_CHANNELS: settings.supportChannel,
      SLACK_REVIEW_CHANNEL: settings.reviewChannel,
      SLACK_REVIEWERS: settings.reviewer,
      OPENAI_API_KEY: settings.openAIKey,
      OPENAI_BASE_URL: settings.openAIUrl,
    },
    stdio: ['ignore', 'ignore', log],
  });
  closeSync(log);
  // Should this process die first (an exception, a signal, a closed pipe), the bot must not live on without it.
  const onSignal = (signal: NodeJS.Signals) => {
    killBot();
    process.kill(process.pid, signal);
  };
  const killBot = () => {
    child.kill('SIGKILL');
    process.off('exit', killBot);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  process.once('exit', killBot);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  const started = Date.now();
  let port: number | null = null;
  // The bot says where it listens in its start-up log line; a bot that died or never says so fails the bench.
  while (port === null) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode} before Slack started; see ${settings.logPath}`);
    if (Date.now() - started > startTimeoutMs) {
      killBot();
      throw new Error(`the bot did not start Slack within ${startTimeoutMs} ms; see ${settings.logPath}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    port = portFromLog(settings.logPath);
  }
  return {
    eventsUrl: `http://127.0.0.1:${port}/slack/events`,
    cpuMs: () => processCpuMs(child.pid),
    async stop(graceMs) {
      // The guards stay until the bot is gone: this process may die while the bot drains its queue.
      child.kill('SIGTERM');
      const clean = await exited(child, graceMs);
      if (!clean) {
        child.kill('SIGKILL');
        await exited(child, 10_000);
      }
      process.off('exit', killBot);
      for (const signal of SIGNALS) process.off(signal, onSignal);
      return clean ? 'exited' : 'killed';
    },
  };
}
