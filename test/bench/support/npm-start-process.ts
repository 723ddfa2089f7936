/**
 * `npm start` as a user runs it, in its own process tree, for benches that
 * measure the running bot from outside: npm compiles what changed (prestart)
 * and runs `sh -c "node … dist/src/main.js"`; the node process that runs the
 * compiled bot
 * is the one measured and signalled, never npm's or tsx's. It is known by the
 * pid in its own "ready" log line (pino writes each line's pid), checked
 * against the process tree: a descendant of npm whose last argument is the
 * script. Its log (stdout and stderr, npm's banner included) goes to a file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { until } from '../../support/until.js';
import { commandLine, cpuSeconds, descendants, procMemory, type ProcMemory } from './proc-memory.js';

const REPO = join(import.meta.dirname, '../../..');
const SCRIPT = 'dist/src/main.js';
const HEAP_PRELOAD = join(import.meta.dirname, 'heap-report.mjs');

export interface HeapUsage {
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  /** Each V8 space (new_space, old_space, code_space, …): MiB taken from the system, and MiB in use. */
  spaces: Record<string, { committedMiB: number; usedMiB: number }>;
}

export interface NpmStart {
  /** The node process running the compiled bot (dist/src/main.js). */
  pid: number;
  /** The log line that said the bot was ready (JSON). */
  readyLine: string;
  memory(): ProcMemory;
  /** CPU seconds the bot has used so far. */
  cpuSeconds(): number;
  /**
   * The heap after a full collection, from the heap-report preload (SIGUSR2;
   * see heap-report.mjs); with `snapshot`, a heap snapshot is written there
   * first (seconds, and its garbage raises the RSS read after it).
   */
  heap(options?: { snapshot?: string; timeoutMs?: number }): Promise<HeapUsage>;
  log(): string;
  /** SIGTERM to the bot (it drains its queue and exits 0), SIGKILL to the tree after `graceMs`. */
  stop(graceMs: number): Promise<{ code: number | null; how: 'exited' | 'killed' }>;
}

const MIB = 2 ** 20;

/** One line of heap-report.mjs. */
interface HeapReport {
  pid: number;
  sequence: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  spaces: Record<string, { committed: number; used: number }>;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Starts `npm start` with exactly `env` (plus PATH and HOME, which npm needs)
 * and waits for the JSON log line matching `ready`.
 */
export async function startNpmStart(env: Record<string, string>, files: { log: string; heapReport: string }, ready: RegExp, timeoutMs: number): Promise<NpmStart> {
  const out = openSync(files.log, 'a');
  let npm: ChildProcess;
  try {
    npm = spawn('npm', ['start'], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...env,
        HEAP_REPORT_FILE: files.heapReport,
        NODE_OPTIONS: [`--import=${HEAP_PRELOAD}`, env.NODE_OPTIONS].filter(Boolean).join(' '),
      },
      stdio: ['ignore', out, out],
    });
  } finally {
    closeSync(out);
  }
  let exit: { code: number | null } | null = null;
  const exited = new Promise<void>((resolve) =>
    npm.once('close', (code) => {
      exit = { code };
      resolve();
    }),
  );
  const npmPid = npm.pid;
  if (npmPid === undefined) throw new Error('npm start did not start');

  const readyLine = await until(() => {
    const line = readText(files.log).split('\n').find((candidate) => ready.test(candidate));
    if (line) return line;
    if (exit) throw new Error(`npm start exited (${String(exit.code)}) before logging ${ready}:\n${readText(files.log)}`);
    return null;
  }, `a log line matching ${ready}`, timeoutMs);
  const pid = (JSON.parse(readyLine) as { pid?: unknown }).pid;
  if (typeof pid !== 'number' || !descendants(npmPid).some((entry) => entry.pid === pid) || commandLine(pid).at(-1) !== SCRIPT) {
    throw new Error(`the ready line's pid ${String(pid)} is not a process running ${SCRIPT} under npm (${npmPid}): ${readyLine}`);
  }

  let heapSeen = 0;
  return {
    pid,
    readyLine,
    memory: () => procMemory(pid),
    cpuSeconds: () => cpuSeconds(pid),
    async heap({ snapshot, timeoutMs = 120_000 } = {}) {
      if (snapshot) writeFileSync(`${files.heapReport}.snapshot`, snapshot);
      process.kill(pid, 'SIGUSR2');
      heapSeen += 1;
      const wanted = heapSeen;
      const line = await until(
        () =>
          readText(files.heapReport)
            .split('\n')
            .filter(Boolean)
            .map((text) => JSON.parse(text) as HeapReport)
            .find((report) => report.pid === pid && report.sequence === wanted),
        'a heap report from the bot',
        timeoutMs,
      );
      const spaces = Object.fromEntries(Object.entries(line.spaces).map(([name, space]) => [name, { committedMiB: space.committed / MIB, usedMiB: space.used / MIB }]));
      return { heapUsedMiB: line.heapUsed / MIB, heapTotalMiB: line.heapTotal / MIB, externalMiB: line.external / MIB, spaces };
    },
    log: () => readText(files.log),
    async stop(graceMs) {
      if (!exit) process.kill(pid, 'SIGTERM');
      const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs).unref());
      const how = (await Promise.race([exited.then(() => 'exited' as const), timer])) === 'exited' ? 'exited' : 'killed';
      if (how === 'killed') {
        for (const victim of [pid, npmPid]) {
          try {
            process.kill(victim, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        await exited;
      }
      return { code: (exit as { code: number | null } | null)?.code ?? null, how };
    },
  };
}

/** A `.env` in the repository is read by the bot too (real variables win): worth a warning in a bench's output. */
export function repositoryEnvFile(): string | null {
  const path = join(REPO, '.env');
  return existsSync(path) ? path : null;
}
