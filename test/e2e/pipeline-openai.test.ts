/**
 * End to end: the pipeline through the real `openai` SDK against the fake
 * OpenAI server on loopback, recording into a real SQLite file.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { DEFAULT_PRICE_TABLE, costNanos } from '../../src/models/pricing.js';
import { promptDraft } from '../../src/models/offline/prompt-reading.js';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/index.js';
import { supportModel } from '../support/scripted-support-model.js';
import { createHarness, type Harness } from './harness.js';
import { mapAsync } from '../support/async-array.js';

let fake: FakeOpenAI;
let harness: Harness | null = null;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-test-e2e-key-123456' });
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  harness?.close();
  harness = null;
  fake.reset();
});

function openai(extra: Record<string, string> = {}): Harness {
  fake.script(supportModel);
  harness = createHarness({ OPENAI_API_KEY: 'sk-test-e2e-key-123456', OPENAI_BASE_URL: fake.url, ...extra });
  return harness;
}

describe('pipeline through the Responses API', () => {
  it('triages a routine ticket with nano, drafts it with nano (simple: nothing to worry about), never calls the flagship, and waits for a human', async () => {
    const h = openai();
    const id = await h.receive('My dashboard export fails with error 42, order #1234.');
    await h.core.workflow.idle();

    const outcome = h.outcomes.at(-1);
    expect(outcome?.ticket.status).toBe('awaiting_review');
    expect(outcome?.decision.route).toBe('human_review');
    expect(outcome?.decision.reasons).toEqual(['low_risk_confident', 'auto_send_disabled']);
    expect(outcome?.fields?.orderIds).toEqual(['#1234']);
    expect(outcome?.draft?.reply).toMatch(/looking into it/);
    expect(outcome?.ticket.summary).toMatch(/problem/);

    const calls = await h.core.store.modelCalls.forTicket(id);
    expect(calls.map((c) => `${c.stage}:${c.tier}:${c.model}`).sort()).toEqual([
      'classify:nano:gpt-5.4-nano',
      'draft:nano:gpt-5.4-nano',
      'extract:nano:gpt-5.4-nano',
    ]);
    expect(outcome?.draft?.source).toBe('nano');
    for (const call of calls) {
      expect(call.outcome).toBe('ok');
      expect(call.provider).toBe('openai');
      expect(call.requestId).toMatch(/\S+/);
      expect(call.usage.input).toBeGreaterThan(0);
      expect(call.priceVersion).toBe(DEFAULT_PRICE_TABLE.version);
      expect(call.promptVersion).toMatch(new RegExp(`^${call.promptName}@[0-9a-f]{12}$`));
      const price = DEFAULT_PRICE_TABLE.prices[call.model];
      expect(price).toBeDefined();
      if (price) expect(call.costNanos).toBe(costNanos(call.usage, price));
    }
    // The model saw the customer text only in the user role, fenced.
    const classify = fake.requests.find((r) => r.body?.text?.format?.name === 'classification');
    expect(classify?.body.instructions).not.toContain('error 42');
    expect(JSON.stringify(classify?.body.input)).toContain('<customer_message>');
    expect(classify?.body.max_output_tokens).toBeGreaterThan(0);
    expect(classify?.body.store).toBe(false);
    // Prompt versions are stored with the routing decision.
    const decision = await h.core.store.triage.latestDecision(id);
    expect(decision?.promptVersions.some((v) => v.startsWith('classify@'))).toBe(true);
    expect((await h.core.store.tickets.events(id)).map((e) => e.toStatus)).toEqual(['received', 'triaged', 'drafted', 'awaiting_review']);
  });

  it('sends refunds over the threshold through the flagship and still to a human', async () => {
    const h = openai({ AUTO_SEND: 'true' });
    const id = await h.receive('[refund] I was charged $450 twice for #889, I want my money back.');
    await h.core.workflow.idle();
    const outcome = h.outcomes.at(-1);
    expect(outcome?.decision.route).toBe('flagship_review');
    expect(outcome?.decision.reasons).toEqual(
      expect.arrayContaining(['risk_refund', 'amount_over_threshold', 'flagship_approved']),
    );
    // High stakes: even with auto-send on and the flagship approving, a human decides.
    expect(outcome?.ticket.status).toBe('awaiting_review');
    expect(outcome?.secondOpinion?.verdict).toBe('approve');
    expect(outcome?.secondOpinion?.tier).toBe('flagship');
    expect(h.sent).toHaveLength(0);
    const flagshipCalls = (await h.core.store.modelCalls.forTicket(id)).filter((c) => c.tier === 'flagship');
    expect(flagshipCalls).toHaveLength(1);
    expect(flagshipCalls[0]?.stage).toBe('second_opinion');
    // The flagship read validated fields, not the raw customer text.
    const review = fake.requests.find((r) => r.body?.text?.format?.name === 'flagship_review');
    expect(JSON.stringify(review?.body.input)).not.toContain('I want my money back');
  });

  it('auto-sends a confident low-risk draft when AUTO_SEND is on, exactly once', async () => {
    const h = openai({ AUTO_SEND: 'true' });
    const id = await h.receive('How do I change my avatar?');
    await h.core.workflow.idle();
    expect((await h.core.store.tickets.get(id))?.status).toBe('sent');
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]?.key).toMatch(new RegExp(`^ticket-${id}-draft-\\d+$`));
    expect((await h.core.store.reviews.forTicket(id)).map((r) => `${r.reviewerKind}:${r.action}`)).toEqual(['policy:approve']);
  });

  it('closes thank-you messages without drafting', async () => {
    const h = openai();
    const id = await h.receive('[thanks] that fixed it, thank you!');
    await h.core.workflow.idle();
    expect((await h.core.store.tickets.get(id))?.status).toBe('closed');
    expect((await h.core.store.modelCalls.forTicket(id)).map((c) => c.stage).sort()).toEqual(['classify', 'extract']);
  });

  it('re-runs classification on mini when nano returns invalid output, and records the billed failure', async () => {
    const h = openai();
    fake.failNext({ kind: 'invalid_output' });
    const id = await h.receive('Something odd with my account settings page.');
    await h.core.workflow.idle();
    const calls = await h.core.store.modelCalls.forTicket(id);
    const failed = calls.find((c) => c.outcome === 'MODEL_INVALID_OUTPUT');
    expect(failed).toBeDefined();
    expect(failed?.usage.input).toBeGreaterThan(0);
    expect(failed?.costNanos).toBeGreaterThan(0);
    const failedTier = failed?.tier;
    expect(failedTier).toBe('nano');
    const retried = calls.filter((c) => c.stage === failed?.stage && c.tier === 'mini' && c.outcome === 'ok');
    expect(retried).toHaveLength(1);
    const outcome = h.outcomes.at(-1);
    expect(outcome?.ticket.status).toBe('awaiting_review');
    if (failed?.stage === 'classify') expect(outcome?.decision.reasons).toContain('classifier_fallback');
  });

  it('hands the ticket to a human when the model times out, and records the failure', async () => {
    const h = openai({ MODEL_TIMEOUT_MS: '300' });
    fake.failNext({ kind: 'timeout' }, 2);
    const id = await h.receive('Please help with my invoice layout.');
    await h.core.workflow.idle();
    const outcome = h.outcomes.at(-1);
    expect(outcome?.ticket.status).toBe('awaiting_review');
    expect(outcome?.decision.route).toBe('human_only');
    const timeouts = (await h.core.store.modelCalls.forTicket(id)).filter((c) => c.outcome === 'MODEL_TIMEOUT');
    expect(timeouts.length).toBeGreaterThanOrEqual(1);
    // The provider may have run a call we stopped waiting for: it is priced at its worst case, never $0.
    expect(timeouts.every((c) => c.costBasis === 'worst_case' && c.costNanos > 0 && c.costNanos === c.worstCaseNanos)).toBe(true);
  });

  it('treats a refusal and an incomplete answer as unusable and falls back to the next tier', async () => {
    const h = openai();
    fake.failNext({ kind: 'refusal', message: 'I cannot help with that.' });
    const id = await h.receive('Need help configuring SSO.');
    await h.core.workflow.idle();
    const outcomes = (await h.core.store.modelCalls.forTicket(id)).map((c) => c.outcome);
    expect(outcomes).toContain('MODEL_REFUSED');
    expect(h.outcomes.at(-1)?.ticket.status).toBe('awaiting_review');
  });

  it('retries a 429 after retry-after and succeeds, one ledger row per attempt; an exhausted retry is recorded as rate limited', async () => {
    const h = openai({ MODEL_MAX_RETRIES: '1' });
    fake.failNext({ kind: 'rate_limit', retryAfterSeconds: 0.05 });
    const id = await h.receive('Question about SAML login.');
    await h.core.workflow.idle();
    const calls = await h.core.store.modelCalls.forTicket(id);
    // The gateway retried (the SDK's own retries are off): the refused attempt has its row, at $0.
    expect(calls.filter((c) => c.outcome === 'MODEL_RATE_LIMITED')).toEqual([expect.objectContaining({ costNanos: 0 })]);
    expect(calls.filter((c) => c.outcome !== 'MODEL_RATE_LIMITED').every((c) => c.outcome === 'ok')).toBe(true);
    expect(fake.requests.every((r) => r.headers['x-stainless-retry-count'] === '0')).toBe(true);
    // Each attempt carried its own id, the one on its ledger row.
    const sentIds = fake.requests.map((r) => r.headers['x-client-request-id']);
    expect(new Set(sentIds).size).toBe(fake.requests.length);
    expect(calls.map((c) => c.attemptId).sort()).toEqual([...sentIds].sort());

    fake.reset();
    fake.script(supportModel);
    fake.failNext({ kind: 'rate_limit', retryAfterSeconds: 0.05 }, 4);
    const id2 = await h.receive('Another question about SAML login.');
    await h.core.workflow.idle();
    const limited = (await h.core.store.modelCalls.forTicket(id2)).filter((c) => c.outcome === 'MODEL_RATE_LIMITED');
    expect(limited).toHaveLength(4); // classify and extract each gave up after one retry: two attempts each
    expect((await h.core.store.tickets.get(id2))?.status).toBe('awaiting_review');
    expect((await h.core.store.triage.latestDecision(id2))?.reasons).toEqual(['classification_failed']);
  });

  it('prices cached input tokens at the cached rate', async () => {
    const h = openai();
    fake.script((request) => ({
      ...supportModel(request),
      usage: { input_tokens: 2_000, cached_tokens: 1_536, output_tokens: 100, reasoning_tokens: 40 },
    }));
    const id = await h.receive('Where can I download my invoices?');
    await h.core.workflow.idle();
    const classify = (await h.core.store.modelCalls.forTicket(id)).find((c) => c.stage === 'classify');
    expect(classify?.usage).toEqual({ input: 2_000, cachedInput: 1_536, output: 100, reasoning: 40 });
    // (2000 − 1536) × 0.20 + 1536 × 0.02 + 100 × 1.25, per 1M tokens; reasoning is inside output.
    // Whole nano-dollars per token: nano input 200, cached 20, output 1,250.
    expect(classify?.costNanos).toBe(464 * 200 + 1536 * 20 + 100 * 1_250);
  });
});

describe('reviews', () => {
  it('an approval sends the reply once; a second approval changes nothing', async () => {
    const h = openai();
    const id = await h.receive('Can you reset my 2FA device?');
    await h.core.workflow.idle();
    const [first, second] = await Promise.all([
      h.core.workflow.review({ ticketId: id, reviewerId: 'U1', action: 'approve' }),
      h.core.workflow.review({ ticketId: id, reviewerId: 'U2', action: 'approve' }),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    const refused = first.ok ? second : first;
    expect(refused.ok === false && refused.code).toBe('ALREADY_HANDLED');
    expect(h.sent).toHaveLength(1);
    expect((await h.core.store.tickets.get(id))?.status).toBe('sent');
    const outbound = (await h.core.store.tickets.messages(id)).filter((m) => m.direction === 'outbound');
    expect(outbound).toHaveLength(1);
    expect(outbound[0]?.platformMessageId).toBe('out-1');
  });

  it('an edit sends the edited text and records who edited it', async () => {
    const h = openai();
    const id = await h.receive('Is there a dark mode?');
    await h.core.workflow.idle();
    const result = await h.core.workflow.review({ ticketId: id, reviewerId: 'U7', action: 'edit', text: 'Yes: Settings → Appearance.' });
    expect(result.ok).toBe(true);
    expect(h.sent.map((s) => s.text)).toEqual(['Yes: Settings → Appearance.']);
    expect((await h.core.store.reviews.forTicket(id)).at(-1)).toMatchObject({ reviewer: 'U7', action: 'edit', editedText: 'Yes: Settings → Appearance.' });
    expect((await h.core.store.triage.latestDraft(id))?.source).toBe('human_edit');
  });

  it('a rejection closes the ticket with the reason and sends nothing', async () => {
    const h = openai();
    const id = await h.receive('Spam spam spam');
    await h.core.workflow.idle();
    const result = await h.core.workflow.review({ ticketId: id, reviewerId: 'U3', action: 'reject', reason: 'spam' });
    expect(result.ok).toBe(true);
    expect(await h.core.store.tickets.get(id)).toMatchObject({ status: 'closed', statusReason: 'rejected by U3: spam' });
    expect(h.sent).toHaveLength(0);
  });

  it('a failed draft still leaves the person who takes over a summary, from the summary prompt', async () => {
    const h = openai();
    fake.script((request) => (request.schemaName === 'draft_reply' ? { output: undefined, fault: { kind: 'invalid_output' } } : supportModel(request)));
    const id = await h.receive('My dashboard export fails with error 42.');
    await h.core.workflow.idle();
    expect(await h.core.store.tickets.get(id)).toMatchObject({ status: 'awaiting_review', summary: 'Customer reports a problem and asks for help.' });
    expect((await h.core.store.triage.latestDecision(id))?.reasons).toContain('draft_failed');
    // A simple ticket: nano's unusable draft is re-run on mini, which fails too.
    expect((await h.core.store.modelCalls.forTicket(id)).map((call) => `${call.stage}:${call.tier}`).sort()).toEqual(['classify:nano', 'draft:mini', 'draft:nano', 'extract:nano', 'summarize:mini']);
  });

  it('drafts with mini whatever is not simple: an amount, a risk, high urgency, an unsure triage', async () => {
    const h = openai();
    const ids = await mapAsync(['I paid $30 twice for the export add-on.', '[refund] Please refund order #77.', '[legal] Our lawyer asks how to export.', 'How do I add users? [unsure]'], async (text) => await h.receive(text));
    await h.core.workflow.idle();
    for (const id of ids) expect((await h.core.store.modelCalls.forTicket(id)).filter((call) => call.stage === 'draft').map((call) => call.tier)).toEqual(['mini']);
  });

  it('an uncertain, low-risk ticket the flagship approves is auto-sent when AUTO_SEND is on', async () => {
    const h = openai({ AUTO_SEND: 'true' });
    const id = await h.receive('How do I add users? [unsure]');
    await h.core.workflow.idle();
    expect((await h.core.store.triage.latestDecision(id))?.reasons).toEqual(['low_confidence', 'flagship_approved']);
    expect((await h.core.store.tickets.get(id))?.status).toBe('sent');
    expect(h.sent).toHaveLength(1);
  });

  it('escalate asks the flagship and returns the ticket to a human, even with AUTO_SEND on', async () => {
    const h = openai({ AUTO_SEND: 'true', CONFIDENCE_THRESHOLD: '0.99' });
    fake.script((request) =>
      request.schemaName === 'flagship_review'
        ? { output: { verdict: 'rewrite', rationale: 'Tone.', edits: [{ find: promptDraft(request.user)?.reply ?? '', replace: 'Better reply.' }] } }
        : supportModel(request),
    );
    // Legal is high stakes: the flagship reviews first and a human still decides. A reviewer's
    // escalation then asks the flagship again and must come back to a human, AUTO_SEND or not.
    const id = await h.receive('[legal] How do I add users to my workspace?');
    await h.core.workflow.idle();
    expect((await h.core.store.tickets.get(id))?.status).toBe('awaiting_review');
    const result = await h.core.workflow.review({ ticketId: id, reviewerId: 'U9', action: 'escalate' });
    expect(result.ok).toBe(true);
    expect((await h.core.store.tickets.get(id))?.status).toBe('awaiting_review');
    expect(await h.core.store.triage.latestDraft(id)).toMatchObject({ source: 'flagship_rewrite', text: 'Better reply.' });
    expect((await h.core.store.reviews.forTicket(id)).filter((r) => r.reviewerKind === 'model')).toHaveLength(2);
    expect(h.sent).toHaveLength(0);
  });

  it('a failed send marks the ticket failed with the reason and never claims it was sent', async () => {
    let fail = true;
    fake.script(supportModel);
    harness = createHarness(
      { OPENAI_API_KEY: 'sk-test-e2e-key-123456', OPENAI_BASE_URL: fake.url },
      { failSend: () => fail },
    );
    const h = harness;
    const id = await h.receive('Where is the API documentation?');
    await h.core.workflow.idle();
    const result = await h.core.workflow.review({ ticketId: id, reviewerId: 'U1', action: 'approve' });
    expect(result.ok).toBe(false);
    expect(result.ok === false && result.code).toBe('DELIVERY_FAILED');
    expect((await h.core.store.tickets.get(id))?.status).toBe('failed');
    fail = false;
  });
});

describe('restart recovery', () => {
  it('requeues received tickets and never resends an uncertain delivery', async () => {
    const h = openai();
    const id = await h.receive('Recovery test ticket');
    // Simulate a crash before processing: a second core on the same file.
    await h.core.workflow.idle();
    expect((await h.core.store.tickets.get(id))?.status).toBe('awaiting_review');
    // Approved with a pending outbound row = the process died mid-send.
    await h.core.store.tickets.transition(id, 'approved', 'test');
    await h.core.store.tickets.recordOutbound(id, { channelId: 'C1', authorId: 'bot', text: 'x', platformMessageId: null });
    const counts = await h.core.workflow.recover();
    expect(counts.uncertain).toBe(1);
    // This surface cannot look for the reply: a reviewer decides, told to check the thread first.
    expect((await h.core.store.tickets.get(id))?.status).toBe('awaiting_review');
    expect((await h.core.store.triage.latestDecision(id))?.reasons).toContain('delivery_uncertain');
    expect(h.sent).toHaveLength(0);
  });
});

describe('pipeline through Chat Completions (openai-compatible)', () => {
  it('runs the same flow with response_format json_schema and records usage', async () => {
    const h = openai({ MODEL_PROVIDER: 'openai-compatible' });
    const id = await h.receive('[refund] refund please for #55, $20');
    await h.core.workflow.idle();
    const chat = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    // Classify, extract, draft (carrying the summary), review.
    expect(chat.length).toBeGreaterThanOrEqual(4);
    expect(chat[0]?.body.response_format.type).toBe('json_schema');
    expect(chat[0]?.body.messages[0].role).toBe('system');
    const outcome = h.outcomes.at(-1);
    expect(outcome?.decision.route).toBe('flagship_review');
    const calls = await h.core.store.modelCalls.forTicket(id);
    expect(calls.every((c) => c.provider === 'openai-compatible' && c.outcome === 'ok')).toBe(true);
    expect(calls.every((c) => c.usage.input > 0 && c.costNanos > 0)).toBe(true);
  });
});

describe('start-up model check through the SDK', () => {
  it('checks every tier against an OpenAI-compatible server\u2019s models list, naming the tier\u2019s variable for an unknown model', async () => {
    const prices = tempDir('check-models');
    const file = prices.file('prices.json');
    writeFileSync(file, JSON.stringify({ models: { 'llama-unknown': { input: 0, output: 0 } } }));
    try {
      const ok = openai({ MODEL_PROVIDER: 'openai-compatible' });
      await expect(ok.core.gateway.checkModels()).resolves.toBeUndefined();
      expect(fake.requests.filter((r) => r.path === '/v1/models').length).toBeGreaterThan(0);
      ok.close();
      harness = null;
      const unknown = openai({ MODEL_PROVIDER: 'openai-compatible', MODEL_MINI: 'llama-unknown', MODEL_PRICES: file });
      await expect(unknown.core.gateway.checkModels()).rejects.toMatchObject({ code: 'CONFIG_INVALID', variable: 'MODEL_MINI' });
    } finally {
      prices.cleanup();
    }
  });
});

describe('deterministic checks read everything the customer wrote', () => {
  it('still sees a refund stated before 8,000 characters of filler the models never get', async () => {
    const h = openai({ AUTO_SEND: 'true' });
    const id = await h.receive(`Please refund $480 for the duplicate charge.\n\n${'lorem ipsum dolor sit amet '.repeat(400)}`);
    await h.core.workflow.idle();
    const classify = fake.requests.find((r) => r.body?.text?.format?.name === 'classification');
    expect(JSON.stringify(classify?.body)).not.toContain('refund $480');
    expect((await h.core.store.triage.latestDecision(id))?.reasons).toEqual(expect.arrayContaining(['risk_refund', 'amount_over_threshold', 'risk_missed_by_model']));
    expect(h.sent).toHaveLength(0);
  });
});
