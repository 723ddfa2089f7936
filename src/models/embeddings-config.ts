/**
 * MODEL_EMBEDDINGS: the model the knowledge base embeds passages and
 * questions with, or none (BM25 alone). No environment is read here; the
 * value comes from src/config.ts.
 *
 * - unset with MODEL_PROVIDER=openai: `text-embedding-3-small` ($0.02 per 1M
 *   input tokens in the built-in price table);
 * - unset with `openai-compatible`: none, since such servers rarely serve
 *   OpenAI's model (set one the server has, e.g. `nomic-embed-text`, and give
 *   it a price in MODEL_PRICES);
 * - `off` (or `none`): none, whatever the provider;
 * - the offline provider never embeds.
 */
export const DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small';

export function embeddingModelSetting(provider: 'openai' | 'openai-compatible' | 'offline', value: string | undefined): string | null {
  if (provider === 'offline') return null;
  const model = value?.trim() ?? '';
  if (['off', 'none'].includes(model.toLowerCase())) return null;
  if (model !== '') return model;
  return provider === 'openai' ? DEFAULT_EMBEDDING_MODEL : null;
}
