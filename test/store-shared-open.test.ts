/**
 * Several processes opening one new database at the same moment (three
 * replays and `npm start`, say) all apply the migrations without failing:
 * the losers of the race find the winner's work and go on.
 */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir('store-shared-open');
afterAll(() => dir.cleanup());

function openAt(database: string, at: number): Promise<{ code: number | null; output: string }> {
  const script = `import('./src/store/sqlite/index.ts').then((m) => { while (Date.now() < ${at}); m.openSqliteStore(${JSON.stringify(database)}).close(); })`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('opening one new database from several processes at once', () => {
  it('migrates it once and every process starts', async () => {
    const database = dir.file('shared.db');
    // Each process loads first, then all open on the same millisecond.
    const at = Date.now() + 4_000;
    const results = await Promise.all([1, 2, 3, 4].map(() => openAt(database, at)));
    const failed = results.filter((result) => result.code !== 0).map((result) => result.output);
    expect(failed).toEqual([]);
  });
});
