/**
 * The statement cache drizzle's handle goes through: the same SQL text is
 * prepared once, results keep their shape whatever drizzle did to the
 * statement before, and the cache never holds more than its bound.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../src/store/statement-cache.js';

let sqlite: Database.Database;

beforeEach(() => {
  sqlite = new Database(':memory:');
  sqlite.exec('create table t (id integer primary key, name text); insert into t (name) values (\'a\'), (\'b\')');
});

afterEach(() => sqlite.close());

describe('statement cache', () => {
  it('prepares a SQL text once and gives the same statement back', () => {
    const cache = withStatementCache(sqlite);
    const first = cache.handle.prepare('select name from t order by id');
    expect(cache.handle.prepare('select name from t order by id')).toBe(first);
    expect(cache.size()).toBe(1);
    // Everything else on the handle is the database's own.
    expect(cache.handle.inTransaction).toBe(false);
    expect(cache.handle.prepare('select count(*) as n from t').get()).toEqual({ n: 2 });
  });

  it('returns rows as objects again after a caller switched the statement to raw', () => {
    const cache = withStatementCache(sqlite);
    expect(cache.handle.prepare('select name from t order by id').raw().all()).toEqual([['a'], ['b']]);
    expect(cache.handle.prepare('select name from t order by id').all()).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it('keeps at most its bound, dropping the least recently used', () => {
    const cache = withStatementCache(sqlite, 3);
    const kept = cache.handle.prepare('select 1');
    for (let n = 2; n <= 10; n++) {
      cache.handle.prepare(`select ${n}`);
      cache.handle.prepare('select 1'); // used again: stays
    }
    expect(cache.size()).toBe(3);
    expect(cache.handle.prepare('select 1')).toBe(kept);
    expect(cache.handle.prepare('select 2')).not.toBe(undefined);
  });
});
