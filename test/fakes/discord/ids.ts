import { createHash, randomBytes } from 'node:crypto';

/** Discord-shaped identifiers: snowflakes, interaction tokens, session ids, rate-limit bucket hashes. */

const DISCORD_EPOCH_MS = 1_420_070_400_000n;

let lastTimestamp = 0n;
let increment = 0n;

/**
 * A snowflake for "now": (ms since the Discord epoch) << 22 | worker 1 << 17 | process 0 << 12 | increment.
 * Strictly increasing within the process, so ids sort by creation like Discord's.
 */
export function snowflake(at: number = Date.now()): string {
  let timestamp = BigInt(at) - DISCORD_EPOCH_MS;
  if (timestamp < lastTimestamp) timestamp = lastTimestamp;
  if (timestamp === lastTimestamp) {
    increment += 1n;
    if (increment > 0xfffn) {
      timestamp += 1n;
      increment = 0n;
    }
  } else {
    increment = 0n;
  }
  lastTimestamp = timestamp;
  return ((timestamp << 22n) | (1n << 17n) | increment).toString();
}

/** The creation time encoded in a snowflake (ms since the Unix epoch). */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH_MS);
}

/** An interaction token: opaque, URL-safe, long (Discord's start with 'aW50ZXJhY3Rpb246', base64 of 'interaction:'). */
export function interactionToken(interactionId: string): string {
  return `${Buffer.from(`interaction:${interactionId}:`).toString('base64url')}${randomBytes(48).toString('base64url')}`;
}

export function sessionId(): string {
  return randomBytes(16).toString('hex');
}

/** A stable X-RateLimit-Bucket value for a route template. */
export function bucketHash(method: string, route: string): string {
  return createHash('sha1').update(`${method} ${route}`).digest('hex').slice(0, 32);
}

/** The shard that receives a guild's events: (guild_id >> 22) % shard count, as Discord documents. */
export function guildShard(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
