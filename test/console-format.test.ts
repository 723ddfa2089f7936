/**
 * The console's card as text: what the neutral card says (money through
 * formatUsd, sources when present, who resolved it), the review prompt built
 * from the card's actions, and private answers marked apart from cards.
 */
import { describe, expect, it } from 'vitest';
import { MARKS, formatCard, formatPrivate, pickedAction, reviewPrompt } from '../adapters/console/format.js';
import { cardFor } from '../src/present/card.js';
import { formatUsd } from '../src/present/money.js';
import { line, quote } from '../src/present/rich-text.js';
import { resolvedCardOf } from './support/card-states.js';
import { sampleOutcome } from './support/sample-outcome.js';

const outcome = sampleOutcome({ platform: 'console', channelId: 'console', threadId: 'abc-1', customerId: 'console-customer', customerName: null });

describe('console card', () => {
  it('shows what the card says, money as formatUsd writes it', () => {
    const text = formatCard(cardFor(outcome()));
    expect(text.split('\n')[0]).toBe(`${MARKS.card}Ticket #42 needs review · awaiting_review ${'─'.repeat(8)}`);
    // The console sends no display name: the id alone.
    expect(text).toContain('  customer: console-customer\n');
    expect(text).toContain('  urgency: high');
    expect(text).toContain('  confidence: 0.82 · risk: refund');
    expect(text).toContain('  route: human review (by nano)');
    expect(text).toContain('  why: refund requested, low model confidence');
    expect(text).toContain('  fields: orders A-5521 · emails ana@example.com · amounts 49.9 EUR');
    expect(text).toContain(`  cost so far: ${formatUsd(0.00421)}`);
    expect(formatUsd(0.00421)).toBe('$0.0042');
    expect(text).toMatch(/ {2}summary:\n {4}Customer was charged twice/);
    expect(text).toMatch(/ {2}draft reply \(mini, en\):\n {4}Sorry about the double charge, Ana\./);
    expect(text).not.toMatch(/sources:|no draft:/);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('shows, when nothing was billed, what the offline calls would cost on the configured models, as an estimate', () => {
    const offline = formatCard(cardFor(outcome({ costUsd: 0, estimatedCostUsd: 0.00231 })));
    expect(offline).toContain('\n  cost so far: $0.00 (about $0.0023 on the configured models, estimated)\n');
    for (const line of offline.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    // Billed and unbilled calls together: the bill first, the estimate as an extra.
    expect(formatCard(cardFor(outcome({ costUsd: 0.0121, estimatedCostUsd: 0.00231 })))).toContain(
      '\n  cost so far: $0.012 (plus about $0.0023 on the configured models for calls not billed, estimated)\n',
    );
    expect(formatCard(cardFor(outcome({ costUsd: 0, estimatedCostUsd: 0 })))).toContain('\n  cost so far: $0.00\n');
  });

  it('lists sources when the card has them', () => {
    const card = { ...cardFor(outcome()), sources: [{ title: 'Refund policy', location: 'docs/refunds.md#double-charges', url: 'https://help.example.com/refunds' }, { title: 'Billing FAQ', location: 'docs/billing.md' }] };
    expect(formatCard(card)).toContain('  sources:\n    - Refund policy (docs/refunds.md#double-charges) https://help.example.com/refunds\n    - Billing FAQ (docs/billing.md)');
  });

  it('says who resolved a card and why, and why there is no draft', () => {
    const rejected = resolvedCardOf(outcome({ ticket: { ...outcome().ticket, status: 'closed' } }), { actorId: 'console-reviewer', action: 'reject', at: new Date(), detail: 'not our customer' });
    expect(formatCard(rejected)).toMatch(/ {2}rejected draft \(mini, en\):[\s\S]*\n {2}Rejected by console-reviewer — not our customer$/);
    const failed = resolvedCardOf(outcome(), { actorId: 'bot', action: 'failed', at: new Date(), detail: 'slack not_in_channel' });
    expect(formatCard(failed)).toMatch(/\n {2}Failed — slack not_in_channel$/);
    expect(formatCard(cardFor(outcome({ draft: null, decision: { route: 'human_only', reasons: ['vip_customer'], decidedBy: 'policy' } })))).toContain('  no draft: this ticket goes to a person');
  });

  it('prompts for the actions the card offers, and reads only those', () => {
    const full = cardFor(outcome()).actions;
    expect(reviewPrompt(full)).toBe('[a]pprove  [e]dit  [r]eject  escalate [x]  [s]kip > ');
    const noDraft = cardFor(outcome({ draft: null })).actions;
    expect(reviewPrompt(noDraft)).toBe('[r]eject  escalate [x]  [s]kip > ');
    expect(pickedAction(' A ', full)).toBe('approve');
    expect(pickedAction('approve', noDraft)).toBeNull();
    expect(pickedAction('skip', noDraft)).toBe('skip');
    expect(pickedAction('', full)).toBeNull();
  });

  it('marks private answers and indents their further lines', () => {
    expect(formatPrivate(MARKS.answer, [line({ strong: 'Ticket #1' }, ' · sent'), line('Customer: x'), quote('a\nb')])).toBe('» Ticket #1 · sent\n  Customer: x\n    a\n    b');
    expect(formatPrivate(MARKS.refused, 'This cannot be empty; nothing was changed.')).toBe('✗ This cannot be empty; nothing was changed.');
  });
});
