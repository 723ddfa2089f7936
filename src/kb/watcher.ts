/**
 * Re-indexes when the KB folder changes. fs.watch reports one save as
 * several events (an editor writes a temp file, renames it, touches the
 * folder), so events are debounced into one re-index after things go quiet.
 * The re-index itself finds what changed by content hash, so a spurious
 * event costs a folder scan and nothing else.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../logger.js';
import { isKbFileName } from './loader.js';

export const DEFAULT_DEBOUNCE_MS = 300;

export interface FolderWatcher {
  close(): void;
}

/**
 * Calls `onChange` once per burst of changes under `path`. Events for files
 * the KB ignores (`.swp`, `~` backups, hidden files) are skipped; a name
 * without an extension may be a folder, so it counts. Returns null when the
 * folder cannot be watched (it does not exist): the caller logs and goes on.
 */
export function watchFolder(path: string, onChange: () => void, options: { logger: Logger; debounceMs?: number }): FolderWatcher | null {
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  let timer: NodeJS.Timeout | null = null;
  let watcher: FSWatcher;
  try {
    watcher = watch(path, { recursive: true, persistent: false });
  } catch (error) {
    options.logger.info({ err: error, path }, 'knowledge base folder cannot be watched; changes need npm run kb:index or a restart');
    return null;
  }
  watcher.on('change', (_event, filename) => {
    const name = filename === null ? null : String(filename);
    if (name !== null && !concernsKb(name)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onChange();
    }, debounceMs);
  });
  watcher.on('error', (error) => {
    // The folder was removed or became unreadable: stop watching rather than crash the bot.
    options.logger.warn({ err: error, path }, 'knowledge base watcher stopped');
    close();
  });
  const close = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    watcher.close();
  };
  return { close };
}

function concernsKb(name: string): boolean {
  const segments = name.split(/[\\/]/);
  const base = segments.at(-1) ?? name;
  // Hidden files and anything under a hidden folder (.git) are not indexed, so their changes do not matter.
  if (segments.some((segment) => segment.startsWith('.')) || base.endsWith('~')) return false;
  return isKbFileName(base) || !base.includes('.');
}
