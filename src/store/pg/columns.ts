/**
 * Column types shared by the Postgres schema. Times are epoch milliseconds in
 * `bigint`, as in SQLite, not `timestamp with time zone`: a JS Date holds
 * whole milliseconds, so the round trip is exact either way, but epoch
 * milliseconds keep the same values in both stores, the same quarter-hour
 * arithmetic in the aggregates (`created_at - created_at % 900000`) and the
 * same bound spans (src/store/sqlite/quarter-hours.ts), with no session time
 * zone or driver date parsing in between.
 */
import { sql } from 'drizzle-orm';
import { bigint, customType } from 'drizzle-orm/pg-core';

/** A Date stored as epoch milliseconds. */
export const epochMs = customType<{ data: Date; driverData: string | number }>({
  dataType: () => 'bigint',
  toDriver: (value) => value.getTime(),
  // node-postgres returns int8 as a string (it may exceed 2^53; epoch milliseconds never do).
  fromDriver: (value) => new Date(Number(value)),
});

/** The database's clock, in epoch milliseconds (what SQLite's default computes too). */
export const nowMs = sql`((extract(epoch from clock_timestamp()) * 1000)::bigint)`;

export const createdAt = () => epochMs('created_at').notNull().default(nowMs);

/** Money: integer nano-dollars, read back as numbers (every total stays below 2^53). */
export const nanos = (name: string) => bigint(name, { mode: 'number' });
