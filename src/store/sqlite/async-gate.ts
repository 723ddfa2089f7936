/**
 * The SQLite store behind the async repository interfaces. better-sqlite3 is
 * synchronous and the bot shares one connection between every ticket in
 * flight, so an async transaction needs a gate: while one is open (its work
 * awaiting store calls between BEGIN and COMMIT), a call from anywhere else
 * would otherwise run on the same connection, inside it, and be rolled back
 * with it. So:
 * - a transaction waits until no other one is open, then holds the gate
 *   from BEGIN IMMEDIATE to COMMIT or ROLLBACK;
 * - a call made inside it (known by AsyncLocalStorage) goes straight on, as
 *   does a transaction inside it (it joins);
 * - any other call waits for the gate, then runs synchronously at once, so
 *   nothing can open a transaction between its check and its statement.
 * With no transaction open, a call costs one resolved promise.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { AsyncOf } from '../async-of.js';

/** How often BEGIN IMMEDIATE is tried when another process holds the write lock past busy_timeout. */
const BUSY_RETRIES = 5;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

export class AsyncGate {
  /** The open transaction's token, in its async context; `open` goes false at its end, so work it left behind (a promise it started and did not await) no longer counts as inside. */
  private readonly inside = new AsyncLocalStorage<{ open: boolean }>();
  /** Settles when the open transaction ends; null when none is open. */
  private open: Promise<void> | null = null;

  constructor(private readonly sqlite: Database.Database) {}

  /** Runs a synchronous store call once no other transaction holds the connection. */
  async call<T>(run: () => T): Promise<T> {
    while (this.open !== null && !this.isInside()) await this.open;
    return run();
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.isInside()) return work();
    while (this.open !== null) await this.open;
    let end = (): void => undefined;
    this.open = new Promise<void>((resolve) => (end = resolve));
    try {
      await this.begin();
      const token = { open: true };
      let result: T;
      try {
        result = await this.inside.run(token, work);
      } catch (error) {
        token.open = false;
        if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
        throw error;
      }
      token.open = false;
      this.sqlite.exec('COMMIT');
      return result;
    } finally {
      this.open = null;
      end();
    }
  }

  private isInside(): boolean {
    return this.inside.getStore()?.open === true;
  }

  /** BEGIN IMMEDIATE, trying again after a pause while another process holds the write lock. */
  private async begin(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        this.sqlite.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error) || attempt >= BUSY_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
      }
    }
  }
}

/** `repository`'s methods, each run through the gate: the async view of a synchronous SQLite repository. */
export function throughGate<T extends object>(gate: AsyncGate, repository: T): AsyncOf<T> {
  const view: Record<string, unknown> = {};
  let proto: object | null = repository;
  while (proto && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = (repository as Record<string, unknown>)[name];
      if (name === 'constructor' || name in view || typeof value !== 'function') continue;
      view[name] = (...args: unknown[]) => gate.call(() => (value as (...a: unknown[]) => unknown).apply(repository, args));
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return view as AsyncOf<T>;
}
