/**
 * What a shutdown whose grace ran out leaves, and who picks it up: a ticket
 * cut off mid-pipeline and one that arrived while stopping are both in the
 * store, owned by a worker that handed them back, and the next process
 * resumes them from their last finished stage at once (no lease to wait
 * out), the cut-off attempt in the ledger at its worst case.
 *
 * Two cores on one SQLite file stand for the stopping process and the next
 * one; each sees the other's pid as alive, so only the hand-back frees the work.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createCore, type Core } from '../../src/core.js';
import { silentLogger } from '../../src/logger.js';
import type { ModelProvider, ModelRequest, ModelResult } from '../../src/models/provider.js';
import { heuristicAnswer } from '../support/heuristic-model.js';
import { RecordingChannel } from '../support/recording-channel.js';
import { tempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

/** Answers like the heuristic model; told to, it holds the draft call forever (a stop whose grace runs out). */
class HoldingProvider implements ModelProvider {
  readonly name = 'holding';
  readonly capabilities = { bills: true, judgesDrafts: true };
  readonly schemas: string[] = [];
  holdDrafts = false;
  holding = 0;

  async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
    this.schemas.push(request.schemaName);
    if (this.holdDrafts && request.schemaName === 'draft_reply') {
      this.holding += 1;
      await new Promise<never>(() => undefined);
    }
    const output = request.schema.parse(heuristicAnswer(request.schemaName, request.prompt.user)) as T;
    return { output, usage: { input: 800, cachedInput: 0, output: 60, reasoning: 0 }, rawUsage: null, requestId: null, billed: true };
  }
}

const dir = tempDir('shutdown-handback');
const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
});
afterAll(() => dir.cleanup());

function start(database: string, provider: ModelProvider, pid: number): Core {
  const config = loadConfig({ DATABASE_PATH: database, MODEL_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test-handback-000000', MODEL_MAX_RETRIES: '0' });
  const channel = new RecordingChannel();
  const core = createCore(config, silentLogger(), {
    provider,
    channels: () => channel,
    watchKnowledgeBase: false,
    lease: { isProcessAlive: () => true, identity: { pid } },
  });
  cores.push(core);
  return core;
}

async function receive(core: Core, text: string, thread: string): Promise<number> {
  return (await core.workflow.receive({ thread: { platform: 'console', channelId: 'C1', threadId: thread }, messageId: thread, customer: { id: 'cust' }, text, receivedAt: new Date() })).ticket.id;
}

describe('handing back at shutdown', () => {
  it('leaves nothing lost: the next process resumes the cut-off ticket from its last stage and the one received while stopping', async () => {
    const database = dir.file('handback.db');
    const stopping = new HoldingProvider();
    stopping.holdDrafts = true;
    const a = start(database, stopping, 1001);
    const cutOff = await receive(a, 'How do I export my dashboard to CSV? It only offers PNG.', 't-cut');
    await until(() => stopping.holding === 1, 'the draft call to start');
    expect((await a.store.tickets.get(cutOff))?.status).toBe('triaged');

    // SIGTERM: no new ticket is started; a message that still arrives is stored (the platform is acked) and left.
    a.workflow.stopTakingWork();
    const late = await receive(a, 'Can I add a second admin to my account?', 't-late');
    expect(a.workflow.workInHand).toBe(1);
    expect((await a.store.tickets.get(late))?.status).toBe('received');

    // The next process, while the first still holds its work: nothing to take over yet.
    const next = new HoldingProvider();
    const b = start(database, next, 1002);
    expect(await b.workflow.recover()).toMatchObject({ resumed: 0, abandonedCalls: 0 });

    // The grace ran out: the first process hands its work back (and exits).
    await a.workflow.handBack();
    const counts = await b.workflow.recover();
    await b.workflow.idle();
    expect(counts).toMatchObject({ resumed: 2, abandonedCalls: 1 });
    for (const id of [cutOff, late]) expect((await b.store.tickets.get(id))?.status).toBe('awaiting_review');
    // The cut-off ticket went on from its draft: classification and extraction were not asked again for it.
    const cutRows = await b.store.modelCalls.forTicket(cutOff);
    expect(cutRows.filter((row) => row.stage === 'classify').map((row) => row.outcome)).toEqual(['ok']);
    expect(cutRows.filter((row) => row.stage === 'draft').map((row) => row.outcome).sort()).toEqual(['ok', 'unknown_outcome']);
    expect(cutRows.find((row) => row.outcome === 'unknown_outcome')).toMatchObject({ costBasis: 'worst_case' });
    // The late ticket was triaged from the start, by the next process only.
    expect((await b.store.modelCalls.forTicket(late)).filter((row) => row.stage === 'classify').map((row) => row.outcome)).toEqual(['ok']);
  });
});
