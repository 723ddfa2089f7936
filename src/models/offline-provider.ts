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
import type { ModelProvider, ModelRequest, ModelResult, ModelTask } from './provider.js';
import { countTokens } from './tokenizer.js';

/** The provider's prompt cache serves repeated prefixes of at least this many tokens. */
const CACHE_MIN_TOKENS = 1024;
const CACHE_BLOCK = 128;

function answer(task: ModelTask): unknown {
  switch (task.kind) {
    case 'classify':
      return classifyOffline(task.ticket);
    case 'extract':
      return extractOffline(task.ticket, { products: task.products });
    case 'draft':
      return draftOffline({
        ...task.ticket,
        classification: task.classification,
        fields: task.fields,
      });
    case 'summarize':
      return {
        summary: summarizeOffline({ ...task.ticket, classification: task.classification, fields: task.fields }),
      };
    case 'review':
      return reviewOffline({ draft: task.draft, classification: task.classification });
  }
}

export class OfflineProvider implements ModelProvider {
  readonly name = 'offline';
  readonly bills = false;
  private readonly seenPrefixes = new Set<string>();

  async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
    const parsed = request.schema.safeParse(answer(request.task));
    if (!parsed.success) {
      throw modelError('MODEL_INVALID_OUTPUT', `offline ${request.task.kind} produced output outside its schema`, {
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
