/**
 * Several processes on one SQLite file: three `npm run replay` at once and
 * `npm start` (the console) beside them, all writing. None may crash on a
 * busy database (a read-then-write transaction begins IMMEDIATE and retries),
 * none may leave a ticket behind, and the file must stay intact.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { IN_PROGRESS_STATUSES, type TicketStatus } from '../../src/domain/index.js';
import { tempDir } from '../support/temp-dir.js';
import { report } from './chaos-support.js';

const dir = tempDir('chaos-shared-db');
afterAll(() => dir.cleanup());

const PER_REPLAY = 150;
const MESSAGES = [
  'How do I export my reports to CSV?',
  'I was charged twice for order #4411, please refund $39.',
  'Our whole team cannot log in since 9am, error 502 everywhere.',
  'Feature request: dark mode please.',
  'Die Rechnung 2291 ist falsch, bitte korrigieren.',
  'Thanks, that fixed it!',
];

function run(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}

describe('shared database: several processes writing one SQLite file', () => {
  it('three replays and npm start at once: no crash, no ticket left behind, the file intact', async () => {
    const database = dir.file('shared.db');
    const input = dir.file('tickets.jsonl');
    writeFileSync(input, Array.from({ length: PER_REPLAY }, (_, i) => JSON.stringify({ subject: `Case ${i}`, body: `${MESSAGES[i % MESSAGES.length]} (case ${i})` })).join('\n'));
    // WEB_PORT=off: npm start must end with its input (the web console would keep it up).
    const env = { PATH: process.env.PATH, DATABASE_PATH: database, MODEL_PROVIDER: 'offline', LOG_LEVEL: 'warn', WEB_PORT: 'off' };
    // The console answers each card before it reads the next message: one ticket typed, then input ends.
    const typed = 'Console case | How do I export my reports to CSV?';

    const results = await Promise.all([
      ...[1, 2, 3].map(() => run(['src/cli/replay.ts', '--input', input, '--db', database, '--json', '--review', 'approve'], env)),
      run(['src/main.ts'], env, `${typed}\n`),
    ]);

    const db = new Database(database, { readonly: true });
    const statuses = db.prepare('SELECT status, count(*) AS n FROM tickets GROUP BY status').all() as { status: TicketStatus; n: number }[];
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check;
    const open = (db.prepare("SELECT count(*) AS n FROM model_calls WHERE outcome = 'in_flight'").get() as { n: number }).n;
    db.close();
    const total = statuses.reduce((sum, row) => sum + row.n, 0);
    const stuck = statuses.filter((row) => IN_PROGRESS_STATUSES.includes(row.status));
    report('shared database', {
      processes: results.length,
      'exit codes': results.map((result) => result.code).join(', '),
      tickets: total,
      statuses: statuses.map((row) => `${row.status} ${row.n}`).join(', '),
      'stuck in progress': stuck.reduce((sum, row) => sum + row.n, 0),
      'ledger rows left in flight': open,
      integrity_check: integrity,
    });
    for (const result of results) {
      if (result.code !== 0) console.log(result.stderr.slice(-3_000));
      expect(result.code).toBe(0);
      expect(result.stderr).not.toMatch(/SQLITE_BUSY|database is locked/);
    }
    for (const replay of results.slice(0, 3)) expect((JSON.parse(replay.stdout) as { tickets: number }).tickets).toBe(PER_REPLAY);
    expect(total).toBe(PER_REPLAY * 3 + 1);
    expect(stuck).toEqual([]);
    expect(open).toBe(0);
    expect(integrity).toBe('ok');
  });
});
