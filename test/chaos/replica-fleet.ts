/**
 * The replicas of the replica proof (replicas.chaos.ts): the compiled bot as
 * `npm start` runs it, one child process per replica on its own port, and a
 * signed POST as Slack sends it. Started means `/readyz` answered 200 (a
 * positive signal: start-up, migration and take-over of interrupted work are
 * over), never a fixed sleep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { until } from '../support/until.js';
import { NPM_START_ARGS } from './chaos-support.js';


export class Replica {
  private child: ChildProcess | null = null;
  readonly log: string[] = [];
  starts = 0;
  /** False from the moment the test kills it until it is ready again: the driver sends elsewhere meanwhile. */
  up = false;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get eventsUrl(): string {
    return `http://127.0.0.1:${this.port}/slack/events`;
  }

  async start(): Promise<void> {
    this.starts += 1;
    const run = this.starts;
    const child = spawn(process.execPath, NPM_START_ARGS, { env: this.env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (data: Buffer) => this.log.push(...data.toString().split('\n').filter(Boolean).map((line) => `[${this.name} run ${run}] ${line}`)));
    this.child = child;
    let lastAnswer = '';
    await until(async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.name} exited at start-up (${String(child.exitCode ?? child.signalCode)}):\n${this.log.slice(-30).join('\n')}`);
      const response = await fetch(`http://127.0.0.1:${this.port}/readyz`, { signal: AbortSignal.timeout(1_000) }).catch(() => null);
      lastAnswer = (await response?.text()) ?? 'no answer';
      return response?.status === 200;
    }, `${this.name} to answer 200 on /readyz`, 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; its last answer: ${lastAnswer}; its last log lines:\n${this.log.slice(-30).join('\n')}`);
    });
    this.up = true;
  }

  /** Sends `signal` and waits for the exit; the exit code, or null when killed by the signal or not running. */
  async kill(signal: NodeJS.Signals): Promise<number | null> {
    this.up = false;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    return exited;
  }
}

