/**
 * The knowledge base's public surface: what the composition root, the
 * pipeline, the drafters and the CLI import. Everything else in src/kb is
 * an implementation detail.
 */
export { startKnowledgeBase, type KnowledgeBase, type KnowledgeBaseOptions } from './knowledge-base.js';
export { createRetriever, type Retriever, type RetrieverOptions } from './retriever.js';
export { isGrounded, MIN_COVERAGE, DEFAULT_MIN_SIMILARITY } from './relevance.js';
export { gatewayEmbedder, type EmbeddingGateway } from './embedder.js';
export { RRF_K } from './fusion.js';
export type { VectorSyncSummary } from './vectors.js';
export { reindexFolder, type IndexSummary } from './indexer.js';
export { PassageStore } from './passage-store.js';
export { KnowledgeGaps, gapTopic, type GapRecord, type GapTopic } from './gaps.js';
export { KB_ENVIRONMENT, DEFAULT_KB_PATH, knowledgeBaseSettings, type KnowledgeBaseSettings } from './kb-config.js';
export type { Embedder, KbQuery, Passage, SearchHit } from './types.js';
