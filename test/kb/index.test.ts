/**
 * Incremental indexing into the bot's own SQLite file (migration 0007): a
 * changed file has its passages replaced and nothing else is touched; a
 * removed file's passages leave the table and the full-text index.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { reindexFolder } from '../../src/kb/indexer.js';
import { PassageStore } from '../../src/kb/passage-store.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { workspace } from './support.js';

const space = workspace('kb-index');
afterAll(() => space.cleanup());

describe('re-indexing', () => {
  const db = space.open();
  const store = new PassageStore(db.sqlite);
  const ids = (source: string) => store.passagesOf(source).map((passage) => passage.id);
  const ftsRows = () => (db.sqlite.prepare('select count(*) as n from kb_passages_fts').get() as { n: number }).n;

  it('indexes every file at first, then nothing while nothing changes', () => {
    space.write('refunds.md', '# Refunds\n\n## Money back\nFull refund within 30 days.\n\n## Annual plans\nNot pro rata.');
    space.write('security.md', '# Security\n\n## Encryption\nAES-256 at rest, TLS in transit.');
    const first = reindexFolder(store, space.kb);
    expect(first).toMatchObject({ folderFound: true, files: 2, added: ['refunds.md', 'security.md'], changed: [], removed: [], passages: 3 });
    expect(ftsRows()).toBe(3);
    const again = reindexFolder(store, space.kb);
    expect(again).toMatchObject({ added: [], changed: [], removed: [], unchanged: 2, passages: 3 });
  });

  it('replaces only the passages of a changed file', () => {
    const securityBefore = ids('security.md');
    const refundsBefore = ids('refunds.md');
    space.write('refunds.md', '# Refunds\n\n## Money back\nFull refund within 14 days.');
    const summary = reindexFolder(store, space.kb);
    expect(summary).toMatchObject({ added: [], changed: ['refunds.md'], removed: [], unchanged: 1, passages: 2 });
    expect(ids('security.md')).toEqual(securityBefore);
    expect(ids('refunds.md').some((id) => refundsBefore.includes(id))).toBe(false);
    expect(store.passagesOf('refunds.md').map((p) => p.text)).toEqual(['Full refund within 14 days.']);
    expect(store.search('"30"', 5)).toEqual([]);
    expect(store.search('"14"', 5).map((p) => p.source)).toEqual(['refunds.md']);
  });

  it('drops a removed file from the table and the full-text index', () => {
    rmSync(join(space.kb, 'security.md'));
    const summary = reindexFolder(store, space.kb);
    expect(summary).toMatchObject({ removed: ['security.md'], passages: 1 });
    expect(store.passagesOf('security.md')).toEqual([]);
    expect(store.search('"encryption"', 5)).toEqual([]);
    expect(ftsRows()).toBe(1);
  });

  it('empties the index when the folder disappears, and says it was not found', () => {
    const summary = reindexFolder(store, join(space.kb, 'gone'));
    expect(summary).toMatchObject({ folderFound: false, files: 0, removed: ['refunds.md'], passages: 0 });
    expect(ftsRows()).toBe(0);
  });

  it('keeps the full-text index consistent with its content table', () => {
    reindexFolder(store, space.kb);
    expect(() => db.sqlite.prepare("insert into kb_passages_fts (kb_passages_fts, rank) values ('integrity-check', 1)").run()).not.toThrow();
  });
});
