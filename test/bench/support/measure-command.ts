/**
 * Runs a command as a user would and measures it from outside: wall time, and
 * the peak resident set of each node process it starts (a preload writes
 * VmHWM at exit; Linux only, where the benches run).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PRELOAD = join(import.meta.dirname, 'peak-rss.mjs');

export interface MeasuredRun {
  exitCode: number | null;
  ms: number;
  stdout: string;
  stderr: string;
  /** The largest peak RSS of any node process the command ran (MiB), and that process's command line. */
  peakRssMiB: number;
  peakProcess: string;
}

export async function measureCommand(command: string, args: string[], env: Record<string, string>, cwd: string): Promise<MeasuredRun> {
  const peakFile = join(tmpdir(), `peak-rss-${process.pid}-${Date.now()}.txt`);
  const started = performance.now();
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env, PEAK_RSS_FILE: peakFile, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${PRELOAD}`.trim() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const ms = performance.now() - started;
  const lines = existsSync(peakFile) ? readFileSync(peakFile, 'utf8').trim().split('\n').filter(Boolean) : [];
  rmSync(peakFile, { force: true });
  let peakRssMiB = 0;
  let peakProcess = '';
  for (const line of lines) {
    const [, kb = '0', ...rest] = line.split(' ');
    const mib = Number(kb) / 1024;
    if (mib > peakRssMiB) {
      peakRssMiB = mib;
      peakProcess = rest.join(' ');
    }
  }
  return { exitCode, ms, stdout, stderr, peakRssMiB, peakProcess };
}
