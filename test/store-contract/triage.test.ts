/** Triage results, routing decisions and drafts: their contract on every store (backends.ts). */
import { expect, it } from 'vitest';
import type { Classification, Decision, ExtractedFields } from '../../src/domain/index.js';
import { contractSuite } from './backends.js';
import { message } from './fixtures.js';

const classification: Classification = { urgency: 'urgent', category: 'refund', language: 'en', sentiment: 'angry', riskFlags: ['refund', 'churn_threat'], needsReply: true, confidence: 0.62 };
const fields: ExtractedFields = { orderIds: ['A-1001'], accountIds: [], emails: ['ada@example.com'], products: ['Acme Cloud'], amounts: [{ value: 249.99, currency: 'USD' }] };

contractSuite('triage', (context) => {
  it('round-trips the latest triage, extraction failures included', async () => {
    const { store } = context;
    const { ticket } = await store.tickets.intake(message());
    expect(await store.triage.latestTriage(ticket.id)).toBeNull();
    await store.triage.saveTriage(ticket.id, { classification: { ...classification, confidence: 0.1 }, classifiedBy: 'nano', fields, promptVersions: ['classify@1'] });
    await store.triage.saveTriage(ticket.id, { classification, classifiedBy: 'mini', fields, extractionFailed: true, promptVersions: ['classify@1', 'extract@2'] });
    expect(await store.triage.latestTriage(ticket.id)).toEqual({ classification, classifiedBy: 'mini', fields, extractionFailed: true, promptVersions: ['classify@1', 'extract@2'] });
  });

  it('round-trips decisions: the latest, the latest per ticket, and those of a period in order', async () => {
    const { store } = context;
    const a = (await store.tickets.intake(message())).ticket;
    const b = (await store.tickets.intake(message({ thread: { platform: 'slack', channelId: 'C1', threadId: 't-b' }, messageId: 'b' }))).ticket;
    expect(await store.triage.latestDecision(a.id)).toBeNull();
    const decision: Decision = { route: 'flagship_review', reasons: ['risk_refund', 'angry_customer'], decidedBy: 'nano' };
    const before = Date.now();
    await store.triage.saveDecision(a.id, { route: 'human_review', reasons: ['low_risk_confident'], decidedBy: 'nano' }, []);
    await store.triage.saveDecision(a.id, decision, ['classify@1']);
    await store.triage.saveDecision(b.id, { route: 'auto_send', reasons: [], decidedBy: 'policy' }, []);
    const latest = await store.triage.latestDecision(a.id);
    expect(latest).toMatchObject({ ...decision, promptVersions: ['classify@1'] });
    expect(latest?.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    const map = await store.triage.latestDecisions([a.id, b.id, 999]);
    expect([...map.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(map.get(a.id)).toEqual(decision);
    const period = await store.triage.decisionsBetween(new Date(before - 60_000), new Date(Date.now() + 60_000));
    expect(period.map((row) => [row.ticketId, row.route])).toEqual([
      [a.id, 'human_review'],
      [a.id, 'flagship_review'],
      [b.id, 'auto_send'],
    ]);
    expect(await store.triage.decisionsBetween(new Date(0), new Date(before - 60_000))).toEqual([]);
    // A ticket's own decisions, oldest first (its timeline), and none of another's.
    const own = await store.triage.decisions(a.id);
    expect(own.map(({ createdAt: _createdAt, ...rest }) => rest)).toEqual([
      { route: 'human_review', reasons: ['low_risk_confident'], decidedBy: 'nano', promptVersions: [] },
      { ...decision, promptVersions: ['classify@1'] },
    ]);
    expect(own.every((row) => row.createdAt instanceof Date)).toBe(true);
    expect(await store.triage.decisions(999)).toEqual([]);
  });

  it('round-trips drafts with their sources and grounding, latest first', async () => {
    const { store } = context;
    const { ticket } = await store.tickets.intake(message());
    expect(await store.triage.latestDraft(ticket.id)).toBeNull();
    const first = await store.triage.saveDraft(ticket.id, { source: 'mini', text: 'Sorry!', language: 'en', confidence: 0.8, promptVersion: 'draft@1' });
    expect(first).toMatchObject({ ticketId: ticket.id, source: 'mini', confidence: 0.8, sources: [], grounding: null });
    const sources = [{ source: 'refunds.md', heading: 'Refund windows', url: 'https://example.com/refunds' }];
    const second = await store.triage.saveDraft(ticket.id, { source: 'flagship_rewrite', text: 'We are sorry.', language: 'en', confidence: null, promptVersion: null, sources, grounding: 'grounded' });
    expect(second.id).toBeGreaterThan(first.id);
    expect(await store.triage.latestDraft(ticket.id)).toEqual(second);
    expect(second.sources).toEqual(sources);
    await store.triage.saveDraft((await store.tickets.intake(message({ thread: { platform: 'slack', channelId: 'C1', threadId: 't-other' }, messageId: 'other' }))).ticket.id, { source: 'mini', text: 'Not this one', language: 'en', confidence: 0.5, promptVersion: 'draft@1' });
    expect(await store.triage.drafts(ticket.id)).toEqual([first, second]);
  });
});

contractSuite('reviews and cards', (context) => {
  it('round-trips reviews in order', async () => {
    const { store } = context;
    const { ticket } = await store.tickets.intake(message());
    const draft = await store.triage.saveDraft(ticket.id, { source: 'mini', text: 'Hi', language: 'en', confidence: 0.9, promptVersion: 'draft@1' });
    const first = await store.reviews.record({ ticketId: ticket.id, draftId: draft.id, reviewer: 'flagship', reviewerKind: 'model', action: 'rewrite', editedText: 'Hello', reason: 'tone' });
    await store.reviews.record({ ticketId: ticket.id, draftId: draft.id, reviewer: 'U42', reviewerKind: 'human', action: 'approve', editedText: null, reason: null });
    const reviews = await store.reviews.forTicket(ticket.id);
    expect(reviews[0]?.id).toBe(first);
    expect(reviews.map(({ id: _id, createdAt: _createdAt, ...rest }) => rest)).toEqual([
      { ticketId: ticket.id, draftId: draft.id, reviewer: 'flagship', reviewerKind: 'model', action: 'rewrite', editedText: 'Hello', reason: 'tone' },
      { ticketId: ticket.id, draftId: draft.id, reviewer: 'U42', reviewerKind: 'human', action: 'approve', editedText: null, reason: null },
    ]);
    expect(await store.reviews.forTicket(ticket.id + 1)).toEqual([]);
    await expect(store.reviews.record({ ticketId: 9_999, draftId: null, reviewer: 'U9', reviewerKind: 'human', action: 'approve', editedText: null, reason: null })).rejects.toThrow();
  });

  it('begins a card, confirms it, and finds the newest per platform', async () => {
    const { store } = context;
    const { ticket } = await store.tickets.intake(message());
    expect(await store.cards.latest(ticket.id, 'slack')).toBeNull();
    await store.cards.save({ ticketId: ticket.id, platform: 'slack', channelId: 'R1', messageId: 'old' });
    const id = await store.cards.begin({ ticketId: ticket.id, platform: 'slack', channelId: 'R1' });
    expect(await store.cards.latest(ticket.id, 'slack')).toMatchObject({ id, messageId: null });
    await store.cards.confirm(id, '1700000200.0001');
    const latest = await store.cards.latest(ticket.id, 'slack');
    expect(latest).toMatchObject({ id, ticketId: ticket.id, platform: 'slack', channelId: 'R1', messageId: '1700000200.0001' });
    expect(latest?.createdAt).toBeInstanceOf(Date);
    expect(await store.cards.latest(ticket.id, 'discord')).toBeNull();
  });
});

contractSuite('channel posts', (context) => {
  const key = { kind: 'weekly_report' as const, periodKey: '2026-11-16', platform: 'slack', channelId: 'C9' };

  it('claims a post once, marks it posted, and releases only a claim in posting', async () => {
    const { store } = context;
    expect(await store.channelPosts.find(key)).toBeNull();
    expect(await store.channelPosts.claim(key)).toBe(true);
    expect(await store.channelPosts.claim(key)).toBe(false);
    await store.channelPosts.release(key);
    expect(await store.channelPosts.find(key)).toBeNull();
    expect(await store.channelPosts.claim(key)).toBe(true);
    const at = new Date('2026-11-23T08:00:00.250Z');
    await store.channelPosts.markPosted(key, 'M1', at);
    await store.channelPosts.release(key);
    expect(await store.channelPosts.find(key)).toMatchObject({ ...key, status: 'posted', messageId: 'M1', postedAt: at });
    expect(await store.channelPosts.claim({ ...key, channelId: 'C10' })).toBe(true);
  });

  it('of two claims from two connections at once, exactly one wins', async () => {
    const { store } = context;
    const other = await context.another();
    const wins = await Promise.all([store.channelPosts.claim(key), other.channelPosts.claim(key)]);
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
});
