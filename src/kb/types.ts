/**
 * The knowledge base's shapes, shared by the loader, the index, the
 * retriever and the pipeline that cites passages. No I/O here.
 */

/** One searchable piece of a KB file: a section under a heading, or a chunk of a long one. */
export interface Passage {
  /** The file's path relative to the KB folder, with forward slashes (`billing/refunds.md`). */
  source: string;
  /** The section's heading; for text before the first heading, the file's title or name. */
  heading: string;
  text: string;
  /** From front matter, else detected from the passage's text. */
  language: string;
  /** A page to show the customer (front matter `url`), when the file names one. */
  url?: string;
  tags: string[];
}

/** What the pipeline knows about a ticket when it asks the knowledge base. */
export interface KbQuery {
  /** The customer's words (subject and message). */
  text: string;
  /** The ticket's language, when triage knows it; otherwise detected. */
  language?: string;
  /** The ticket's category (billing, refund, outage …), from triage. */
  category?: string;
  /** Product names the extractor found. */
  products?: string[];
  /**
   * The question in other words, searched as well as `text` (a model's
   * English rendering of a question in another language): a passage either
   * reading covers counts. The caller translates; retrieval stays model-free.
   */
  alsoSearch?: string;
  /** The ticket asked for: an embeddings call for the question is recorded against it in the ledger. */
  ticketId?: number | null;
}

/**
 * Turns texts into vectors (the model gateway's `embed`, see embedder.ts):
 * passages when they are indexed, a ticket's question when it is searched.
 * Throws when it cannot (provider failure, budget refused): the knowledge
 * base then searches with BM25 alone.
 */
export interface Embedder {
  /** The embeddings model; stored with every vector, so a different model's vectors are computed again. */
  readonly model: string;
  embed(texts: string[], purpose: 'index' | 'query', ticketId?: number | null): Promise<number[][]>;
  /**
   * Cosine similarity at or above which a passage counts as relevant on its
   * vector alone (see relevance.ts); absent: DEFAULT_MIN_SIMILARITY.
   */
  readonly minSimilarity?: number;
}

/** A retrieved passage with its rank evidence. */
export interface SearchHit extends Passage {
  /** Row id in kb_passages, for a reviewer to open the passage. */
  id: number;
  /** The file's title (front matter, first `#` heading, or file name): "Refund policy" for a card's source line. */
  title: string;
  /**
   * The ranking score, higher is better; hits come sorted by it. BM25 scaled
   * by coverage and language (see retriever.ts); with embeddings, the
   * reciprocal rank fusion of that ranking and the vectors' (fusion.ts).
   * Comparable only within one query.
   */
  score: number;
  /** The plain BM25 score (SQLite's bm25() negated, heading weighted above text). */
  bm25: number;
  /** Share (0..1) of the query's concepts that this passage mentions. */
  coverage: number;
  /** Cosine similarity of the passage's vector to the question's, when embeddings took part in the search. */
  similarity?: number;
  /** Whether this hit clears the relevance threshold (see `relevance.ts`). */
  relevant: boolean;
}

/** A knowledge-base file as read from disk, before splitting. */
export interface KbFile {
  source: string;
  /** sha256 of the raw bytes: what decides whether a file must be re-indexed. */
  hash: string;
  mtimeMs: number;
  content: string;
}
