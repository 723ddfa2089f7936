/**
 * The knowledge base's embedder on top of the model gateway: every call
 * goes through `gateway.embed`, so it is budgeted, retried, priced and in the
 * ledger (stage `embed`) like any other model call. Undefined when the
 * gateway has no embeddings model (MODEL_EMBEDDINGS off, the offline
 * provider): the knowledge base then searches with BM25 alone.
 */
import type { EmbeddingCall, EmbeddingCallResult } from '../models/model-gateway.js';
import type { Embedder } from './types.js';

/** What the knowledge base needs of the gateway (ModelGateway has it). */
export interface EmbeddingGateway {
  readonly embeddingModel: string | null;
  embed(call: EmbeddingCall): Promise<EmbeddingCallResult>;
}

export function gatewayEmbedder(gateway: EmbeddingGateway, options: { minSimilarity?: number } = {}): Embedder | undefined {
  const model = gateway.embeddingModel;
  if (model === null) return undefined;
  return {
    model,
    ...(options.minSimilarity === undefined ? {} : { minSimilarity: options.minSimilarity }),
    async embed(texts, purpose, ticketId = null) {
      const result = await gateway.embed({ texts, purpose, ticketId });
      return result.vectors;
    },
  };
}
