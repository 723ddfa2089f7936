/**
 * The knowledge base as the bot runs it: indexed at start-up, re-indexed
 * when a file in KB_PATH changes, searched by the pipeline, and told about
 * the tickets it could not answer. One call to start, one to stop.
 *
 * Indexing problems never stop the bot: a KB that cannot be read leaves the
 * index as it was (or empty) and drafts are marked "no grounding"; the log
 * says why. Only an explicit `reindex()` (the CLI) throws.
 */
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { KnowledgeBaseError } from '../errors.js';
import type { Logger } from '../logger.js';
import { KnowledgeGaps, type GapRecord, type GapTopic } from './gaps.js';
import { reindexFolder, type IndexSummary } from './indexer.js';
import { PassageStore } from './passage-store.js';
import { createRetriever, type Retriever, type RetrieverOptions } from './retriever.js';
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
  /** Query translation by a model, when one is configured (see RetrieverOptions). */
  translate?: RetrieverOptions['translate'];
  clock?: () => Date;
  /** Called after every successful re-index (start-up, a change, `reindex()`). */
  onIndexed?: (summary: IndexSummary) => void;
}

export interface KnowledgeBase {
  retriever: Retriever;
  /** Brings the index in step with the folder now; throws KnowledgeBaseError when the folder cannot be read. */
  reindex(): IndexSummary;
  /** Counts a ticket whose retrieval found nothing relevant (topic from `retriever.gapTopic`). */
  recordGap(gap: GapRecord): boolean;
  /** The most frequent gap topics in [since, until). */
  topGaps(options?: { since?: Date; until?: Date; limit?: number }): GapTopic[];
  /** Stops watching the folder. The database stays open: it belongs to the caller. */
  stop(): void;
}

export function startKnowledgeBase(options: KnowledgeBaseOptions): KnowledgeBase {
  const logger = options.logger.child({ component: 'knowledge_base' });
  const root = resolve(options.path);
  const store = new PassageStore(options.sqlite);
  const gaps = new KnowledgeGaps(options.sqlite, options.clock);
  const retrieverOptions: RetrieverOptions = { logger };
  if (options.translate) retrieverOptions.translate = options.translate;
  const retriever = createRetriever(store, retrieverOptions);

  const reindex = (): IndexSummary => {
    let summary: IndexSummary;
    try {
      summary = reindexFolder(store, root, options.clock);
    } catch (cause) {
      throw new KnowledgeBaseError(options.path, `cannot index the knowledge base at ${root}`, { cause });
    }
    options.onIndexed?.(summary);
    return summary;
  };

  /** Start-up and file changes: a failure is logged, the previous index stays. */
  const reindexAndLog = (reason: 'start' | 'change'): void => {
    try {
      logSummary(logger, options.path, reindex(), reason);
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
    stop() {
      watcher?.close();
      watcher = null;
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
