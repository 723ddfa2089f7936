/**
 * The offline triage measured on the checking half of the project's labelled
 * chat set (test/fixtures/labelled/check.jsonl, 160 messages, five
 * languages), through the real replay with AUTO_SEND=true: the figures the
 * README publishes are floors here, so a change that makes triage worse on
 * unseen messages fails. Tuning only ever used the tune*.jsonl files.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReplay } from '../../src/cli/run-replay.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('triage-labelled-set');
afterAll(() => dir.cleanup());
const CHECK = join(import.meta.dirname, '..', 'fixtures', 'labelled', 'check.jsonl');

describe('offline triage on the checking half', () => {
  it('meets the published figures, extracts every field, and sends no high-stakes ticket without a human', async () => {
    const { summary } = await runReplay(
      { input: CHECK, db: dir.file('check.db'), review: 'pending', concurrency: 4 },
      { MODEL_PROVIDER: 'offline', DATABASE_PATH: dir.file('unused.db'), AUTO_SEND: 'true', LOG_LEVEL: 'silent' },
    );
    expect(summary.labelled).toBe(160);
    expect(summary.urgency_macro_f1).toBeGreaterThanOrEqual(0.92);
    expect(summary.per_class?.urgent.precision).toBeGreaterThanOrEqual(0.91);
    expect(summary.per_class?.high.recall).toBeGreaterThanOrEqual(0.86);
    expect(summary.category_accuracy).toBeGreaterThanOrEqual(0.81);
    expect(summary.per_class?.urgent.recall).toBeGreaterThanOrEqual(0.9);
    expect(summary.per_class?.low.recall).toBeGreaterThanOrEqual(0.97);
    expect(summary.needs_reply_accuracy).toBeGreaterThanOrEqual(0.99);
    for (const [language, figures] of Object.entries(summary.per_language ?? {})) {
      expect(figures.urgency_macro_f1, language).toBeGreaterThanOrEqual(0.84);
    }
    expect(Object.keys(summary.per_language ?? {}).sort()).toEqual(['de', 'en', 'es', 'fr', 'pt']);
    for (const field of ['order_ids', 'emails'] as const) {
      expect(summary.extraction?.[field].precision, field).toBe(1);
      expect(summary.extraction?.[field].recall, field).toBe(1);
    }
    // Confidence means something: the verdicts it is unsure of (0.5 or less) are the ones it gets wrong more
    // often, at least one and a half times as often as the ones it is sure of (0.7 or more), and neither group is
    // a handful. (Until the rules of tune-tenth this asked for a gap of 0.2 in accuracy; as the rules got the
    // unsure verdicts right more often, a fixed gap punished every improvement, so the ratio of errors it is.)
    const bins = summary.reliability ?? [];
    const group = (picked: typeof bins) => ({
      n: picked.reduce((n, bin) => n + bin.n, 0),
      wrong: picked.reduce((n, bin) => n + (1 - (bin.accuracy ?? 0)) * bin.n, 0),
    });
    const unsure = group(bins.filter((bin) => bin.to <= 0.5 && bin.n > 0));
    const sure = group(bins.filter((bin) => bin.from >= 0.7 && bin.n > 0));
    expect(unsure.n).toBeGreaterThanOrEqual(15);
    expect(sure.n).toBeGreaterThanOrEqual(15);
    expect(unsure.wrong / unsure.n).toBeGreaterThanOrEqual(1.5 * (sure.wrong / sure.n));
    expect(summary.high_stakes_sent_without_human).toBe(0);
  }, 120_000);
});
