/**
 * The knowledge base's tables (migration 0007), read and written with
 * prepared statements: drizzle cannot express FTS5, so these tables are not
 * in schema.ts. kb_passages_fts follows kb_passages through triggers, so
 * writing passages is all an index update needs.
 */
import type Database from 'better-sqlite3';
import { immediate } from '../store/db.js';
import type { FilePassage } from './passages.js';
import type { KbFile, Passage } from './types.js';

/**
 * BM25 column weights, in the FTS table's column order (heading, title, tags,
 * text): a word in a section's heading says far more about what the section
 * answers than the same word in passing in its text. The file's title and
 * tags repeat on every passage of the file, so they say little about which
 * passage answers: they help a section like "Eligibility" be found by
 * "refund", and weigh less than its text.
 */
const COLUMN_WEIGHTS = [4, 0.5, 0.5, 1] as const;

export interface StoredPassage extends Passage {
  id: number;
  title: string;
  /** SQLite's bm25(): lower is better; negative for a match. */
  rank: number;
}

interface PassageRow {
  id: number;
  source: string;
  title: string;
  heading: string;
  language: string;
  url: string | null;
  tags: string;
  text: string;
  bm25_rank: number;
}

export class PassageStore {
  private readonly statements;

  constructor(private readonly sqlite: Database.Database) {
    this.statements = {
      files: sqlite.prepare<[], { source: string; hash: string }>('select source, hash from kb_files'),
      upsertFile: sqlite.prepare(
        `insert into kb_files (source, hash, mtime_ms, indexed_at) values (@source, @hash, @mtimeMs, @indexedAt)
         on conflict (source) do update set hash = excluded.hash, mtime_ms = excluded.mtime_ms, indexed_at = excluded.indexed_at`,
      ),
      deletePassages: sqlite.prepare('delete from kb_passages where source = ?'),
      deleteFile: sqlite.prepare('delete from kb_files where source = ?'),
      insertPassage: sqlite.prepare(
        `insert into kb_passages (source, title, heading, language, url, tags, text, file_hash, indexed_at)
         values (@source, @title, @heading, @language, @url, @tags, @text, @fileHash, @indexedAt)`,
      ),
      search: sqlite.prepare<[string, number], PassageRow>(
        `select p.id, p.source, p.title, p.heading, p.language, p.url, p.tags, p.text,
                bm25(kb_passages_fts, ${COLUMN_WEIGHTS.join(', ')}) as bm25_rank
           from kb_passages_fts join kb_passages p on p.id = kb_passages_fts.rowid
          where kb_passages_fts match ?
          order by bm25_rank, p.id
          limit ?`,
      ),
      countMatches: sqlite.prepare<[string], { n: number }>('select count(*) as n from kb_passages_fts where kb_passages_fts match ?'),
      countPassages: sqlite.prepare<[], { n: number }>('select count(*) as n from kb_passages'),
      bySource: sqlite.prepare<[string], PassageRow>(
        'select id, source, title, heading, language, url, tags, text, 0 as bm25_rank from kb_passages where source = ? order by id',
      ),
      byId: sqlite.prepare<[number], PassageRow>(
        'select id, source, title, heading, language, url, tags, text, 0 as bm25_rank from kb_passages where id = ?',
      ),
    };
  }

  /** source → content hash of every indexed file. */
  fileHashes(): Map<string, string> {
    return new Map(this.statements.files.all().map((row) => [row.source, row.hash]));
  }

  /** Replaces a file's passages in one transaction: a reader never sees half a file. */
  replaceFile(file: Omit<KbFile, 'content'>, passages: readonly FilePassage[], now: number): void {
    immediate(this.sqlite, () => {
      this.statements.deletePassages.run(file.source);
      this.statements.upsertFile.run({ source: file.source, hash: file.hash, mtimeMs: file.mtimeMs, indexedAt: now });
      for (const passage of passages) {
        this.statements.insertPassage.run({
          source: passage.source,
          title: passage.title,
          heading: passage.heading,
          language: passage.language,
          url: passage.url ?? null,
          tags: JSON.stringify(passage.tags),
          text: passage.text,
          fileHash: file.hash,
          indexedAt: now,
        });
      }
    });
  }

  removeFile(source: string): void {
    immediate(this.sqlite, () => {
      this.statements.deletePassages.run(source);
      this.statements.deleteFile.run(source);
    });
  }

  /** Best matches of an FTS5 expression (built by query.ts, never raw customer text). */
  search(expression: string, limit: number): StoredPassage[] {
    return this.statements.search.all(expression, limit).map(toPassage);
  }

  /** How many passages match an expression: the document frequency of a query concept. */
  countMatches(expression: string): number {
    return this.statements.countMatches.get(expression)?.n ?? 0;
  }

  countPassages(): number {
    return this.statements.countPassages.get()?.n ?? 0;
  }

  passagesOf(source: string): StoredPassage[] {
    return this.statements.bySource.all(source).map(toPassage);
  }

  /** One passage by id, for a reviewer opening a cited source. */
  passage(id: number): StoredPassage | null {
    const row = this.statements.byId.get(id);
    return row ? toPassage(row) : null;
  }
}

function toPassage(row: PassageRow): StoredPassage {
  const passage: StoredPassage = {
    id: row.id,
    source: row.source,
    title: row.title,
    heading: row.heading,
    language: row.language,
    tags: parseTags(row.tags),
    text: row.text,
    rank: row.bm25_rank,
  };
  if (row.url !== null) passage.url = row.url;
  return passage;
}

function parseTags(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((tag): tag is string => typeof tag === 'string') : [];
  } catch {
    return [];
  }
}
