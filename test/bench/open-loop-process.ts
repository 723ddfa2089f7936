/**
 * The open-loop load generator in a process of its own: the fakes the bot
 * talks to run in the bench's process and get busy under load, and a
 * generator sharing their event loop would send late and read acks late,
 * adding its own delays to the figures. `runLoadProcess` starts this file;
 * run as a script, it reads the job file, runs each phase in turn (warm-up,
 * measured) and prints one JSON line per phase.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { openLoop, type LoadRun, type PreparedRequest } from './open-loop.js';

interface Job {
  url: string;
  ratePerSecond: number;
  phases: PreparedRequest[][];
}

/** Runs the phases back to back in a child process; `onPhase` hears of each as it ends. */
export async function runLoadProcess(jobPath: string, job: Job, onPhase: (index: number, run: LoadRun) => void = () => undefined): Promise<LoadRun[]> {
  writeFileSync(jobPath, JSON.stringify(job));
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, jobPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const runs: LoadRun[] = [];
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const run = JSON.parse(line) as LoadRun;
    onPhase(runs.length, run);
    runs.push(run);
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0 || runs.length !== job.phases.length) throw new Error(`the load generator exited with ${code} after ${runs.length} of ${job.phases.length} phases`);
  return runs;
}

async function main(jobPath: string): Promise<void> {
  const job = JSON.parse(readFileSync(jobPath, 'utf8')) as Job;
  for (const phase of job.phases) {
    const run = await openLoop(job.url, phase, job.ratePerSecond);
    process.stdout.write(`${JSON.stringify(run)}\n`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const jobPath = process.argv[2];
  if (!jobPath) throw new Error('usage: open-loop-process.ts JOB_FILE');
  await main(jobPath);
}
