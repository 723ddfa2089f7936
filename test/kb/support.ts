/** Temp KB folders and temp SQLite files for the knowledge-base tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { dirname, join } from 'node:path';
import { createLogger, type Logger } from '../../src/logger.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/db.js';
import { tempDir } from '../support/temp-dir.js';

export interface Workspace {
  root: string;
  kb: string;
  database: string;
  /** Writes (or overwrites) a KB file, creating its folders. */
  write(source: string, content: string): void;
  open(): OpenedDatabase;
  cleanup(): void;
}

export function workspace(prefix: string): Workspace {
  const dir = tempDir(prefix);
  const kb = dir.file('kb');
  mkdirSync(kb);
  const opened: OpenedDatabase[] = [];
  return {
    root: dir.path,
    kb,
    database: dir.file('triage.db'),
    write(source, content) {
      const path = join(kb, source);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    },
    open() {
      const db = openDatabase(dir.file('triage.db'));
      opened.push(db);
      return db;
    },
    cleanup() {
      for (const db of opened) if (db.sqlite.open) db.close();
      dir.cleanup();
    },
  };
}

/** A logger writing JSON lines into memory. */
export function captureLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines };
}
