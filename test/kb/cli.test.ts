/**
 * The three commands, run as a user runs them (a child process through tsx)
 * against a temp KB folder and a temp database: `kb:index`, `kb:search
 * --json` (an array of {source, heading, score, text}) and `kb:gaps --json`.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeGaps } from '../../src/kb/gaps.js';
import { workspace } from './support.js';

const space = workspace('kb-cli');
afterAll(() => space.cleanup());

space.write('refunds.md', '---\nlanguage: en\n---\n# Refund policy\n\n## Money-back guarantee\nFull refund within 30 days of your first payment.');
space.write('de/konto.md', '---\nlanguage: de\n---\n# Konto\n\n## Passwort vergessen\nKlicken Sie auf „Passwort vergessen?“.');

function run(script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_PATH: space.database, KB_PATH: space.kb, LOG_LEVEL: 'silent' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kb CLI', () => {
  it('kb:index indexes the folder and reports what changed', () => {
    const first = run('kb-index', ['--json']);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ folderFound: true, files: 2, added: ['de/konto.md', 'refunds.md'], passages: 2 });
    const again = run('kb-index', []);
    expect(again.stdout).toContain('0 added, 0 changed, 0 removed, 2 unchanged');
  });

  it('kb:search --json prints [{source, heading, score, text}], best first, source relative to the KB folder', () => {
    const result = run('kb-search', ['I forgot my password', '--json', '--limit', '2']);
    expect(result.status).toBe(0);
    const hits = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(2);
    for (const hit of hits) {
      expect(Object.keys(hit).sort()).toEqual(['heading', 'score', 'source', 'text']);
      expect(typeof hit.score).toBe('number');
    }
    expect(hits[0]).toMatchObject({ source: 'de/konto.md', heading: 'Passwort vergessen' });
  });

  it('kb:search prints readable results, and refuses a missing text or a bad limit with a stable code', () => {
    expect(run('kb-search', ['Rückerstattung']).stdout).toMatch(/^1\. refunds\.md › Money-back guarantee/);
    const empty = run('kb-search', []);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('error INPUT_INVALID');
    expect(run('kb-search', ['refund', '--limit', 'lots']).stderr).toContain('--limit expects a whole number');
  });

  it('kb:gaps --json prints the top topics from the database', () => {
    const { open } = space;
    const db = open();
    new KnowledgeGaps(db.sqlite).record({ ticketId: 3, topic: 'sales: affiliat, program', query: 'Affiliate program?', language: 'en' });
    db.close();
    const result = run('kb-gaps', ['--json', '--days', '1']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject([{ topic: 'sales: affiliat, program', tickets: 1, example: 'Affiliate program?', languages: ['en'] }]);
    expect(run('kb-gaps', []).stdout).toContain('sales: affiliat, program');
  });
});
