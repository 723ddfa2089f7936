/**
 * Drafts grounded in the team's docs, through the real pipeline, store and
 * offline models: a question the sample KB answers gets a draft that quotes
 * and cites the right file (stored with the draft, listed on the card, opened
 * by `/triage source`); a German question finds the German passage; a
 * question the KB does not answer is marked "no grounding", is never sent
 * automatically, and is counted as a knowledge gap.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCore, type Core } from '../../src/core.js';
import { buildWeeklyReport } from '../../src/jobs/weekly-report.js';
import { silentLogger } from '../../src/logger.js';
import { weekContaining } from '../../src/periods.js';
import { weeklyReportText } from '../../src/present/report-text.js';
import { loadOutcome } from '../../src/pipeline/outcome.js';
import { cardFor, NO_GROUNDING_NOTE } from '../../src/present/card.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('triage-grounded');
const SAMPLE_KB = join(import.meta.dirname, '..', '..', 'kb');
const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

function start(name: string, channel = new RecordingChannel()): Core {
  const config = loadConfig({ DATABASE_PATH: dir.file(`${name}.db`), MODEL_PROVIDER: 'offline', AUTO_SEND: 'true', KB_PATH: SAMPLE_KB });
  const core = createCore(config, silentLogger(), { channels: () => channel, watchKnowledgeBase: false });
  cores.push(core);
  return core;
}

async function ask(core: Core, text: string, thread: string) {
  const { ticket } = await core.workflow.receive({ thread: { platform: 'console', channelId: 'C1', threadId: thread }, messageId: thread, customer: { id: 'cust', name: 'Robin' }, text, receivedAt: new Date() });
  await core.workflow.idle();
  return await loadOutcome(core.store, ticket.id);
}

describe('drafts grounded in the knowledge base', () => {
  it('quotes and cites the passage that answers the question, on the stored draft and the card', async () => {
    const core = start('answered');
    const outcome = await ask(core, 'Which payment methods do you accept? Can we pay by PayPal?', 't-pay');
    const draft = await core.store.triage.latestDraft(outcome.ticket.id);
    expect(draft?.grounding).toBe('grounded');
    expect(draft?.sources.map((source) => source.source)).toEqual([expect.stringMatching(/billing|rechnung/)]);
    expect(draft?.text).toMatch(/PayPal/);
    const card = cardFor(outcome);
    expect(card.sources).toHaveLength(1);
    expect(card.sources[0]?.location).toContain(`/triage source ${outcome.ticket.id} 1`);
    expect(card.notes).not.toContain(NO_GROUNDING_NOTE);
  });

  it('answers a German customer from the German passage', async () => {
    const core = start('german');
    const outcome = await ask(core, 'Guten Tag, wo finde ich meine Rechnungen als PDF?', 't-rechnung');
    const draft = await core.store.triage.latestDraft(outcome.ticket.id);
    expect(draft?.language).toBe('de');
    expect(draft?.sources[0]).toMatchObject({ source: 'de/rechnung-und-zahlung.md', heading: 'Rechnungen herunterladen' });
    expect(draft?.text).toContain('Einstellungen → Abrechnung');
  });

  it('marks a draft the docs do not support "no grounding", never sends it alone, and counts the gap', async () => {
    const channel = new RecordingChannel();
    const core = start('gap', channel);
    const outcome = await ask(core, 'Do you have an affiliate programme for agencies who resell your product?', 't-affiliate');
    const draft = await core.store.triage.latestDraft(outcome.ticket.id);
    expect(draft).toMatchObject({ grounding: 'no_grounding', sources: [] });
    expect(outcome.ticket.status).toBe('awaiting_review');
    expect(outcome.decision.reasons).toContain('no_grounding');
    expect(channel.posted).toEqual([]);
    expect(cardFor(outcome).notes).toContain(NO_GROUNDING_NOTE);
    const gaps = core.knowledge.topGaps();
    expect(gaps.map((gap) => gap.tickets)).toEqual([1]);
    // The weekly report lists it among the questions the docs do not answer.
    const week = weekContaining(new Date(), 'UTC');
    const report = await buildWeeklyReport({ store: core.store, tiers: core.tiers, budget: null, timeZone: 'UTC', knowledgeGaps: (range) => core.knowledge.topGaps(range) }, week);
    expect(report.knowledgeGaps).toEqual([{ topic: gaps[0]?.topic, tickets: 1, example: expect.stringContaining('affiliate') }]);
    expect(weeklyReportText(report)).toContain('Questions the knowledge base did not answer');
  });
});
