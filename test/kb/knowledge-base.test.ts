/**
 * The knowledge base as the bot runs it: indexed at start-up, re-indexed
 * when a file changes (waiting on the change being searchable, never on a
 * fixed sleep), quiet about a missing folder, and stopped cleanly.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeBaseError } from '../../src/errors.js';
import { startKnowledgeBase, type IndexSummary } from '../../src/kb/index.js';
import { openDatabase } from '../../src/store/db.js';
import { until } from '../support/until.js';
import { captureLogger, workspace } from './support.js';

const space = workspace('kb-start');
afterAll(() => space.cleanup());

describe('startKnowledgeBase', () => {
  it('indexes at start-up and picks up a changed, an added and a removed file while running', async () => {
    space.write('refunds.md', '# Refunds\n\n## Money back\nFull refund within 30 days.');
    const db = space.open();
    const { logger, lines } = captureLogger();
    const summaries: IndexSummary[] = [];
    const kb = startKnowledgeBase({ sqlite: db.sqlite, path: space.kb, logger, debounceMs: 50, onIndexed: (summary) => summaries.push(summary) });
    try {
      expect(summaries[0]).toMatchObject({ added: ['refunds.md'], passages: 1 });
      expect(lines().some((line) => line.msg === 'knowledge base indexed' && line.passages === 1)).toBe(true);
      const search = (text: string) => kb.retriever.searchOffline({ text }, 3);

      space.write('refunds.md', '# Refunds\n\n## Money back\nFull refund within 30 days.\n\n## Chargebacks\nTalk to us before opening a chargeback.');
      await until(() => search('chargeback').some((hit) => hit.heading === 'Chargebacks'), 'the changed file to be searchable');

      space.write('guides/security.md', '# Security\n\n## Encryption\nAES-256 at rest.');
      await until(() => search('encryption').some((hit) => hit.source === 'guides/security.md'), 'the added file to be searchable');

      rmSync(join(space.kb, 'guides', 'security.md'));
      await until(() => search('encryption').length === 0, 'the removed file to leave the index');
      expect(lines().some((line) => line.msg === 'knowledge base re-indexed after a change')).toBe(true);
    } finally {
      kb.stop();
    }
  });

  it('stops watching on stop(): a change that a running instance sees leaves the stopped one alone', async () => {
    const { logger } = captureLogger();
    const stoppedRuns: IndexSummary[] = [];
    const stopped = startKnowledgeBase({ sqlite: space.open().sqlite, path: space.kb, logger, debounceMs: 10, onIndexed: (summary) => stoppedRuns.push(summary) });
    stopped.stop();
    // A second instance on its own database watches the same folder: its re-index is the positive sign that the change was seen.
    const other = openDatabase(join(space.root, 'other.db'));
    const liveRuns: IndexSummary[] = [];
    const live = startKnowledgeBase({ sqlite: other.sqlite, path: space.kb, logger, debounceMs: 10, onIndexed: (summary) => liveRuns.push(summary) });
    try {
      space.write('late.md', '# Late\n\n## Webhooks\nSigned with HMAC.');
      await until(() => liveRuns.some((summary) => summary.added.includes('late.md')), 'the running instance to index the change');
      expect(stoppedRuns).toHaveLength(1);
      expect(stopped.reindex().added).toEqual(['late.md']);
    } finally {
      live.stop();
      other.close();
    }
  });

  it('treats a missing folder as an empty knowledge base and says so in one info line', () => {
    const db = space.open();
    const { logger, lines } = captureLogger();
    const kb = startKnowledgeBase({ sqlite: db.sqlite, path: join(space.root, 'no-such-folder'), logger });
    try {
      expect(kb.retriever.searchOffline({ text: 'refund' }, 3)).toEqual([]);
      const info = lines().filter((line) => line.level === 30);
      expect(info.some((line) => String(line.msg).startsWith('no knowledge base folder at'))).toBe(true);
      expect(lines().some((line) => (line.level as number) >= 50)).toBe(false);
    } finally {
      kb.stop();
    }
  });

  it('records gaps and lists the top topics', () => {
    const db = space.open();
    const { logger } = captureLogger();
    const kb = startKnowledgeBase({ sqlite: db.sqlite, path: space.kb, logger, watch: false, clock: () => new Date('2026-12-07T09:00:00Z') });
    const topic = kb.retriever.gapTopic({ text: 'Do you have an affiliate program?', category: 'sales' });
    expect(kb.recordGap({ ticketId: 7, topic, query: 'Do you have an affiliate program?', language: 'en' })).toBe(true);
    expect(kb.topGaps()).toMatchObject([{ topic, tickets: 1 }]);
  });

  it('throws a KnowledgeBaseError naming KB_PATH when an explicit re-index cannot read the folder', () => {
    const db = space.open();
    const { logger } = captureLogger();
    space.write('file.md', '# A file, not a folder');
    const kb = startKnowledgeBase({ sqlite: db.sqlite, path: join(space.kb, 'file.md', 'sub'), logger, watch: false });
    db.sqlite.close();
    try {
      kb.reindex();
      expect.unreachable('reindex should have thrown');
    } catch (error) {
      expect(KnowledgeBaseError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('KB_PATH=');
      expect((error as Error).cause).toBeInstanceOf(Error);
    }
  });
});
