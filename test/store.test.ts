import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Classification, Decision, ExtractedFields, InboundMessage, TicketStatus } from '../src/domain/index.js';
import { InvalidTransitionError, StoreError, TicketNotFoundError } from '../src/errors.js';
import { openDatabase } from '../src/store/db.js';
import { ALL_TIME, totalOf, totalsBy } from '../src/store/spend-sums.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { ModelCallRecord, Store } from '../src/store/types.js';

const TABLES = ['drafts', 'messages', 'model_calls', 'reviews', 'routing_decisions', 'ticket_events', 'tickets', 'triage_results'];

let dir: string;
let dbPath: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'triage-store-'));
  dbPath = join(dir, 'nested', 'triage.db');
  store = openSqliteStore(dbPath);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function message(overrides: Partial<InboundMessage> = {}): InboundMessage {
  return {
    thread: { platform: 'slack', channelId: 'C1', threadId: '1700000000.0001' },
    messageId: '1700000000.0001',
    customer: { id: 'U1', name: 'Ada' },
    subject: 'Cannot log in',
    text: 'I cannot log in since this morning',
    receivedAt: new Date('2026-11-20T10:00:00.000Z'),
    raw: { ts: '1700000000.0001' },
    ...overrides,
  };
}

/** Drives a ticket along allowed transitions. */
async function moveTo(id: number, path: TicketStatus[]): Promise<void> {
  for (const status of path) await store.tickets.transition(id, status, `to ${status}`);
}

function modelCall(overrides: Partial<ModelCallRecord> = {}): ModelCallRecord {
  return {
    ticketId: null,
    stage: 'classify',
    tier: 'nano',
    provider: 'test',
    model: 'gpt-5.4-nano',
    requestId: null,
    promptName: 'classify',
    promptVersion: 'classify@1',
    usage: { input: 100, cachedInput: 20, output: 10, reasoning: 5 },
    costNanos: 1_000_000,
    estimatedCostNanos: null,
    priceVersion: 'v1',
    latencyMs: 12.6,
    outcome: 'ok',
    errorMessage: null,
    rawUsage: { input_tokens: 100 },
    ...overrides,
  };
}

describe('opening the database', () => {
  it('applies the migrations and creates the tables', () => {
    const raw = new Database(dbPath, { readonly: true });
    try {
      const tables = (raw.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (row) => row.name,
      );
      for (const table of TABLES) expect(tables).toContain(table);
      const applied = raw.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
      expect(applied.n).toBeGreaterThanOrEqual(1);
    } finally {
      raw.close();
    }
  });

  it('uses WAL, foreign keys and a busy timeout on its connection', () => {
    const opened = openDatabase(join(dir, 'pragmas.db'));
    try {
      expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(opened.sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      opened.close();
    }
  });

  it('leaves the store file in WAL mode', () => {
    const raw = new Database(dbPath, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('enforces foreign keys through the store', async () => {
    await expect(store.modelCalls.record(modelCall({ ticketId: 9_999 }))).rejects.toThrow(/FOREIGN KEY/);
    await expect(store.reviews.record({ ticketId: 9_999, draftId: null, reviewer: 'U9', reviewerKind: 'human', action: 'approve', editedText: null, reason: null })).rejects.toThrow(/FOREIGN KEY/);
  });

  it('fails with a StoreError naming DATABASE_PATH when the file cannot be opened', () => {
    // A directory cannot be opened as a database file.
    expect(() => openSqliteStore(dir)).toThrow(StoreError);
    expect(() => openSqliteStore(dir)).toThrow(/DATABASE_PATH/);
  });
});

describe('intake', () => {
  it('opens a ticket and stores the message', async () => {
    const result = await store.tickets.intake(message());
    expect(result.isNew).toBe(true);
    expect(result.openedTicket).toBe(true);
    expect(result.reopened).toBe(false);
    expect(result.ticket).toMatchObject({
      platform: 'slack',
      channelId: 'C1',
      threadId: '1700000000.0001',
      customerId: 'U1',
      customerName: 'Ada',
      subject: 'Cannot log in',
      status: 'received',
      urgency: null,
      summary: null,
    });
    expect(result.ticket.id).toBeGreaterThan(0);
    expect(result.ticket.createdAt.toISOString()).toBe('2026-11-20T10:00:00.000Z');

    const stored = await store.tickets.messages(result.ticket.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      ticketId: result.ticket.id,
      direction: 'inbound',
      authorId: 'U1',
      text: 'I cannot log in since this morning',
      platformMessageId: '1700000000.0001',
      editedAt: null,
      deletedAt: null,
    });
    expect(await store.tickets.get(result.ticket.id)).toEqual(result.ticket);
    expect(await store.tickets.events(result.ticket.id)).toEqual([
      { fromStatus: null, toStatus: 'received', reason: null, createdAt: new Date('2026-11-20T10:00:00.000Z') },
    ]);
  });

  it('ignores a redelivery of the same platform message', async () => {
    const first = await store.tickets.intake(message());
    const again = await store.tickets.intake(message({ text: 'redelivered copy' }));
    expect(again.isNew).toBe(false);
    expect(again.openedTicket).toBe(false);
    expect(again.reopened).toBe(false);
    expect(again.ticket.id).toBe(first.ticket.id);
    expect((await store.tickets.messages(first.ticket.id)).map((m) => m.text)).toEqual(['I cannot log in since this morning']);
    expect(await store.tickets.listByStatus('received')).toHaveLength(1);
  });

  it('treats the same message id in another channel as a different message', async () => {
    const first = await store.tickets.intake(message());
    const other = await store.tickets.intake(message({ thread: { platform: 'slack', channelId: 'C2', threadId: '1700000000.0001' } }));
    expect(other.isNew).toBe(true);
    expect(other.openedTicket).toBe(true);
    expect(other.ticket.id).not.toBe(first.ticket.id);
  });

  it('joins another message in the same thread to the ticket', async () => {
    const first = await store.tickets.intake(message());
    const second = await store.tickets.intake(
      message({ messageId: '1700000050.0002', text: 'still broken', receivedAt: new Date('2026-11-20T10:05:00.000Z') }),
    );
    expect(second.isNew).toBe(true);
    expect(second.openedTicket).toBe(false);
    expect(second.reopened).toBe(false);
    expect(second.ticket.id).toBe(first.ticket.id);
    expect((await store.tickets.messages(first.ticket.id)).map((m) => m.text)).toEqual([
      'I cannot log in since this morning',
      'still broken',
    ]);
  });

  it('joins without changing the status of a ticket in progress', async () => {
    const { ticket } = await store.tickets.intake(message());
    await moveTo(ticket.id, ['triaged', 'drafted', 'awaiting_review']);
    const joined = await store.tickets.intake(message({ messageId: 'm-2' }));
    expect(joined.reopened).toBe(false);
    expect(joined.ticket.status).toBe('awaiting_review');
    expect((await store.tickets.get(ticket.id))?.status).toBe('awaiting_review');
  });

  it.each<[TicketStatus, TicketStatus[]]>([
    ['sent', ['triaged', 'drafted', 'approved', 'sent']],
    ['closed', ['triaged', 'closed']],
    ['failed', ['failed']],
  ])('reopens a %s ticket when the customer writes again', async (status, path) => {
    const { ticket } = await store.tickets.intake(message());
    await moveTo(ticket.id, path);
    expect((await store.tickets.get(ticket.id))?.status).toBe(status);

    const at = new Date('2026-11-21T09:00:00.000Z');
    const result = await store.tickets.intake(message({ messageId: 'again', text: 'one more thing', receivedAt: at }));
    expect(result.isNew).toBe(true);
    expect(result.reopened).toBe(true);
    expect(result.openedTicket).toBe(false);
    expect(result.ticket.id).toBe(ticket.id);
    expect(result.ticket.status).toBe('received');
    expect(result.ticket.statusReason).toBe('customer_wrote_again');
    expect((await store.tickets.get(ticket.id))?.status).toBe('received');

    const last = (await store.tickets.events(ticket.id)).at(-1);
    expect(last).toEqual({ fromStatus: status, toStatus: 'received', reason: 'customer_wrote_again', createdAt: at });
    expect(await store.tickets.messages(ticket.id)).toHaveLength(2);
  });

  it('rolls back inside a failed store transaction', async () => {
    await expect(
      store.transaction(async () => {
        await store.tickets.intake(message());
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await store.tickets.listByStatus('received')).toEqual([]);
    // The message was rolled back too, so it is new again.
    expect((await store.tickets.intake(message())).isNew).toBe(true);
  });
});

describe('transition', () => {
  it('moves along the state machine and records each event with its reason', async () => {
    const { ticket } = await store.tickets.intake(message());
    const triaged = await store.tickets.transition(ticket.id, 'triaged', 'classified');
    expect(triaged.status).toBe('triaged');
    expect(triaged.statusReason).toBe('classified');
    const drafted = await store.tickets.transition(ticket.id, 'drafted');
    expect(drafted.statusReason).toBeNull();

    const events = await store.tickets.events(ticket.id);
    expect(events.map(({ fromStatus, toStatus, reason }) => ({ fromStatus, toStatus, reason }))).toEqual([
      { fromStatus: null, toStatus: 'received', reason: null },
      { fromStatus: 'received', toStatus: 'triaged', reason: 'classified' },
      { fromStatus: 'triaged', toStatus: 'drafted', reason: null },
    ]);
    expect((await store.tickets.get(ticket.id))?.status).toBe('drafted');
  });

  it('refuses a forbidden transition and changes nothing', async () => {
    const { ticket } = await store.tickets.intake(message());
    let caught: unknown;
    try {
      await store.tickets.transition(ticket.id, 'sent', 'skip ahead');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidTransitionError);
    const error = caught as InvalidTransitionError;
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.from).toBe('received');
    expect(error.to).toBe('sent');
    expect((await store.tickets.get(ticket.id))?.status).toBe('received');
    expect(await store.tickets.events(ticket.id)).toHaveLength(1);
  });

  it('refuses sent → approved', async () => {
    const { ticket } = await store.tickets.intake(message());
    await moveTo(ticket.id, ['triaged', 'drafted', 'approved', 'sent']);
    await expect(store.tickets.transition(ticket.id, 'approved')).rejects.toThrow(InvalidTransitionError);
  });

  it('throws TicketNotFoundError for an unknown ticket', async () => {
    await expect(store.tickets.transition(404, 'triaged')).rejects.toThrow(TicketNotFoundError);
    expect(await store.tickets.get(404)).toBeNull();
  });

  it('lists tickets by status, oldest first, with a limit', async () => {
    const a = (await store.tickets.intake(message())).ticket;
    const b = (await store.tickets.intake(message({ thread: { platform: 'slack', channelId: 'C1', threadId: 't-b' }, messageId: 'b' }))).ticket;
    const c = (await store.tickets.intake(message({ thread: { platform: 'discord', channelId: 'D1', threadId: 't-c' }, messageId: 'c' }))).ticket;
    await store.tickets.transition(b.id, 'triaged');
    expect((await store.tickets.listByStatus('received')).map((t) => t.id)).toEqual([a.id, c.id]);
    expect((await store.tickets.listByStatus('received', 1)).map((t) => t.id)).toEqual([a.id]);
    expect((await store.tickets.listByStatus('triaged')).map((t) => t.id)).toEqual([b.id]);
    expect(await store.tickets.listByStatus('sent')).toEqual([]);
  });

  it('applies triage fields and a summary to the ticket', async () => {
    const { ticket } = await store.tickets.intake(message());
    await store.tickets.applyTriage(ticket.id, {
      urgency: 'high',
      category: 'account',
      language: 'de',
      sentiment: 'negative',
      riskFlags: [],
      needsReply: true,
      confidence: 0.8,
    });
    await store.tickets.setSummary(ticket.id, 'Login broken since morning');
    expect(await store.tickets.get(ticket.id)).toMatchObject({
      urgency: 'high',
      category: 'account',
      language: 'de',
      sentiment: 'negative',
      summary: 'Login broken since morning',
      status: 'received',
    });
  });
});

describe('messages', () => {
  it('edits and deletes an inbound message by its platform reference', async () => {
    const { ticket } = await store.tickets.intake(message());
    const ref = { platform: 'slack', channelId: 'C1', platformMessageId: '1700000000.0001' };
    const editedAt = new Date('2026-11-20T10:01:00.000Z');
    expect(await store.tickets.editMessage(ref, 'I cannot log in (edited)', editedAt)).toBe(true);
    let stored = (await store.tickets.messages(ticket.id))[0];
    expect(stored?.text).toBe('I cannot log in (edited)');
    expect(stored?.editedAt).toEqual(editedAt);
    expect(stored?.deletedAt).toBeNull();

    const deletedAt = new Date('2026-11-20T10:02:00.000Z');
    expect(await store.tickets.deleteMessage(ref, deletedAt)).toBe(true);
    stored = (await store.tickets.messages(ticket.id))[0];
    expect(stored?.deletedAt).toEqual(deletedAt);
  });

  it('reports false for an unknown message', async () => {
    await store.tickets.intake(message());
    const unknown = { platform: 'slack', channelId: 'C1', platformMessageId: 'nope' };
    expect(await store.tickets.editMessage(unknown, 'x', new Date())).toBe(false);
    expect(await store.tickets.deleteMessage(unknown, new Date())).toBe(false);
    // Same id on another platform is a different message.
    expect(await store.tickets.editMessage({ platform: 'discord', channelId: 'C1', platformMessageId: '1700000000.0001' }, 'x', new Date())).toBe(false);
  });

  it('records an outbound message and confirms its platform id later', async () => {
    const { ticket } = await store.tickets.intake(message());
    const first = await store.tickets.recordOutbound(ticket.id, { channelId: 'C1', authorId: 'B1', text: 'On it!', platformMessageId: null });
    const second = await store.tickets.recordOutbound(ticket.id, { channelId: 'C1', authorId: 'B1', text: 'Fixed.', platformMessageId: null });
    expect(second).not.toBe(first);

    let outbound = (await store.tickets.messages(ticket.id)).filter((m) => m.direction === 'outbound');
    expect(outbound.map((m) => [m.text, m.platformMessageId, m.authorId])).toEqual([
      ['On it!', null, 'B1'],
      ['Fixed.', null, 'B1'],
    ]);

    await store.tickets.confirmOutbound(first, '1700000100.0003');
    outbound = (await store.tickets.messages(ticket.id)).filter((m) => m.direction === 'outbound');
    expect(outbound.find((m) => m.id === first)?.platformMessageId).toBe('1700000100.0003');
    expect(outbound.find((m) => m.id === second)?.platformMessageId).toBeNull();

    // The confirmed id is now a known message: a redelivered echo is not new.
    const echo = await store.tickets.intake(message({ messageId: '1700000100.0003', customer: { id: 'B1' }, text: 'On it!' }));
    expect(echo.isNew).toBe(false);
  });

  it('refuses an outbound message for an unknown ticket', async () => {
    await expect(store.tickets.recordOutbound(404, { channelId: 'C1', authorId: 'B1', text: 'x', platformMessageId: null })).rejects.toThrow(
      TicketNotFoundError,
    );
  });
});

describe('triage, decisions and drafts', () => {
  const classification: Classification = {
    urgency: 'urgent',
    category: 'refund',
    language: 'en',
    sentiment: 'angry',
    riskFlags: ['refund', 'churn_threat'],
    needsReply: true,
    confidence: 0.62,
  };
  const fields: ExtractedFields = {
    orderIds: ['A-1001'],
    accountIds: [],
    emails: ['ada@example.com'],
    products: ['Acme Cloud'],
    amounts: [{ value: 249.99, currency: 'USD' }],
  };

  it('round-trips the latest triage', async () => {
    const { ticket } = await store.tickets.intake(message());
    expect(await store.triage.latestTriage(ticket.id)).toBeNull();
    await store.triage.saveTriage(ticket.id, { classification: { ...classification, confidence: 0.1 }, classifiedBy: 'nano', fields, promptVersions: ['classify@1'] });
    await store.triage.saveTriage(ticket.id, { classification, classifiedBy: 'mini', fields, promptVersions: ['classify@1', 'extract@2'] });
    expect(await store.triage.latestTriage(ticket.id)).toEqual({
      classification,
      classifiedBy: 'mini',
      fields,
      extractionFailed: false,
      promptVersions: ['classify@1', 'extract@2'],
    });
  });

  it('round-trips the latest decision', async () => {
    const { ticket } = await store.tickets.intake(message());
    expect(await store.triage.latestDecision(ticket.id)).toBeNull();
    const decision: Decision = { route: 'flagship_review', reasons: ['risk_refund', 'angry_customer'], decidedBy: 'nano' };
    await store.triage.saveDecision(ticket.id, { route: 'human_review', reasons: ['low_risk_confident'], decidedBy: 'nano' }, []);
    await store.triage.saveDecision(ticket.id, decision, ['classify@1']);
    const latest = await store.triage.latestDecision(ticket.id);
    expect(latest).toMatchObject({ ...decision, promptVersions: ['classify@1'] });
    expect(latest?.createdAt).toBeInstanceOf(Date);
  });

  it('round-trips drafts, latest first', async () => {
    const { ticket } = await store.tickets.intake(message());
    expect(await store.triage.latestDraft(ticket.id)).toBeNull();
    const first = await store.triage.saveDraft(ticket.id, { source: 'mini', text: 'Sorry!', language: 'en', confidence: 0.8, promptVersion: 'draft@1' });
    expect(first).toMatchObject({ ticketId: ticket.id, source: 'mini', text: 'Sorry!', language: 'en', confidence: 0.8, promptVersion: 'draft@1' });
    expect(first.createdAt).toBeInstanceOf(Date);
    const second = await store.triage.saveDraft(ticket.id, { source: 'flagship_rewrite', text: 'We are sorry.', language: 'en', confidence: null, promptVersion: null });
    expect(second.id).toBeGreaterThan(first.id);
    expect(await store.triage.latestDraft(ticket.id)).toEqual(second);
  });

  it('round-trips reviews in order', async () => {
    const { ticket } = await store.tickets.intake(message());
    const draft = await store.triage.saveDraft(ticket.id, { source: 'mini', text: 'Hi', language: 'en', confidence: 0.9, promptVersion: 'draft@1' });
    await store.reviews.record({ ticketId: ticket.id, draftId: draft.id, reviewer: 'flagship', reviewerKind: 'model', action: 'rewrite', editedText: 'Hello', reason: 'tone' });
    await store.reviews.record({ ticketId: ticket.id, draftId: draft.id, reviewer: 'U42', reviewerKind: 'human', action: 'approve', editedText: null, reason: null });
    const reviews = await store.reviews.forTicket(ticket.id);
    expect(reviews.map(({ id: _id, createdAt: _createdAt, ...rest }) => rest)).toEqual([
      { ticketId: ticket.id, draftId: draft.id, reviewer: 'flagship', reviewerKind: 'model', action: 'rewrite', editedText: 'Hello', reason: 'tone' },
      { ticketId: ticket.id, draftId: draft.id, reviewer: 'U42', reviewerKind: 'human', action: 'approve', editedText: null, reason: null },
    ]);
    expect(reviews[0]?.createdAt).toBeInstanceOf(Date);
    expect(await store.reviews.forTicket(ticket.id + 1)).toEqual([]);
  });
});

describe('model call ledger', () => {
  it('round-trips a call', async () => {
    const { ticket } = await store.tickets.intake(message());
    await store.modelCalls.record(modelCall({ ticketId: ticket.id, requestId: 'req_1', outcome: 'MODEL_TIMEOUT', errorMessage: 'slow' }));
    const [row] = await store.modelCalls.forTicket(ticket.id);
    expect(row).toMatchObject({
      ticketId: ticket.id,
      stage: 'classify',
      tier: 'nano',
      provider: 'test',
      model: 'gpt-5.4-nano',
      requestId: 'req_1',
      promptName: 'classify',
      promptVersion: 'classify@1',
      usage: { input: 100, cachedInput: 20, output: 10, reasoning: 5 },
      costNanos: 1_000_000,
      estimatedCostNanos: null,
      priceVersion: 'v1',
      latencyMs: 13,
      outcome: 'MODEL_TIMEOUT',
      errorMessage: 'slow',
      rawUsage: { input_tokens: 100 },
    });
    expect(row?.createdAt).toBeInstanceOf(Date);
  });

  it('sums spend per tier and per ticket, in whole nano-dollars', async () => {
    const a = (await store.tickets.intake(message())).ticket;
    const b = (await store.tickets.intake(message({ thread: { platform: 'slack', channelId: 'C1', threadId: 'other' }, messageId: 'other' }))).ticket;
    await store.modelCalls.record(modelCall({ ticketId: a.id, tier: 'nano', costNanos: 1_000_000, usage: { input: 100, cachedInput: 20, output: 10, reasoning: 0 } }));
    await store.modelCalls.record(modelCall({ ticketId: a.id, tier: 'nano', costNanos: 2_000_000, usage: { input: 300, cachedInput: 0, output: 30, reasoning: 0 } }));
    await store.modelCalls.record(modelCall({ ticketId: a.id, tier: 'flagship', costNanos: 50_000_000, usage: { input: 1000, cachedInput: 500, output: 200, reasoning: 100 } }));
    await store.modelCalls.record(modelCall({ ticketId: b.id, tier: 'mini', costNanos: 0, estimatedCostNanos: 4_000_000, usage: { input: 50, cachedInput: 0, output: 5, reasoning: 0 } }));
    await store.modelCalls.record(modelCall({ ticketId: null, tier: 'mini', costNanos: 10_000_000, usage: { input: 10, cachedInput: 0, output: 1, reasoning: 0 } }));
    // A shadow call is spend, but not what handling the ticket cost.
    await store.modelCalls.record(modelCall({ ticketId: a.id, tier: 'flagship', costNanos: 7_000_000, shadow: true }));

    expect(await store.modelCalls.ticketCost(a.id)).toEqual({ costNanos: 53_000_000, estimatedCostNanos: 0 });
    expect(await store.modelCalls.ticketCost(b.id)).toEqual({ costNanos: 0, estimatedCostNanos: 4_000_000 });
    expect(await store.modelCalls.ticketCost(9_999)).toEqual({ costNanos: 0, estimatedCostNanos: 0 });

    const groups = await store.spend.groups(ALL_TIME.since, ALL_TIME.until);
    const byTier = Object.fromEntries([...totalsBy(groups.filter((group) => !group.shadow), (group) => group.tier)]);
    expect(Object.keys(byTier).sort()).toEqual(['flagship', 'mini', 'nano']);
    expect(byTier.nano).toMatchObject({ calls: 2, inputTokens: 400, cachedInputTokens: 20, outputTokens: 40, costNanos: 3_000_000, estimatedCostNanos: 0 });
    expect(byTier.mini).toMatchObject({ calls: 2, inputTokens: 60, outputTokens: 6, costNanos: 10_000_000, estimatedCostNanos: 4_000_000 });
    expect(byTier.flagship).toMatchObject({ calls: 1, inputTokens: 1000, cachedInputTokens: 500, outputTokens: 200, reasoningTokens: 100, costNanos: 50_000_000 });
    // Calls without a ticket have no platform or channel; a ticket's carry its own.
    expect(groups.find((group) => group.tier === 'mini' && group.platform === null)).toMatchObject({ channelId: null, costNanos: 10_000_000 });
    expect(groups.find((group) => group.shadow)).toMatchObject({ tier: 'flagship', platform: 'slack', channelId: 'C1', costNanos: 7_000_000 });
    expect(totalOf(groups).costNanos).toBe(70_000_000);
  });

  it('filters spend by time window, on quarter hours and between them', async () => {
    const at = new Date('2026-11-24T10:07:00Z');
    await store.modelCalls.record(modelCall({ createdAt: at }));
    const calls = async (since: string, until: string) => totalOf(await store.spend.groups(new Date(since), new Date(until))).calls;
    expect(await calls('2026-11-24T10:00:00Z', '2026-11-24T10:15:00Z')).toBe(1);
    expect(await calls('2026-11-24T00:00:00Z', '2026-11-25T00:00:00Z')).toBe(1);
    // Ragged ends are summed from the calls themselves.
    expect(await calls('2026-11-24T10:07:00Z', '2026-11-24T10:07:00.001Z')).toBe(1);
    expect(await calls('2026-11-24T10:07:00.001Z', '2026-11-24T12:00:00Z')).toBe(0);
    expect(await calls('2026-11-24T09:00:00Z', '2026-11-24T10:07:00Z')).toBe(0);
    expect(await calls('2026-11-24T10:01:00Z', '2026-11-24T11:00:00Z')).toBe(1);
    expect(await store.spend.groups(new Date('2026-11-24T00:00:00Z'), new Date('2026-11-25T00:00:00Z'))).toEqual([
      expect.objectContaining({ tier: 'nano', stage: 'classify', platform: null, calls: 1, costNanos: 1_000_000, newTickets: 0 }),
    ]);
  });

  it('counts a call once, when it settles, not while it is in flight', async () => {
    const ticket = (await store.tickets.intake(message())).ticket;
    const id = await store.modelCalls.open({
      attemptId: 'a-1', owner: 'w', ticketId: ticket.id, stage: 'draft', tier: 'mini', provider: 'openai', model: 'gpt-5.4-mini',
      promptName: 'draft', promptVersion: 'draft@1', priceVersion: 'v1', worstCaseNanos: 9_000_000,
    });
    expect(await store.spend.groups(ALL_TIME.since, ALL_TIME.until)).toEqual([]);
    expect((await store.modelCalls.ticketCost(ticket.id)).costNanos).toBe(0);
    await store.modelCalls.close(id, {
      usage: { input: 10, cachedInput: 0, output: 2, reasoning: 0 }, rawUsage: null, requestId: null, costNanos: 16_500, costBasis: 'usage',
      estimatedCostNanos: null, latencyMs: 3, outcome: 'ok', errorMessage: null,
    });
    // Closing again (a second close of the same row does nothing) must not count it twice.
    await store.modelCalls.close(id, {
      usage: { input: 10, cachedInput: 0, output: 2, reasoning: 0 }, rawUsage: null, requestId: null, costNanos: 16_500, costBasis: 'usage',
      estimatedCostNanos: null, latencyMs: 3, outcome: 'ok', errorMessage: null,
    });
    expect(totalOf(await store.spend.groups(ALL_TIME.since, ALL_TIME.until))).toMatchObject({ calls: 1, costNanos: 16_500, inputTokens: 10 });
    expect((await store.modelCalls.ticketCost(ticket.id)).costNanos).toBe(16_500);
  });
});

describe('period counts kept by triggers', () => {
  const classification = (urgency: 'urgent' | 'low'): Classification => ({
    urgency, category: 'technical', language: 'en', sentiment: 'neutral', riskFlags: [], needsReply: true, confidence: 0.9,
  });

  it('counts the tickets opened in a period by their status and urgency now, as they change', async () => {
    const opened = async (n: number, at: string) =>
      (await store.tickets.intake(message({ thread: { platform: 'slack', channelId: 'C1', threadId: `t${n}` }, messageId: `m${n}`, receivedAt: new Date(at) }))).ticket.id;
    const a = await opened(1, '2026-11-20T10:00:00Z');
    const b = await opened(2, '2026-11-20T10:07:30Z');
    await opened(3, '2026-11-21T09:00:00Z');
    const day = [new Date('2026-11-20T00:00:00Z'), new Date('2026-11-21T00:00:00Z')] as const;
    expect(await store.tickets.countsBetween(...day)).toEqual({ tickets: 2, byUrgency: { untriaged: 2 }, byStatus: { received: 2 } });
    await store.tickets.applyTriage(a, classification('urgent'));
    await store.tickets.transition(a, 'triaged');
    await store.tickets.applyTriage(b, classification('low'));
    expect(await store.tickets.countsBetween(...day)).toEqual({ tickets: 2, byUrgency: { urgent: 1, low: 1 }, byStatus: { triaged: 1, received: 1 } });
    // A ragged range is counted from the tickets themselves: b alone, opened at 10:07:30.
    expect(await store.tickets.countsBetween(new Date('2026-11-20T10:05:00Z'), new Date('2026-11-20T10:10:00Z'))).toEqual({ tickets: 1, byUrgency: { low: 1 }, byStatus: { received: 1 } });
    expect((await store.tickets.countsBetween(new Date('2026-11-20T10:00:00Z'), new Date('2026-11-21T09:00:00.001Z'))).tickets).toBe(3);
  });

  it('counts a ticket routed for the same reason twice once', async () => {
    const ticket = (await store.tickets.intake(message())).ticket.id;
    await store.triage.saveDecision(ticket, { route: 'flagship_review', reasons: ['risk_refund', 'low_confidence'], decidedBy: 'nano' }, []);
    await store.triage.saveDecision(ticket, { route: 'flagship_review', reasons: ['risk_refund', 'flagship_deferred'], decidedBy: 'policy' }, []);
    await store.triage.saveDecision(ticket, { route: 'human_only', reasons: ['budget_no_draft'], decidedBy: 'policy' }, []);
    const now = [new Date(Date.now() - 3_600_000), new Date(Date.now() + 3_600_000)] as const;
    const byCode = async (filter: { route?: string; prefix?: string }) =>
      Object.fromEntries((await store.spend.decisionReasons(...now, filter)).map((reason) => [reason.code, reason.tickets]));
    expect(await byCode({ route: 'flagship_review' })).toEqual({ risk_refund: 1, low_confidence: 1, flagship_deferred: 1 });
    expect(await byCode({ prefix: 'budget_' })).toEqual({ budget_no_draft: 1 });
  });
});

describe('close and reopen', () => {
  it('keeps the data and does not re-apply migrations destructively', async () => {
    const { ticket } = await store.tickets.intake(message());
    await store.tickets.transition(ticket.id, 'triaged', 'classified');
    await store.modelCalls.record(modelCall({ ticketId: ticket.id }));
    store.close();

    store = openSqliteStore(dbPath);
    expect((await store.tickets.get(ticket.id))?.status).toBe('triaged');
    expect(await store.tickets.messages(ticket.id)).toHaveLength(1);
    expect(await store.tickets.events(ticket.id)).toHaveLength(2);
    expect((await store.modelCalls.ticketCost(ticket.id)).costNanos).toBe(1_000_000);
    // Redelivery after a restart is still recognised.
    expect((await store.tickets.intake(message())).isNew).toBe(false);

    const raw = new Database(dbPath, { readonly: true });
    try {
      const migrations = raw.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
      store.close();
      store = openSqliteStore(dbPath);
      const again = raw.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number };
      expect(again.n).toBe(migrations.n);
    } finally {
      raw.close();
    }
    expect((await store.tickets.get(ticket.id))?.status).toBe('triaged');
  });
});
