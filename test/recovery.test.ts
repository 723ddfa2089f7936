/**
 * A process that dies mid-ticket, and the one that takes over: tickets resume
 * from their last finished stage (no stage paid twice), attempts cut off are
 * in the ledger at their worst case, a live process's tickets are left alone,
 * and a reply whose send may have happened is looked for before anyone sends.
 *
 * Two cores on one SQLite file stand for two processes; the first "dies" by
 * being abandoned with a model call hanging (its worker has our pid under
 * another id, which the lease reads as an earlier, dead run).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createCore, type Core } from '../src/core.js';
import type { TicketOutcome } from '../src/domain/index.js';
import { silentLogger } from '../src/logger.js';
import type { ModelProvider } from '../src/models/provider.js';
import type { ReplyChannel } from '../src/pipeline/delivery.js';
import { ControlledProvider, RecordingChannel } from './support/controlled-provider.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir('recovery');
const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});

function start(
  database: string,
  provider: ModelProvider,
  channel: ReplyChannel,
  lease: { alive?: boolean; pid?: number; sendSettleMs?: number; onOutcome?: (outcome: TicketOutcome) => Promise<void> | void; platforms?: readonly string[] } = {},
): Core {
  const config = loadConfig({ DATABASE_PATH: database, MODEL_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test-recovery-000000', MODEL_MAX_RETRIES: '0' });
  const core = createCore(config, silentLogger(), {
    provider,
    // Every platform, unless the test names the ones this process has a surface for.
    channels: (platform) => (!lease.platforms || lease.platforms.includes(platform) ? channel : undefined),
    lease: { isProcessAlive: () => lease.alive ?? false, ...(lease.pid !== undefined ? { identity: { pid: lease.pid } } : {}) },
    sendSettleMs: lease.sendSettleMs ?? 0,
    ...(lease.onOutcome ? { onOutcome: lease.onOutcome } : {}),
  });
  cores.push(core);
  return core;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let waited = 0; !(await check()); waited += 10) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function receive(core: Core, text: string, thread: string): Promise<number> {
  return (await core.workflow.receive({ thread: { platform: 'console', channelId: 'C1', threadId: thread }, messageId: thread, customer: { id: 'cust' }, text, receivedAt: new Date() })).ticket.id;
}

describe('resuming after a crash', () => {
  it('continues from the last finished stage, pays no stage twice, and prices the cut-off attempt at its worst case', async () => {
    const database = dir.file('resume.db');
    const first = new ControlledProvider();
    first.hangOn = 'draft';
    const a = start(database, first, new RecordingChannel());
    const id = await receive(a, 'How do I export my dashboard to CSV? It only offers PNG.', 't-resume');
    await until(() => first.isHanging, 'the draft call to start');
    expect((await a.store.tickets.get(id))?.status).toBe('triaged');

    // Process A is gone; B starts on the same database and takes over.
    const second = new ControlledProvider();
    const b = start(database, second, new RecordingChannel());
    const counts = await b.workflow.recover();
    await b.workflow.idle();
    expect(counts).toMatchObject({ abandonedCalls: 1, resumed: 1 });
    expect((await b.store.tickets.get(id))?.status).toBe('awaiting_review');
    // Classification and extraction finished before the crash: B never called them (the summary comes with the draft).
    const stages = second.calls.map((call) => call.stage);
    expect(stages).toContain('draft');
    for (const finished of ['classify', 'extract', 'summarize']) expect(stages).not.toContain(finished);
    const rows = await b.store.modelCalls.forTicket(id);
    const byStage = (stage: string) => rows.filter((row) => row.stage === stage).map((row) => row.outcome).sort();
    expect(byStage('classify')).toEqual(['ok']);
    expect(byStage('extract')).toEqual(['ok']);
    // A's draft attempt may have been billed: it is in the ledger at its worst case.
    expect(byStage('draft')).toEqual(['ok', 'unknown_outcome']);
    const cut = rows.find((row) => row.outcome === 'unknown_outcome');
    expect(cut).toMatchObject({ costBasis: 'worst_case' });
    expect(cut?.costNanos).toBe(cut?.worstCaseNanos);
    expect(rows.every((row) => row.outcome !== 'in_flight')).toBe(true);
  });

  it('reuses a finished stage whose ticket had not moved on yet (the crash fell between the two)', async () => {
    const database = dir.file('checkpoint.db');
    const first = new ControlledProvider();
    first.hangOn = 'extract'; // classify finishes and is checkpointed; the ticket stays `received`
    const a = start(database, first, new RecordingChannel());
    const id = await receive(a, 'The export button does nothing in Firefox.', 't-checkpoint');
    await until(async () => first.isHanging && (await a.store.stageResults.find(id, '1:classify')) !== null, 'classify to finish and extract to hang');
    expect((await a.store.tickets.get(id))?.status).toBe('received');

    const second = new ControlledProvider();
    const b = start(database, second, new RecordingChannel());
    await b.workflow.recover();
    await b.workflow.idle();
    expect(second.calls.map((call) => call.stage)).not.toContain('classify');
    expect((await b.store.modelCalls.forTicket(id)).filter((row) => row.stage === 'classify').map((row) => row.outcome)).toEqual(['ok']);
    expect((await b.store.tickets.get(id))?.status).toBe('awaiting_review');
  });

  it('shows the outcome a process died before showing (its card), then frees the ticket', async () => {
    const database = dir.file('unshown.db');
    let showing = false;
    // A finishes the pipeline and dies while posting the card: the post never completes.
    const a = start(database, new ControlledProvider(), new RecordingChannel(), {
      onOutcome: () => {
        showing = true;
        return new Promise<void>(() => undefined);
      },
    });
    const id = await receive(a, 'Where can I change my invoice address?', 't-unshown');
    await until(() => showing, 'the outcome to be shown');
    expect((await a.store.tickets.get(id))?.status).toBe('awaiting_review');
    expect(await a.store.tickets.leaseOwner(id)).toBe(a.workflow.workerId);

    const shown: TicketOutcome[] = [];
    const b = start(database, new ControlledProvider(), new RecordingChannel(), { onOutcome: (outcome) => void shown.push(outcome) });
    const counts = await b.workflow.recover();
    expect(counts.shown).toBe(1);
    expect(shown.map((outcome) => [outcome.ticket.id, outcome.ticket.status])).toEqual([[id, 'awaiting_review']]);
    expect(await b.store.tickets.leaseOwner(id)).toBeNull();
  });

  it('leaves a dead process\'s ticket to a process that can reach its platform', async () => {
    const database = dir.file('unreachable.db');
    const first = new ControlledProvider();
    first.hangOn = 'draft';
    const a = start(database, first, new RecordingChannel());
    const id = await receive(a, 'How do I export my dashboard to CSV?', 't-unreachable');
    await until(() => first.isHanging, 'the draft call to start');

    // B serves Slack only: the console ticket is not its to resume (its reply and card could only fail there).
    const second = new ControlledProvider();
    const b = start(database, second, new RecordingChannel(), { platforms: ['slack'] });
    const counts = await b.workflow.recover();
    expect(counts.resumed).toBe(0);
    expect(second.calls).toHaveLength(0);
    expect(await b.store.tickets.leaseOwner(id)).toBe(a.workflow.workerId);

    // C serves the console: it takes the ticket over.
    const third = new ControlledProvider();
    const c = start(database, third, new RecordingChannel(), { platforms: ['console'] });
    expect((await c.workflow.recover()).resumed).toBe(1);
    await c.workflow.idle();
    expect((await c.store.tickets.get(id))?.status).toBe('awaiting_review');
  });

  it('leaves the tickets of a live process alone', async () => {
    const database = dir.file('live.db');
    const first = new ControlledProvider();
    first.hangOn = 'draft';
    // A runs under another pid that is alive (and beats): B must not take its ticket.
    const a = start(database, first, new RecordingChannel(), { pid: 4_000_000 });
    const id = await receive(a, 'How do I rename a project?', 't-live');
    await until(() => first.isHanging, 'the draft call to start');
    const second = new ControlledProvider();
    const b = start(database, second, new RecordingChannel(), { alive: true });
    const counts = await b.workflow.recover();
    expect(counts).toMatchObject({ abandonedCalls: 0, resumed: 0 });
    expect(second.calls).toHaveLength(0);
    expect(await b.store.tickets.leaseOwner(id)).toBe(a.workflow.workerId);
  });
});

describe('reconciling a send that may have happened', () => {
  async function approvedWithPendingSend(database: string, channel: RecordingChannel, posted: boolean, settleMs = 0): Promise<{ id: number; b: Core }> {
    const a = start(database, new ControlledProvider(), channel);
    const id = await receive(a, 'Where can I download my invoice?', `t-send-${posted}`);
    await a.workflow.idle();
    const draft = await a.store.triage.latestDraft(id);
    // A approved it and recorded the outbound message, then died before (or after) the platform took it.
    await a.store.tickets.transition(id, 'approved', 'approve by U1');
    await a.store.tickets.recordOutbound(id, { channelId: 'C1', authorId: 'bot', text: draft?.text ?? '', platformMessageId: null });
    if (posted) await channel.postReply({ platform: 'console', channelId: 'C1', threadId: `t-send-${posted}` }, draft?.text ?? '', `ticket-${id}-draft-${draft?.id}`);
    const b = start(database, new ControlledProvider(), channel, { sendSettleMs: settleMs });
    return { id, b };
  }

  it('finds the reply in the thread and marks the ticket sent, without posting again', async () => {
    const channel = new RecordingChannel();
    const { id, b } = await approvedWithPendingSend(dir.file('reconcile-found.db'), channel, true);
    const counts = await b.workflow.recover();
    expect(counts.reconciled).toBe(1);
    expect((await b.store.tickets.get(id))?.status).toBe('sent');
    expect(channel.posted).toHaveLength(1);
    expect((await b.store.tickets.messages(id)).filter((m) => m.direction === 'outbound').map((m) => m.platformMessageId)).toEqual(['msg-1']);
  });

  it('sends it once when the lookup shows the interrupted send never reached the platform', async () => {
    const channel = new RecordingChannel();
    const { id, b } = await approvedWithPendingSend(dir.file('reconcile-missing.db'), channel, false);
    const counts = await b.workflow.recover();
    expect(counts.resent).toBe(1);
    expect((await b.store.tickets.get(id))?.status).toBe('sent');
    expect(channel.posted).toHaveLength(1);
    // The unsent record is gone; the one outbound message is the reply that went out.
    expect((await b.store.tickets.messages(id)).filter((m) => m.direction === 'outbound').map((m) => m.platformMessageId)).toEqual(['msg-1']);
  });

  it('waits before judging a send that may still be under way at the platform', async () => {
    const channel = new RecordingChannel();
    const { id, b } = await approvedWithPendingSend(dir.file('reconcile-recent.db'), channel, false, 60_000);
    const counts = await b.workflow.recover();
    expect(counts.deferred).toBe(1);
    expect((await b.store.tickets.get(id))?.status).toBe('approved');
    // Not held while it waits: the next beat, here or in another process, takes it.
    expect(await b.store.tickets.leaseOwner(id)).toBeNull();
    expect(channel.posted).toHaveLength(0);
  });

  it('hands it to a reviewer, never resending, when the thread cannot be looked at', async () => {
    const channel = new RecordingChannel();
    const { id, b } = await approvedWithPendingSend(dir.file('reconcile-unknown.db'), channel, false);
    channel.lookupWorks = false;
    const counts = await b.workflow.recover();
    expect(counts.uncertain).toBe(1);
    expect((await b.store.tickets.get(id))?.status).toBe('awaiting_review');
    expect((await b.store.triage.latestDecision(id))?.reasons).toContain('delivery_uncertain');
    expect(channel.posted).toHaveLength(0);
  });
});

describe('reviews against the ticket state', () => {
  it('a reject that arrives after another reviewer approved changes nothing and says who handled it', async () => {
    const channel = new RecordingChannel();
    const core = start(dir.file('reject-after-send.db'), new ControlledProvider(), channel);
    const id = await receive(core, 'Can I change the invoice address?', 't-reject');
    await core.workflow.idle();
    expect((await core.workflow.review({ ticketId: id, reviewerId: 'UB', action: 'approve' })).ok).toBe(true);
    const late = await core.workflow.review({ ticketId: id, reviewerId: 'UA', action: 'reject', reason: 'too vague' });
    expect(late).toMatchObject({ ok: false, code: 'ALREADY_HANDLED' });
    expect(late.ok === false && late.message).toMatch(/already handled by UB \(approve\); it is sent/);
    expect((await core.store.tickets.get(id))?.status).toBe('sent');
    expect((await core.store.reviews.forTicket(id)).filter((review) => review.action === 'reject')).toHaveLength(0);
    for (const action of ['approve', 'edit', 'escalate'] as const) {
      const again = await core.workflow.review({ ticketId: id, reviewerId: 'UC', action, text: 'x' });
      expect(again).toMatchObject({ ok: false, code: 'ALREADY_HANDLED' });
    }
    expect(channel.posted).toHaveLength(1);
  });
});
