/**
 * The offline provider: deterministic heuristics, no network. Honest about
 * what it is — its name is `offline`, its calls cost $0, and the ledger also
 * gets what the call would have cost on the configured model, from token
 * counts made locally with the model family's tokenizer.
 */
import { modelError } from '../errors.js';
import { classifyOffline } from './offline/classifier.js';
import { draftOffline, summarizeOffline } from './offline/drafter.js';
import { extractOffline } from './offline/extractor.js';
import { reviewOffline } from './offline/reviewer.js';
import { promptInputTokens, staticPromptTokens } from './prompt-tokens.js';
import type { ModelProvider, ModelRequest, ModelResult } from './provider.js';
import { promptDraft, promptKnowledge, promptProducts, promptTicket, promptTriage } from './offline/prompt-reading.js';
import { countTokens } from './tokenizer.js';

/** The provider's prompt cache serves repeated prefixes of at least this many tokens. */
const CACHE_MIN_TOKENS = 1024;
const CACHE_BLOCK = 128;

/**
 * What the heuristics answer for a request, chosen by the structured output
 * it asks for (the schema's name), from the parts of the prompt they need.
 */
function answer(schemaName: string, user: string): unknown {
  const ticket = promptTicket(user);
  const triage = promptTriage(user);
  switch (schemaName) {
    case 'classification':
      return classifyOffline(ticket);
    case 'extracted_fields':
      return extractOffline(ticket, { products: promptProducts(user) });
    case 'draft_reply':
      // The draft carries the reviewer's summary (src/pipeline/schemas.ts).
      return triage ? { ...draftOffline({ ...ticket, ...triage, passages: promptKnowledge(user) }), summary: summarizeOffline({ ...ticket, ...triage }) } : undefined;
    case 'ticket_summary':
      return triage ? { summary: summarizeOffline({ ...ticket, ...triage }) } : undefined;
    case 'flagship_review': {
      const draft = promptDraft(user);
      const review = reviewOffline({ draft: draft ? { ...draft, confidence: 0 } : null, ...(triage ? { classification: triage.classification } : {}) });
      // The stage's answer shape: a verdict and edits (the offline reviewer never edits).
      return { verdict: review.verdict, rationale: review.rationale, edits: [] };
    }
    default:
      return undefined;
  }
}

export class OfflineProvider implements ModelProvider {
  readonly name = 'offline';
  readonly capabilities = { bills: false, judgesDrafts: false };
  private readonly seenPrefixes = new Set<string>();

  async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
    const parsed = request.schema.safeParse(answer(request.schemaName, request.prompt.user));
    if (!parsed.success) {
      throw modelError('MODEL_INVALID_OUTPUT', `offline heuristics produced no ${request.schemaName} within its schema`, {
        model: request.model,
        retryable: false,
        cause: parsed.error,
      });
    }
    const output = parsed.data;
    const outputText = JSON.stringify(output);
    const staticTokens = staticPromptTokens(request);
    const input = promptInputTokens(request);
    const prefixKey = `${request.model}\u0000${request.prompt.version}`;
    const cachedInput =
      staticTokens >= CACHE_MIN_TOKENS && this.seenPrefixes.has(prefixKey)
        ? Math.floor(staticTokens / CACHE_BLOCK) * CACHE_BLOCK
        : 0;
    this.seenPrefixes.add(prefixKey);
    const usage = { input, cachedInput, output: countTokens(outputText), reasoning: 0 };
    return {
      output,
      usage,
      rawUsage: { estimated: true, tokenizer: 'o200k_base', ...usage },
      requestId: null,
      billed: false,
    };
  }
}
