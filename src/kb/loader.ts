/**
 * Reads the KB folder: every `.md`, `.markdown` and `.txt` file, recursively.
 * Hidden files and folders (`.git`, an editor's `.swp`) are skipped. Each
 * file is hashed so a re-index can tell what changed without trusting mtimes
 * (an editor may save twice in one millisecond, a checkout may reset them).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { KbFile } from './types.js';

const KB_EXTENSIONS = /\.(?:md|markdown|txt)$/i;

/** Whether a path (relative or not) names a file the KB indexes. */
export function isKbFileName(name: string): boolean {
  const base = name.split(/[\\/]/).at(-1) ?? name;
  return KB_EXTENSIONS.test(base) && !base.startsWith('.');
}

/** The files under `root`, sorted by source; null when the folder does not exist. */
export function readKbFolder(root: string): KbFile[] | null {
  if (!isDirectory(root)) return null;
  return listFiles(root)
    .map((path) => readKbFile(root, path))
    .filter((file): file is KbFile => file !== null)
    .sort((left, right) => left.source.localeCompare(right.source));
}

/** One file, or null when it vanished between listing and reading (a save in progress). */
function readKbFile(root: string, path: string): KbFile | null {
  try {
    const bytes = readFileSync(path);
    return {
      source: toSource(root, path),
      hash: createHash('sha256').update(bytes).digest('hex'),
      mtimeMs: Math.trunc(statSync(path).mtimeMs),
      content: bytes.toString('utf8'),
    };
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

/** The path relative to the KB folder, with forward slashes on every platform. */
export function toSource(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

function listFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(path));
    else if (entry.isFile() && isKbFileName(entry.name)) found.push(path);
  }
  return found;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'EISDIR';
}
