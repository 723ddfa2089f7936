/**
 * The Postgres store: the repositories of the async contracts over one pool,
 * `transaction` routing the calls its work awaits to one client (session.ts).
 *
 * `sqlite`: the knowledge base's full-text and vector tables are SQLite
 * (FTS5, which Postgres would express differently); a Postgres store keeps
 * them in a private SQLite database of its own, in memory unless a path is
 * given. The knowledge base is rebuilt from its folder at start-up, so each
 * process indexing its own copy loses nothing but sharing its knowledge-gap
 * counts; moving the KB to Postgres is its own piece of work.
 */
import type pg from 'pg';
import { openDatabase } from '../db.js';
import type { Store } from '../types.js';
import { openPool } from './open.js';
import { PgSession } from './session.js';
import { PgChannelPostRepository } from './channel-post-repository.js';
import { PgModelCallRepository } from './model-call-repository.js';
import { PgReviewCardRepository, PgReviewRepository } from './review-repository.js';
import { PgSlaRepository } from './sla-repository.js';
import { PgSpendRepository } from './spend-repository.js';
import { PgStageResultRepository } from './stage-result-repository.js';
import { PgTicketRepository } from './ticket-repository.js';
import { PgTriageRepository } from './triage-repository.js';
import { PgWorkerRepository } from './worker-repository.js';

export interface PostgresStoreOptions {
  /** Where the knowledge base's SQLite file goes; in memory when absent. */
  knowledgeBasePath?: string;
  /** Pool size (connections to the server). */
  maxConnections?: number;
}

/** Connects, migrates and serves the store (the pool closes with it). */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const pool = await openPool(url, options.maxConnections === undefined ? {} : { max: options.maxConnections });
  return postgresStoreOn(pool, { ...options, url });
}

/** The store over a pool already opened (and migrated) by `openPool`; closing the store ends the pool. */
export function postgresStoreOn(pool: pg.Pool, options: Pick<PostgresStoreOptions, 'knowledgeBasePath'> & { url?: string } = {}): Store {
  const session = new PgSession(pool);
  const local = openDatabase(options.knowledgeBasePath ?? ':memory:');
  return {
    tickets: new PgTicketRepository(session),
    triage: new PgTriageRepository(session),
    modelCalls: new PgModelCallRepository(session),
    reviews: new PgReviewRepository(session),
    cards: new PgReviewCardRepository(session),
    channelPosts: new PgChannelPostRepository(session),
    stageResults: new PgStageResultRepository(session),
    workers: new PgWorkerRepository(session),
    sla: new PgSlaRepository(session),
    spend: new PgSpendRepository(session),
    sqlite: local.sqlite,
    transaction: (work) => session.transaction(work),
    ...(options.url ? { shared: { execute: (text: string, values?: unknown[]) => session.execute(text, values), pool, url: options.url } } : {}),
    close: () => {
      local.close();
      // Store.close is synchronous; the pool's sockets close in the background (nothing is lost: every transaction has ended).
      void pool.end();
    },
  };
}
