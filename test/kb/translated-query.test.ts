/**
 * With a model configured, a question in another language is also searched
 * in English: nano renders it as an English query (stage `translate`, one
 * priced ledger row for the ticket), and the knowledge base finds the passage
 * the customer's own words miss. Real `openai` SDK against the fake API, real
 * SQLite, the sample knowledge base; embeddings off, so BM25 alone decides.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI, type ModelRequest, type ScriptedAnswer } from '../fakes/openai/index.js';
import { supportModel } from '../support/scripted-support-model.js';
import { createHarness, type Harness } from '../e2e/harness.js';

const KEY = 'sk-test-translate-key-123456';
const SAMPLE_KB = join(import.meta.dirname, '..', '..', 'kb');
/** Words the synonym list does not know: alone, they retrieve nothing relevant. */
const QUESTION = 'Nehmt ihr auch amerikanische Zahlungsdienste wie dieses blaue P?';

let fake: FakeOpenAI;
let harness: Harness | null = null;
beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY });
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  harness?.close();
  harness = null;
  fake.reset();
});

/** The support model, answering in German triage and translating the question the way nano would. */
function germanCustomerModel(request: ModelRequest): ScriptedAnswer {
  if (request.schemaName === 'query_translation') return { output: { query: 'Which payment methods do you accept? Can I pay with PayPal?' } };
  const answer = supportModel(request);
  if (request.schemaName === 'classification') return { output: { ...(answer.output as object), language: 'de' } };
  return answer;
}

async function draftFor(env: Record<string, string>) {
  fake.script(germanCustomerModel);
  harness = createHarness({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, KB_PATH: SAMPLE_KB, MODEL_EMBEDDINGS: 'off', ...env });
  const id = await harness.receive(QUESTION);
  await harness.core.workflow.idle();
  return { id, draft: await harness.core.store.triage.latestDraft(id), calls: await harness.core.store.modelCalls.forTicket(id) };
}

describe('query translation for the knowledge base', () => {
  it('searches the English rendering of a German question and grounds the draft in the passage it finds, paying for it in the ledger', async () => {
    const { draft, calls } = await draftFor({});
    const translate = calls.filter((call) => call.stage === 'translate');
    expect(translate).toHaveLength(1);
    expect(translate[0]).toMatchObject({ tier: 'nano', outcome: 'ok' });
    expect(translate[0]?.costNanos).toBeGreaterThan(0);
    expect(draft?.grounding).toBe('grounded');
    expect(draft?.sources[0]?.heading).toMatch(/Payment methods|Zahlungsarten/);
  });

  it('without the translation the same words find nothing relevant (the test above is not won by the synonyms)', async () => {
    harness = null;
    fake.script(germanCustomerModel);
    const h = createHarness({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: fake.url, KB_PATH: SAMPLE_KB, MODEL_EMBEDDINGS: 'off' });
    harness = h;
    const hits = await h.core.knowledge.retriever.search({ text: QUESTION, language: 'de' });
    expect(hits.filter((hit) => hit.relevant)).toEqual([]);
  });
});
