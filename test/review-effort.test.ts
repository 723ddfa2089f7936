/**
 * How hard the flagship thinks about a draft depends on what its verdict
 * decides: medium when its approval may send the reply without a person
 * (auto-send on, nothing high stakes), low when a person reads the card
 * before anything goes out, where its verdict is advice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createCore, type Core } from '../src/core.js';
import { silentLogger } from '../src/logger.js';
import type { ModelProvider, ModelRequest, ModelResult, ReasoningEffort } from '../src/models/provider.js';
import { heuristicAnswer } from './support/heuristic-model.js';
import { tempDir } from './support/temp-dir.js';

/** Answers like the heuristic model, unsure of every classification (so each ticket gets a second opinion), and notes each review's effort. */
class UnsureProvider implements ModelProvider {
  readonly name = 'unsure';
  readonly capabilities = { bills: true, judgesDrafts: true };
  readonly reviewEfforts: ReasoningEffort[] = [];

  async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
    if (request.schemaName === 'flagship_review') this.reviewEfforts.push(request.reasoningEffort);
    const answer = heuristicAnswer(request.schemaName, request.prompt.user);
    const unsure = request.schemaName === 'classification' ? { ...(answer as object), confidence: 0.4 } : answer;
    return { output: request.schema.parse(unsure), usage: { input: 800, cachedInput: 0, output: 60, reasoning: 0 }, rawUsage: null, requestId: null, billed: true };
  }
}

const dir = tempDir('review-effort');
let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
});

async function reviewEffortFor(text: string, autoSend: boolean): Promise<{ efforts: ReasoningEffort[]; reasons: string[] }> {
  const provider = new UnsureProvider();
  const config = loadConfig({
    DATABASE_PATH: dir.file(`effort-${Date.now()}-${Math.random()}.db`),
    MODEL_PROVIDER: 'openai',
    OPENAI_API_KEY: 'sk-test-review-effort-000',
    AUTO_SEND: String(autoSend),
    KB_PATH: dir.file('no-knowledge-base'),
  });
  core = createCore(config, silentLogger(), { provider, channels: () => ({ postReply: async () => ({ messageId: 'm' }) }), watchKnowledgeBase: false });
  const { ticket } = await core.workflow.receive({ thread: { platform: 'console', channelId: 'C', threadId: 't' }, messageId: 't', customer: { id: 'c' }, text, receivedAt: new Date() });
  await core.workflow.idle();
  return { efforts: provider.reviewEfforts, reasons: (await core.store.triage.latestDecision(ticket.id))?.reasons ?? [] };
}

describe('the flagship review effort', () => {
  it('is medium when its approval may send an uncertain, low-stakes reply without a person', async () => {
    const { efforts, reasons } = await reviewEffortFor('How do I export my dashboard to CSV? It only offers PNG.', true);
    expect(reasons).toContain('low_confidence');
    expect(efforts).toEqual(['medium']);
  });

  it('is low when a person reviews the card anyway: auto-send off', async () => {
    const { efforts } = await reviewEffortFor('How do I export my dashboard to CSV? It only offers PNG.', false);
    expect(efforts).toEqual(['low']);
  });

  it('is low when a person reviews the card anyway: a high-stakes ticket', async () => {
    const { efforts, reasons } = await reviewEffortFor('I was charged $480 twice for order #7781, refund the second charge now.', true);
    expect(reasons).toContain('risk_refund');
    expect(efforts).toEqual(['low']);
  });
});
