/**
 * Knowledge gaps: tickets whose retrieval found nothing relevant, counted by
 * topic, so the weekly report and `npm run kb:gaps` can say which questions
 * the docs do not answer yet.
 *
 * A topic is the ticket's category plus its two most informative query
 * concepts, e.g. `sales: affiliat, program` (stems) or `billing: billing,
 * payment method` (synonym concepts, by id). Informative means rare in the
 * KB (a concept the docs never mention is exactly what is missing; the
 * product's name, on every page, says nothing). Concepts, not raw words, so
 * "Rückerstattung" and "refund" are one topic, and stems, so "invoices" and
 * "invoice" are too. Two words rather than three: paraphrases of one question
 * share their two rarest concepts far more often than their three rarest,
 * and a topic is for grouping, not for reading the question (the latest
 * question is shown with it).
 */
import type Database from 'better-sqlite3';
import type { QueryConcept } from './query.js';

/** How many concepts name a topic. */
export const TOPIC_CONCEPTS = 2;

/** The customer's text kept with a gap: enough to read the question, not the whole thread. */
const QUERY_CHARACTERS = 300;

export interface GapRecord {
  ticketId: number;
  topic: string;
  query: string;
  language: string;
}

export interface GapTopic {
  topic: string;
  /** Tickets with this topic in the period. */
  tickets: number;
  /** The most recent question with this topic. */
  example: string;
  languages: string[];
  lastSeen: Date;
}

/**
 * The topic of a question: `category: concept, concept`. `weights` are the
 * concepts' rarity in the KB (retriever's IDF), higher is rarer.
 */
export function gapTopic(category: string | undefined, concepts: readonly QueryConcept[], weights: readonly number[]): string {
  const ranked = concepts
    .map((concept, index) => ({ label: topicLabel(concept), weight: weights[index] ?? 0, known: concept.known }))
    .sort(
      (left, right) =>
        right.weight - left.weight ||
        Number(right.known) - Number(left.known) ||
        right.label.length - left.label.length ||
        left.label.localeCompare(right.label),
    );
  const labels = [...new Set(ranked.map((entry) => entry.label))].slice(0, TOPIC_CONCEPTS).sort();
  const prefix = category && category.trim() !== '' ? category.trim().toLowerCase() : 'general';
  return labels.length === 0 ? prefix : `${prefix}: ${labels.join(', ')}`;
}

/** A synonym concept by its id (`two factor` for two_factor, the first of `billing+invoice`); any other word by its stem. */
function topicLabel(concept: QueryConcept): string {
  return (concept.key.split('+')[0] ?? concept.key).replace(/_/g, ' ');
}

export class KnowledgeGaps {
  private readonly statements;

  constructor(
    sqlite: Database.Database,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.statements = {
      insert: sqlite.prepare(
        `insert into kb_gaps (ticket_id, topic, query, language, created_at) values (@ticketId, @topic, @query, @language, @createdAt)
         on conflict (ticket_id, topic) do nothing`,
      ),
      top: sqlite.prepare<[{ since: number; until: number; limit: number }], { topic: string; tickets: number; last_at: number; languages: string; example: string }>(
        `select topic, count(*) as tickets, max(created_at) as last_at, group_concat(distinct language) as languages,
                (select query from kb_gaps latest where latest.topic = g.topic and latest.created_at >= @since and latest.created_at < @until
                  order by latest.created_at desc, latest.id desc limit 1) as example
           from kb_gaps g
          where created_at >= @since and created_at < @until
          group by topic
          order by tickets desc, last_at desc, topic
          limit @limit`,
      ),
    };
  }

  /** Records a gap; a ticket counts once per topic (a retried stage does not count it twice). True when it was new. */
  record(gap: GapRecord): boolean {
    const result = this.statements.insert.run({
      ticketId: gap.ticketId,
      topic: gap.topic,
      query: gap.query.replace(/\s+/g, ' ').trim().slice(0, QUERY_CHARACTERS),
      language: gap.language,
      createdAt: this.clock().getTime(),
    });
    return result.changes > 0;
  }

  /** The topics with the most tickets in [since, until), most first. */
  top(options: { since?: Date; until?: Date; limit?: number } = {}): GapTopic[] {
    const since = options.since?.getTime() ?? 0;
    const until = options.until?.getTime() ?? Number.MAX_SAFE_INTEGER;
    return this.statements.top.all({ since, until, limit: options.limit ?? 10 }).map((row) => ({
      topic: row.topic,
      tickets: row.tickets,
      example: row.example,
      languages: row.languages.split(',').sort(),
      lastSeen: new Date(row.last_at),
    }));
  }
}
