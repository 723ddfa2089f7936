/**
 * A ticket's timeline read from every store (backends.ts) through the same
 * interface: entries in time order with ties in cause-then-effect order,
 * each ledger outcome (ok, failed, shadow, abandoned, offline estimate) in
 * words and raw numbers, reasons as labels, deliveries confirmed or not, and
 * the header's cost without the shadow call.
 */
import { expect, it } from 'vitest';
import { ticketTimeline } from '../../src/web/ticket-timeline.js';
import type { CallEntry, DeliveryEntry, ReviewEntry, StateEntry } from '../../src/web/timeline-entries.js';
import { contractSuite } from './backends.js';
import { message, modelCall } from './fixtures.js';

const T = new Date('2026-11-20T10:00:00.000Z');
const after = (ms: number) => new Date(T.getTime() + ms);

contractSuite('ticket timeline', (context) => {
  it('gathers one ticket’s records in order, with every call outcome, reasons in words and the cost without shadow calls', async () => {
    const { store } = context;
    const { ticket } = await store.tickets.intake(message({ receivedAt: T }));
    // Another ticket's records stay off this timeline.
    const other = (await store.tickets.intake(message({ thread: { platform: 'slack', channelId: 'C1', threadId: 'other' }, messageId: 'other', receivedAt: T }))).ticket;
    await store.modelCalls.record(modelCall({ ticketId: other.id, createdAt: T }));

    const id = ticket.id;
    // Started in the very millisecond the message arrived: after the message and the ticket's opening.
    await store.modelCalls.record(modelCall({ ticketId: id, createdAt: T, costNanos: 1_000_000 }));
    await store.modelCalls.record(modelCall({ ticketId: id, stage: 'draft', tier: 'mini', model: 'gpt-5.4-mini', outcome: 'MODEL_TIMEOUT', errorMessage: 'no answer in 30 s', costNanos: 0, createdAt: after(1_000), latencyMs: 30_000 }));
    await store.modelCalls.record(modelCall({ ticketId: id, stage: 'second_opinion', tier: 'flagship', model: 'gpt-5.4', shadow: true, costNanos: 5_000_000, createdAt: after(2_000) }));
    await store.modelCalls.open({
      attemptId: 'dead-1', owner: 'dead', ticketId: id, stage: 'draft', tier: 'mini', provider: 'openai', model: 'gpt-5.4-mini',
      promptName: 'draft', promptVersion: 'draft@1', priceVersion: 'v1', worstCaseNanos: 7_000, createdAt: after(3_000),
    });
    expect(await store.modelCalls.closeAbandoned(['dead'])).toBe(1);
    await store.modelCalls.record(modelCall({ ticketId: id, stage: 'summarize', provider: 'offline', costNanos: 0, estimatedCostNanos: 300_000, createdAt: after(4_000), latencyMs: 1_234 }));

    await store.tickets.transition(id, 'triaged');
    await store.triage.saveDecision(id, { route: 'human_review', reasons: ['low_confidence', 'risk_refund'], decidedBy: 'nano' }, ['classify@1']);
    const draft = await store.triage.saveDraft(id, { source: 'mini', text: 'We are on it <b>now</b>.', language: 'en', confidence: 0.7, promptVersion: 'draft@1' });
    await store.tickets.transition(id, 'drafted');
    await store.tickets.transition(id, 'awaiting_review', 'low_confidence');
    await store.reviews.record({ ticketId: id, draftId: draft.id, reviewer: 'flagship', reviewerKind: 'model', action: 'defer', editedText: null, reason: 'flagship_deferred' });
    await store.tickets.transition(id, 'approved', 'edit by U42');
    await store.reviews.record({ ticketId: id, draftId: draft.id, reviewer: 'U42', reviewerKind: 'human', action: 'edit', editedText: 'We are on it.', reason: null });
    await store.tickets.recordOutbound(id, { channelId: 'C1', authorId: 'bot', text: 'lost on the way', platformMessageId: null });
    const sent = await store.tickets.recordOutbound(id, { channelId: 'C1', authorId: 'bot', text: 'We are on it.', platformMessageId: null });
    await store.tickets.confirmOutbound(sent, 'P-77');
    await store.tickets.transition(id, 'sent');

    const timeline = await ticketTimeline(store, id);
    expect(timeline).not.toBeNull();
    const { ticket: header, entries } = timeline!;

    const times = entries.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(entries.slice(0, 7).map((entry) => entry.kind)).toEqual(['message', 'state', 'call', 'call', 'call', 'call', 'call']);
    expect(entries[1]).toMatchObject({ kind: 'state', from: null, to: 'received' });

    const calls = entries.filter((entry): entry is CallEntry => entry.kind === 'call');
    expect(calls.map((call) => [call.stage, call.outcomeKind, call.shadow])).toEqual([
      ['classify', 'ok', false],
      ['draft', 'failed', false],
      ['second_opinion', 'ok', true],
      ['draft', 'abandoned', false],
      ['summarize', 'ok', false],
    ]);
    expect(calls[0]).toMatchObject({ tier: 'nano', model: 'gpt-5.4-nano', tokens: { input: 100, cachedInput: 20, output: 10, reasoning: 5 }, tokensText: '100 in (20 cached) · 10 out (5 reasoning)', costNanos: 1_000_000, costUsd: 0.001, costText: '$0.001', prompt: 'classify@1' });
    expect(calls[1]).toMatchObject({ outcome: 'MODEL_TIMEOUT', outcomeText: 'failed (MODEL_TIMEOUT)', errorMessage: 'no answer in 30 s', latencyMs: 30_000, latencyText: '30.0 s' });
    expect(calls[2]?.outcomeText).toContain('shadow call');
    expect(calls[3]).toMatchObject({ outcome: 'unknown_outcome', costBasis: 'worst_case', costNanos: 7_000 });
    expect(calls[3]?.costText).toContain('worst case');
    expect(calls[4]).toMatchObject({ costBasis: 'estimate', estimatedCostNanos: 300_000, costText: '$0.00 (about $0.0003 on the configured models, estimated)', latencyText: '1.2 s' });

    expect(entries.find((entry) => entry.kind === 'decision')).toMatchObject({ route: 'human_review', routeText: 'human review', reasonLabels: ['low model confidence', 'refund requested'], decidedBy: 'nano' });
    expect(entries.find((entry) => entry.kind === 'draft')).toMatchObject({ draftId: draft.id, text: 'We are on it <b>now</b>.', source: 'mini' });
    const states = entries.filter((entry): entry is StateEntry => entry.kind === 'state');
    expect(states.map((state) => [state.to, state.reasonText])).toEqual([
      ['received', null],
      ['triaged', null],
      ['drafted', null],
      ['awaiting_review', 'low model confidence'],
      ['approved', 'edit by U42'],
      ['sent', null],
    ]);
    const reviews = entries.filter((entry): entry is ReviewEntry => entry.kind === 'review');
    expect(reviews.map((review) => [review.actionText, review.reasonText, review.editedText])).toEqual([
      ['second opinion (flagship): deferred to a person', 'flagship deferred to a human', null],
      ['edited and sent by U42', null, 'We are on it.'],
    ]);
    const deliveries = entries.filter((entry): entry is DeliveryEntry => entry.kind === 'delivery');
    expect(deliveries.map((delivery) => [delivery.confirmed, delivery.deliveryText])).toEqual([
      [false, 'not confirmed'],
      [true, 'delivered (platform message P-77)'],
    ]);
    expect(entries.at(-1)).toMatchObject({ kind: 'state', to: 'sent' });

    // The header: the latest route and what handling the ticket cost, the shadow call left out.
    const billed = calls.filter((call) => !call.shadow).reduce((sum, call) => sum + call.costNanos, 0);
    expect(header).toMatchObject({ ticketId: id, status: 'sent', route: 'human_review', customer: { id: 'U1', name: 'Ada' } });
    expect(header.cost).toMatchObject({ costNanos: billed, estimatedCostNanos: 300_000 });
    expect(header.cost.text).toMatch(/^\$0\.001 \(plus about \$0\.0003 /);
    expect(await ticketTimeline(store, 9_999)).toBeNull();
  });
});
