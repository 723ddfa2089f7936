/**
 * The knowledge base as the bot runs it: indexed at start-up, re-indexed
 * when a file in KB_PATH changes, searched by the pipeline, and told about
 * the tickets it could not answer. One call to start, one to stop.
 *
 * Indexing problems never stop the bot: a KB that cannot be read leaves the
 * index as it was (or empty) and drafts are marked "no grounding"; the log
 * says why. Only an explicit `reindex()` (the CLI) throws.
 *
 * With an `embedder` (the model gateway, when MODEL_EMBEDDINGS names a model),
 * searches fuse BM25 with the passages' vectors (vectors.ts). New and changed
 * passages are embedded in the background after a re-index caused by a
 * change (or `reindex()`), and, for the index built at start-up, on the
 * first search or `syncVectors()`: nothing is sent to the model API before
 * the composition root has checked the models (a refused key stops the bot
 * before it spends anything). Without an embedder, or while embeddings
 * fail, search is BM25 alone.
 */
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { KnowledgeBaseError } from '../errors.js';
import type { Logger } from '../logger.js';
import { KnowledgeGaps, type GapRecord, type GapTopic } from './gaps.js';
import { reindexFolder, type IndexSummary } from './indexer.js';
import { PassageStore } from './passage-store.js';
import { DEFAULT_MIN_SIMILARITY } from './relevance.js';
import { createRetriever, type Retriever, type RetrieverOptions } from './retriever.js';
import type { Embedder } from './types.js';
import { VectorIndex, type VectorSyncSummary } from './vectors.js';
import { watchFolder, type FolderWatcher } from './watcher.js';

export interface KnowledgeBaseOptions {
  /** The bot's database handle (`OpenedDatabase.sqlite`): the KB lives in the same file. */
  sqlite: Database.Database;
  /** KB_PATH. */
  path: string;
  logger: Logger;
  /** Re-index when files change (default true; the CLI turns it off). */
  watch?: boolean;
  debounceMs?: number;
  clock?: () => Date;
  /** Called after every successful re-index (start-up, a change, `reindex()`). */
  onIndexed?: (summary: IndexSummary) => void;
  /** Embeddings fused with BM25 (`gatewayEmbedder(core.gateway)`); absent: BM25 alone. */
  embedder?: Embedder;
}

export interface KnowledgeBase {
  retriever: Retriever;
  /** Brings the index in step with the folder now; throws KnowledgeBaseError when the folder cannot be read. */
  reindex(): IndexSummary;
  /** Counts a ticket whose retrieval found nothing relevant (topic from `retriever.gapTopic`). */
  recordGap(gap: GapRecord): boolean;
  /** The most frequent gap topics in [since, until). */
  topGaps(options?: { since?: Date; until?: Date; limit?: number }): GapTopic[];
  /** Passages indexed now: none means there is nothing a draft could be grounded in. */
  passageCount(): number;
  /**
   * Embeds the passages that have no vector yet (a re-index after a change,
   * and the first search, start this in the background; the composition root
   * may call it once the models are checked, to have vectors before the
   * first ticket). Never throws; null without an embedder.
   */
  syncVectors(): Promise<VectorSyncSummary | null>;
  /** Stops watching the folder. The database stays open: it belongs to the caller. */
  stop(): void;
}

export function startKnowledgeBase(options: KnowledgeBaseOptions): KnowledgeBase {
  const logger = options.logger.child({ component: 'knowledge_base' });
  const root = resolve(options.path);
  const store = new PassageStore(options.sqlite);
  const gaps = new KnowledgeGaps(options.sqlite, options.clock);
  const retrieverOptions: RetrieverOptions = { logger };
  const vectors = options.embedder ? new VectorIndex(options.sqlite, options.embedder, { logger, ...(options.clock ? { clock: options.clock } : {}) }) : null;
  if (vectors) {
    retrieverOptions.vectors = {
      nearest: (text, limit, ticketId) => vectors.nearest(text, limit, ticketId),
      minSimilarity: options.embedder?.minSimilarity ?? DEFAULT_MIN_SIMILARITY,
    };
  }
  const retriever = createRetriever(store, retrieverOptions);

  const syncVectors = async (): Promise<VectorSyncSummary | null> => {
    if (!vectors) return null;
    const summary = await vectors.sync();
    if (summary.embedded > 0) {
      const { model, embedded, kept, calls, durationMs } = summary;
      logger.info({ model, embedded, kept, calls, durationMs }, 'knowledge base passages embedded');
    }
    return summary;
  };

  const index = (): IndexSummary => {
    let summary: IndexSummary;
    try {
      summary = reindexFolder(store, root, options.clock);
    } catch (cause) {
      throw new KnowledgeBaseError(options.path, `cannot index the knowledge base at ${root}`, { cause });
    }
    options.onIndexed?.(summary);
    return summary;
  };

  const reindex = (): IndexSummary => {
    const summary = index();
    // New and changed passages get their vectors in the background; search uses BM25 for them meanwhile.
    if (vectors) void syncVectors();
    return summary;
  };

  /** Start-up and file changes: a failure is logged, the previous index stays. */
  const reindexAndLog = (reason: 'start' | 'change'): void => {
    try {
      logSummary(logger, options.path, reason === 'start' ? index() : reindex(), reason);
    } catch (error) {
      logger.error({ err: error }, 'knowledge base re-index failed; the previous index is kept');
    }
  };

  reindexAndLog('start');
  let watcher: FolderWatcher | null = null;
  if (options.watch ?? true) {
    const watchOptions: { logger: Logger; debounceMs?: number } = { logger };
    if (options.debounceMs !== undefined) watchOptions.debounceMs = options.debounceMs;
    watcher = watchFolder(root, () => reindexAndLog('change'), watchOptions);
  }

  return {
    retriever,
    reindex,
    recordGap: (gap) => gaps.record(gap),
    topGaps: (range) => gaps.top(range),
    passageCount: () => store.countPassages(),
    syncVectors,
    stop() {
      watcher?.close();
      watcher = null;
      vectors?.stop();
    },
  };
}

function logSummary(logger: Logger, path: string, summary: IndexSummary, reason: 'start' | 'change'): void {
  if (!summary.folderFound) {
    logger.info({ path, removed: summary.removed.length }, `no knowledge base folder at ${path} (KB_PATH): drafts will cite nothing until it exists`);
    return;
  }
  const changed = summary.added.length + summary.changed.length + summary.removed.length;
  if (reason === 'change' && changed === 0) return;
  logger.info(
    {
      path,
      files: summary.files,
      passages: summary.passages,
      added: summary.added,
      changed: summary.changed,
      removed: summary.removed,
      durationMs: summary.durationMs,
    },
    reason === 'start' ? 'knowledge base indexed' : 'knowledge base re-indexed after a change',
  );
}
