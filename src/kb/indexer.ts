/**
 * Brings the index in step with the KB folder: files whose content hash
 * changed are split again and their passages replaced, files that are gone
 * lose theirs, unchanged files are not touched. Safe to run at any time and
 * from several processes: each file is replaced in its own transaction.
 */
import { readKbFolder } from './loader.js';
import type { PassageStore } from './passage-store.js';
import { splitIntoPassages } from './passages.js';

export interface IndexSummary {
  /** False when the folder does not exist (the index is then emptied). */
  folderFound: boolean;
  files: number;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  /** Passages in the index afterwards. */
  passages: number;
  durationMs: number;
}

export function reindexFolder(store: PassageStore, root: string, clock: () => Date = () => new Date()): IndexSummary {
  const started = performance.now();
  const files = readKbFolder(root);
  const indexed = store.fileHashes();
  const summary: IndexSummary = {
    folderFound: files !== null,
    files: files?.length ?? 0,
    added: [],
    changed: [],
    removed: [],
    unchanged: 0,
    passages: 0,
    durationMs: 0,
  };
  const now = clock().getTime();
  const present = new Set<string>();
  for (const file of files ?? []) {
    present.add(file.source);
    const previous = indexed.get(file.source);
    if (previous === file.hash) {
      summary.unchanged += 1;
      continue;
    }
    store.replaceFile(file, splitIntoPassages(file.source, file.content), now);
    (previous === undefined ? summary.added : summary.changed).push(file.source);
  }
  for (const source of indexed.keys()) {
    if (present.has(source)) continue;
    store.removeFile(source);
    summary.removed.push(source);
  }
  summary.passages = store.countPassages();
  summary.durationMs = Math.round((performance.now() - started) * 10) / 10;
  return summary;
}
