/**
 * `--json`: bench/results.json, the figures the README cites, with what they
 * were measured on (commit, machine, quick or full) so a number can be traced
 * back. One key per figure; the file is ignored by git (it changes every run).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import type { BenchFigures } from './figure-table.js';
import type { Figure } from './figures.js';
import { significant } from './stats.js';

export interface ResultsFile {
  generatedAt: string;
  commit: string | null;
  quick: boolean;
  machine: { cpus: number; cpuModel: string; totalMemGiB: number; node: string; platform: string };
  figures: Record<string, Omit<Figure, 'key'>>;
}

function headCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

export function machine(): ResultsFile['machine'] {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    totalMemGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: process.platform,
  };
}

export function resultsFile(results: readonly BenchFigures[], quick: boolean): ResultsFile {
  const figures: ResultsFile['figures'] = {};
  for (const { figures: list } of results) {
    for (const figure of list) {
      figures[figure.key] = {
        value: significant(figure.value),
        unit: figure.unit,
        label: figure.label,
        ...(figure.target !== undefined ? { target: figure.target } : {}),
        ...(figure.met !== undefined ? { met: figure.met } : {}),
      };
    }
  }
  return { generatedAt: new Date().toISOString(), commit: headCommit(), quick, machine: machine(), figures };
}

export function writeResultsFile(path: string, file: ResultsFile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}
