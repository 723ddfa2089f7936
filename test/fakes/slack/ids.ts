import { randomBytes, randomUUID } from 'node:crypto';

/** Slack-shaped identifiers: message timestamps, object ids, envelope ids. */

const MICROS_PER_TS = 100;

/**
 * Message timestamps like Slack's ("1764590400.000100"): the time of posting, as Slack's are
 * (so `oldest` / `latest` filters and "posted since" checks behave as against Slack), unique,
 * strictly increasing, and of a fixed width so they also sort as strings.
 */
export class TsClock {
  private micros = 0;

  next(): string {
    this.micros = Math.max(Date.now() * 1000, this.micros + MICROS_PER_TS);
    const seconds = Math.floor(this.micros / 1_000_000);
    const fraction = String(this.micros % 1_000_000).padStart(6, '0');
    return `${seconds}.${fraction}`;
  }
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** An id like Slack's: a one-letter kind prefix ('V' view, 'F' file) and 10 upper-case characters. */
export function slackId(prefix: string): string {
  let id = prefix;
  for (const byte of randomBytes(10)) id += ID_ALPHABET[byte % ID_ALPHABET.length] ?? 'X';
  return id;
}

export function envelopeId(): string {
  return randomUUID();
}

/** Opaque one-time token for URLs (Socket Mode tickets, response_url and upload paths). */
export function urlToken(): string {
  return randomUUID().replaceAll('-', '');
}
