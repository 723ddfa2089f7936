/**
 * A repository as the rest of the bot sees it: every method answers with a
 * promise. The contracts are written once, as plain interfaces (types.ts),
 * which SQLite implements synchronously (better-sqlite3 is) and Postgres
 * asynchronously; callers await either the same way.
 */
export type AsyncOf<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K];
};
