/**
 * Tickets waiting for a reviewer, written straight to the store the way the
 * pipeline leaves them (intake, triage, routing decision, draft, then
 * `awaiting_review`): what `desk.openCards` reads back as open cards. Going
 * through the workflow with offline models gives the same rows at ~40 ms a
 * ticket; this gives them in a fraction of that (one transaction per
 * batch), so a bench or a test can afford 1,000.
 */
import type { Classification, Urgency } from '../../src/domain/index.js';
import type { Store } from '../../src/store/types.js';

const URGENCIES: readonly Urgency[] = ['urgent', 'high', 'normal', 'low'];
const ROUTES = ['human_review', 'flagship_review', 'human_only'] as const;

const BATCH = 200;

/**
 * Seeds `count` web tickets waiting for review; returns their ids, oldest
 * first. `tag` keeps their threads apart from another call's (a thread that
 * exists already would take the message as a follow-up).
 */
export async function seedWaitingTickets(store: Store, count: number, tag = 'seed'): Promise<number[]> {
  const ids: number[] = [];
  for (let first = 0; first < count; first += BATCH) {
    await store.transaction(async () => {
      for (let n = first; n < Math.min(count, first + BATCH); n++) ids.push(await seedOne(store, n, tag));
    });
  }
  return ids;
}

async function seedOne(store: Store, n: number, tag: string): Promise<number> {
  const order = `A-${10_000 + n}`;
  const { ticket } = await store.tickets.intake({
    thread: { platform: 'web', channelId: 'try', threadId: `t-${tag}-${n}` },
    messageId: `m-${tag}-${n}`,
    customer: { id: `web:customer-${n % 300}`, name: `Customer ${n % 300}` },
    text: `I was charged twice for order ${order}. Please refund the second charge, and tell me when it reaches my card.`,
    receivedAt: new Date(),
  });
  const classification: Classification = {
    urgency: URGENCIES[n % URGENCIES.length] ?? 'normal',
    category: 'refund',
    language: 'en',
    sentiment: 'negative',
    riskFlags: ['refund'],
    needsReply: true,
    confidence: 0.8,
  };
  await store.tickets.applyTriage(ticket.id, classification);
  await store.tickets.setSummary(ticket.id, `Customer was charged twice for order ${order} and wants a refund.`);
  await store.triage.saveTriage(ticket.id, {
    classification,
    classifiedBy: 'nano',
    fields: { orderIds: [order], accountIds: [], emails: [`customer-${n % 300}@example.com`], products: [], amounts: [{ value: 49.9, currency: 'EUR' }] },
    promptVersions: ['seed'],
  });
  await store.tickets.transition(ticket.id, 'triaged');
  await store.triage.saveDecision(ticket.id, { route: ROUTES[n % ROUTES.length] ?? 'human_review', reasons: ['risk_refund'], decidedBy: 'nano' }, ['seed']);
  await store.triage.saveDraft(ticket.id, {
    source: 'mini',
    text: `Sorry about the double charge. We have refunded the second payment for order ${order}; it reaches your card in 3 to 5 business days.`,
    language: 'en',
    confidence: 0.8,
    promptVersion: 'seed',
  });
  await store.tickets.transition(ticket.id, 'drafted');
  await store.tickets.transition(ticket.id, 'awaiting_review');
  return ticket.id;
}
