/**
 * Drizzle's query builder asks better-sqlite3 to prepare its SQL on every
 * execution; preparing was the single largest cost of a ticket's store work
 * (a tenth of a ticket's CPU when profiled). The same builder code produces
 * the same SQL text, so drizzle is given a handle whose `prepare` keeps
 * statements by their text and reuses them. Only drizzle sees this handle:
 * statements the repositories prepare themselves stay their own.
 *
 * Bounded (least recently used out first): SQL built with a variable number
 * of parameters (`IN (?, ?, …)`) makes new texts, and a long-running bot must
 * not grow. A kept statement's result mode is reset before reuse, since
 * drizzle sets `raw()` on a statement and never clears it.
 */
import type Database from 'better-sqlite3';

/** Enough for every statement the bot's code builds (a few hundred), with room for `IN` lists. */
export const STATEMENT_CACHE_SIZE = 1_000;

export interface StatementCache {
  /** The handle to give drizzle. */
  handle: Database.Database;
  /** Statements kept now. */
  size(): number;
}

export function withStatementCache(sqlite: Database.Database, limit = STATEMENT_CACHE_SIZE): StatementCache {
  const kept = new Map<string, Database.Statement>();
  const prepare = (source: string): Database.Statement => {
    const hit = kept.get(source);
    if (hit) {
      // Most recently used last: the Map's order is the eviction order.
      kept.delete(source);
      kept.set(source, hit);
      if (hit.reader) hit.raw(false);
      return hit;
    }
    const statement = sqlite.prepare(source);
    kept.set(source, statement);
    if (kept.size > limit) kept.delete(kept.keys().next().value as string);
    return statement;
  };
  const handle = new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { handle, size: () => kept.size };
}
