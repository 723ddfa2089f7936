/**
 * The single-model baseline: what a one-model bot does for each ticket. One
 * flagship call through the real `openai` SDK (the project's Responses
 * provider) against the same fake, with one prompt (prompts/baseline.md)
 * whose structured output holds the classification, the extracted fields and
 * the reply. Nothing is reviewed separately: a person reads the draft.
 *
 * It is given what a well-built one-model bot would have: the same knowledge
 * base passages (retrieval is plain code, free), placed after its static
 * instructions and before the customer's words, so its prompt cache works as
 * well as it can; and the cheaper reasoning effort (assumptions.ts). Its
 * urgency and its card both arrive when the call returns.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { startKnowledgeBase } from '../../../src/kb/index.js';
import { createOpenAIClient } from '../../../src/models/openai/client.js';
import { OpenAIResponsesProvider } from '../../../src/models/openai/responses-provider.js';
import { costNanos, loadPriceTable, priceFor } from '../../../src/models/pricing.js';
import { fence } from '../../../src/pipeline/fence.js';
import { choosePassages, knowledgeBlock } from '../../../src/pipeline/grounding.js';
import { readPromptFile } from '../../../src/pipeline/prompt-library.js';
import { classificationSchema, extractedFieldsSchema } from '../../../src/pipeline/schemas.js';
import { openSqliteStore } from '../../../src/store/sqlite/index.js';
import { BASELINE_REASONING_EFFORT, IN_FLIGHT, MODELS } from './assumptions.js';
import { inFlight, realSpan } from './real-time.js';
import type { SideOptions, StageSpend, TicketTimes } from './side.js';
import type { BenchTicket } from './tickets.js';

export const KB_PATH = join(import.meta.dirname, '../../../kb');

export const baselineSchema = classificationSchema.extend({
  fields: extractedFieldsSchema,
  reply: z.string().min(1).nullable(),
  citations: z.array(z.number().int().min(1)),
});

/** The customer's words as the pipeline fences them (stages.ts): the subject line first. */
function customerMessage(ticket: BenchTicket): string {
  return fence('customer_message', `${ticket.subject ? `Subject: ${ticket.subject.replace(/\n/g, ' ')}\n\n` : ''}${ticket.text}`);
}

export async function runBaseline(options: SideOptions): Promise<{ times: TicketTimes[]; spend: StageSpend }> {
  const { fake } = options;
  const prompt = readPromptFile('baseline');
  const provider = new OpenAIResponsesProvider(createOpenAIClient({ apiKey: options.apiKey, baseUrl: fake.url, timeoutMs: 120_000 }), {
    apiKey: options.apiKey,
    baseUrl: fake.url,
    timeoutMs: 120_000,
  });
  const price = priceFor(loadPriceTable(undefined), MODELS.flagship);
  const store = openSqliteStore(options.database);
  const knowledge = startKnowledgeBase({ sqlite: store.sqlite, path: KB_PATH, logger: options.logger, watch: false });
  const results: TicketTimes[] = [];
  const spend: StageSpend = { stage: 'single_model', tier: 'flagship', calls: 0, costUsd: 0, inputTokens: 0, cachedTokens: 0, outputTokens: 0 };
  try {
    const tickets = [...options.warmup, ...options.tickets];
    await inFlight(tickets, IN_FLIGHT, async (ticket, index) => {
      const started = performance.now();
      // A one-model bot searches before it knows the language or category: the text alone.
      const hits = await knowledge.retriever.search({ text: ticket.subject ? `${ticket.subject}\n${ticket.text}` : ticket.text }, 6);
      const attemptId = `baseline-${index}`;
      const result = await provider.generate({
        model: MODELS.flagship,
        prompt: { name: prompt.name, version: prompt.version, system: prompt.system, user: `${knowledgeBlock(choosePassages(hits))}\n${customerMessage(ticket)}` },
        schema: baselineSchema,
        schemaName: 'single_model_triage',
        maxOutputTokens: 3_000,
        reasoningEffort: BASELINE_REASONING_EFFORT,
        attemptId,
      });
      const ended = performance.now();
      if (index < options.warmup.length) return;
      const cost = costNanos(result.usage, price) / 1e9;
      spend.calls += 1;
      spend.costUsd += cost;
      spend.inputTokens += result.usage.input;
      spend.cachedTokens += result.usage.cachedInput;
      spend.outputTokens += result.usage.output;
      const waits = fake.timings.find((timing) => timing.clientRequestId === attemptId)?.waits ?? [];
      const seconds = realSpan(started, ended, waits, fake.timeScale) / 1000;
      results.push({ id: ticket.id, costUsd: cost, calls: 1, urgencySeconds: seconds, cardSeconds: seconds, escalated: false });
    });
  } finally {
    knowledge.stop();
    store.close();
  }
  return { times: results, spend };
}
