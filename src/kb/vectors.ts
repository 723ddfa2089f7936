/**
 * The knowledge base's embeddings (migration 0009, `kb_vectors`): one unit
 * vector per passage, computed through the configured embedder (the model
 * gateway: every call priced and in the ledger) and kept in SQLite, so a
 * restart or a second process re-embeds nothing.
 *
 * - `sync()` embeds the passages that have no vector of the current model
 *   (new or changed files: a changed file's passages are new rows, and their
 *   old vectors went with the old rows), in batches. An unchanged KB costs
 *   no call. The first search starts one when none has run. A failure is
 *   logged; the passages stay pending and are tried again after the next
 *   re-index, or on a search once RETRY_AFTER_MS passed.
 * - `nearest()` embeds the ticket's question and ranks every stored vector
 *   by cosine similarity, in JS: the vectors are read once into one
 *   Float32Array and read again only when the table changed. For a KB of a
 *   few thousand passages that is a few milliseconds per query, besides the
 *   embeddings call: 2,800 passages take about 3 ms at 256 dimensions and 11 ms
 *   at text-embedding-3-small's 1,536 (p50, `npx tsx test/bench/kb-bench.ts`).
 *   An index (sqlite-vec, HNSW) would be worth its dependency only far beyond that.
 *
 * Whatever goes wrong here, search goes on with BM25 alone: `nearest`
 * returns null and the caller searches as if there were no embeddings.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { BudgetExceededError } from '../errors.js';
import type { Logger } from '../logger.js';
import { immediate } from '../store/db.js';
import type { Embedder } from './types.js';

/** Passages per embeddings request: well under the API's 2,048 inputs and 300,000 tokens (a passage is about 300 tokens). */
export const EMBED_BATCH = 64;
/** Characters of one text sent at most: below the model's 8,191-token input limit whatever the tokenizer. */
const MAX_INPUT_CHARACTERS = 8_000;
/**
 * After a failed sync, a search tries embedding the passages again no sooner
 * than this; after a question could not be embedded, searches are BM25's
 * alone for as long, so an endpoint that is down (or a spent budget) costs
 * one slow search a minute, not the gateway's retries on every one.
 */
export const RETRY_AFTER_MS = 60_000;

export interface VectorSyncSummary {
  model: string;
  /** Passages embedded now. */
  embedded: number;
  /** Passages whose stored vector was kept. */
  kept: number;
  /** Passages still without a vector (the sync failed part way, or was stopped). */
  pending: number;
  /** Embeddings requests made. */
  calls: number;
  failed: boolean;
  durationMs: number;
}

export interface NearestPassage {
  id: number;
  /** Cosine similarity to the question, -1..1. */
  similarity: number;
}

interface PassageText {
  id: number;
  title: string;
  heading: string;
  text: string;
  model: string | null;
  text_hash: string | null;
}

/** What is embedded for a passage: the file's title and the section's heading say what the text is about. */
export function passageEmbeddingText(passage: { title: string; heading: string; text: string }): string {
  const heading = passage.heading === passage.title ? passage.heading : `${passage.title}\n${passage.heading}`;
  return clip(`${heading}\n\n${passage.text}`);
}

function clip(text: string): string {
  return text.length > MAX_INPUT_CHARACTERS ? text.slice(0, MAX_INPUT_CHARACTERS) : text;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The unit vector (cosine similarity becomes a dot product); null for a zero or non-finite vector. */
export function normalise(vector: readonly number[]): Float32Array | null {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (!Number.isFinite(norm) || norm === 0) return null;
  const unit = new Float32Array(vector.length);
  vector.forEach((value, index) => (unit[index] = value / norm));
  return unit;
}

/** float32, little-endian, as stored in `kb_vectors.vector`. */
export function encodeVector(unit: Float32Array): Buffer {
  const bytes = Buffer.alloc(unit.length * 4);
  unit.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes;
}

export function decodeVector(bytes: Buffer): Float32Array {
  const unit = new Float32Array(bytes.length / 4);
  for (let index = 0; index < unit.length; index++) unit[index] = bytes.readFloatLE(index * 4);
  return unit;
}

/** Every stored vector of one model and size, in one block, with its passage ids. */
interface VectorMatrix {
  fingerprint: string;
  dims: number;
  ids: number[];
  values: Float32Array;
}

export interface VectorIndexOptions {
  logger: Logger;
  clock?: () => Date;
}

export class VectorIndex {
  private readonly statements;
  private running: Promise<VectorSyncSummary> | null = null;
  private queued: Promise<VectorSyncSummary> | null = null;
  private lastFailureAt: number | null = null;
  private everSynced = false;
  private queryFailureAt: number | null = null;
  private matrix: VectorMatrix | null = null;
  private stopped = false;

  constructor(
    private readonly sqlite: Database.Database,
    readonly embedder: Embedder,
    private readonly options: VectorIndexOptions,
  ) {
    this.statements = {
      passages: sqlite.prepare<[string], PassageText>(
        `select p.id, p.title, p.heading, p.text, v.model, v.text_hash
           from kb_passages p left join kb_vectors v on v.passage_id = p.id and v.model = ?
          order by p.id`,
      ),
      // Only while the passage is still there with the text that was embedded: a re-index may have replaced it meanwhile.
      upsert: sqlite.prepare(
        `insert into kb_vectors (passage_id, model, dims, vector, text_hash, created_at)
         select @id, @model, @dims, @vector, @textHash, @createdAt
          where exists (select 1 from kb_passages where id = @id)
         on conflict (passage_id) do update set model = excluded.model, dims = excluded.dims, vector = excluded.vector,
           text_hash = excluded.text_hash, created_at = excluded.created_at`,
      ),
      fingerprint: sqlite.prepare<[string], { n: number; top: number; total: number }>(
        'select count(*) as n, coalesce(max(passage_id), 0) as top, coalesce(sum(passage_id), 0) as total from kb_vectors where model = ?',
      ),
      vectors: sqlite.prepare<[string], { passage_id: number; dims: number; vector: Buffer }>(
        'select passage_id, dims, vector from kb_vectors where model = ? order by passage_id',
      ),
    };
  }

  get model(): string {
    return this.embedder.model;
  }

  /**
   * Embeds what is pending. A call while a sync runs waits for it and then
   * for one more (which sees what changed meanwhile), shared by every call
   * made in the meantime; its summary adds both up. Never throws.
   */
  sync(): Promise<VectorSyncSummary> {
    if (this.queued) return this.queued;
    const current = this.running;
    if (!current) return this.start();
    const next = current.then(async (before) => {
      this.queued = null;
      return addUp(before, await this.start());
    });
    this.queued = next;
    return next;
  }

  private start(): Promise<VectorSyncSummary> {
    this.everSynced = true;
    const running = this.run().finally(() => {
      if (this.running === running) this.running = null;
    });
    this.running = running;
    return running;
  }

  /** Stops writing: a sync in flight drops its results (the database may be closing). */
  stop(): void {
    this.stopped = true;
  }

  private async run(): Promise<VectorSyncSummary> {
    const started = performance.now();
    const model = this.model;
    const summary: VectorSyncSummary = { model, embedded: 0, kept: 0, pending: 0, calls: 0, failed: false, durationMs: 0 };
    const finish = (): VectorSyncSummary => {
      summary.durationMs = Math.round((performance.now() - started) * 10) / 10;
      return summary;
    };
    if (this.stopped) return finish();
    let pending: { id: number; text: string; hash: string }[];
    try {
      pending = [];
      for (const row of this.statements.passages.all(model)) {
        const text = passageEmbeddingText(row);
        const hash = sha256(text);
        if (row.model === model && row.text_hash === hash) summary.kept += 1;
        else pending.push({ id: row.id, text, hash });
      }
    } catch (error) {
      this.options.logger.warn({ err: error }, 'knowledge base: cannot read passages to embed; searching with BM25 alone');
      summary.failed = true;
      return finish();
    }
    summary.pending = pending.length;
    for (let start = 0; start < pending.length && !this.stopped; start += EMBED_BATCH) {
      const batch = pending.slice(start, start + EMBED_BATCH);
      let vectors: number[][];
      try {
        summary.calls += 1;
        vectors = await this.embedder.embed(batch.map((passage) => passage.text), 'index', null);
        if (vectors.length !== batch.length) throw new Error(`the embedder returned ${vectors.length} vectors for ${batch.length} passages`);
      } catch (error) {
        summary.failed = true;
        this.lastFailureAt = this.now();
        this.logFailure(error, `knowledge base: embedding ${pending.length - start} passages failed; they are searched with BM25 alone until a later try`);
        return finish();
      }
      if (this.stopped) break;
      const createdAt = this.now();
      try {
        immediate(this.sqlite, () => {
          batch.forEach((passage, index) => {
            const unit = normalise(vectors[index] ?? []);
            if (!unit) return;
            const written = this.statements.upsert.run({ id: passage.id, model, dims: unit.length, vector: encodeVector(unit), textHash: passage.hash, createdAt });
            if (written.changes > 0) summary.embedded += 1;
          });
        });
      } catch (error) {
        summary.failed = true;
        this.lastFailureAt = this.now();
        this.options.logger.warn({ err: error }, 'knowledge base: cannot store passage vectors; searching with BM25 alone');
        return finish();
      }
      summary.pending -= batch.length;
    }
    if (!summary.failed) this.lastFailureAt = null;
    return finish();
  }

  /**
   * The passages nearest to a question, best first, at most `limit`; null
   * when the question could not be embedded (logged), [] when there is
   * nothing to compare it with (no vectors yet: no call is made).
   */
  async nearest(text: string, limit: number, ticketId: number | null): Promise<NearestPassage[] | null> {
    const retry = this.lastFailureAt !== null && this.now() - this.lastFailureAt >= RETRY_AFTER_MS && !this.running;
    if (!this.everSynced || retry) {
      // In the background: this search is BM25's alone for the passages still without a vector.
      this.lastFailureAt = retry ? this.now() : this.lastFailureAt;
      void this.sync();
    }
    const question = clip(text.trim());
    if (question === '') return [];
    if (this.queryFailureAt !== null && this.now() - this.queryFailureAt < RETRY_AFTER_MS) return null;
    let matrix: VectorMatrix | null;
    try {
      matrix = this.loadMatrix();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'knowledge base: cannot read the stored vectors; searching with BM25 alone');
      return null;
    }
    if (!matrix) return [];
    let unit: Float32Array | null;
    try {
      const [vector] = await this.embedder.embed([question], 'query', ticketId);
      unit = normalise(vector ?? []);
      if (!unit) throw new Error('the embedder returned no usable vector for the question');
    } catch (error) {
      this.queryFailureAt = this.now();
      this.logFailure(error, 'knowledge base: embedding the question failed; searching with BM25 alone for a minute', { ticketId });
      return null;
    }
    this.queryFailureAt = null;
    if (unit.length !== matrix.dims) {
      this.options.logger.warn({ model: this.model, stored: matrix.dims, question: unit.length }, 'knowledge base: the question\'s vector has another size than the stored ones; searching with BM25 alone');
      return null;
    }
    return rankBySimilarity(matrix, unit, limit);
  }

  /** The stored vectors of the current model, read again only when the table changed (a re-index, another process). */
  private loadMatrix(): VectorMatrix | null {
    const model = this.model;
    const print = this.statements.fingerprint.get(model);
    if (!print || print.n === 0) return null;
    const fingerprint = `${print.n}:${print.top}:${print.total}`;
    if (this.matrix?.fingerprint === fingerprint) return this.matrix;
    const rows = this.statements.vectors.all(model);
    // One size per model; a row of another size (a model renamed in place) is left out.
    const dims = rows[0]?.dims ?? 0;
    const kept = rows.filter((row) => row.dims === dims && row.vector.length === dims * 4);
    const values = new Float32Array(kept.length * dims);
    kept.forEach((row, index) => values.set(decodeVector(row.vector), index * dims));
    this.matrix = { fingerprint, dims, ids: kept.map((row) => row.passage_id), values };
    return this.matrix;
  }

  private logFailure(error: unknown, message: string, context: Record<string, unknown> = {}): void {
    if (BudgetExceededError.isInstance(error)) {
      this.options.logger.info({ ...context, reason: error.message }, `${message} (over budget)`);
      return;
    }
    this.options.logger.warn({ ...context, err: error }, message);
  }

  private now(): number {
    return (this.options.clock ?? (() => new Date()))().getTime();
  }
}

/** Two syncs in a row as one: `kept` counts the vectors neither of them made. */
function addUp(before: VectorSyncSummary, after: VectorSyncSummary): VectorSyncSummary {
  return {
    ...after,
    embedded: before.embedded + after.embedded,
    kept: Math.max(0, after.kept - before.embedded),
    calls: before.calls + after.calls,
    durationMs: Math.round((before.durationMs + after.durationMs) * 10) / 10,
  };
}

function rankBySimilarity(matrix: VectorMatrix, unit: Float32Array, limit: number): NearestPassage[] {
  const { dims, ids, values } = matrix;
  const scored: NearestPassage[] = new Array<NearestPassage>(ids.length);
  for (let row = 0; row < ids.length; row++) {
    let dot = 0;
    const offset = row * dims;
    for (let index = 0; index < dims; index++) dot += (values[offset + index] ?? 0) * (unit[index] ?? 0);
    scored[row] = { id: ids[row] ?? 0, similarity: dot };
  }
  return scored.sort((left, right) => right.similarity - left.similarity || left.id - right.id).slice(0, limit);
}
