/**
 * What the slack-ack bench sends and how it checks what became of it: signed
 * Events API bodies, each a new customer message in the support channel
 * (its own event id and ts), and the count of Slack tickets in the bot's
 * store, read from the SQLite file the bot writes.
 */
import Database from 'better-sqlite3';
import { eventCallback, messageEvent, signRequest } from '../fakes/slack/index.js';
import type { PreparedRequest } from './open-loop.js';

/**
 * Customer messages; the bracketed markers steer the scripted model
 * (test/support/scripted-support-model.ts). Some carry what Slack clients
 * type (a typographic apostrophe, an emoji, €): text beyond Latin-1 takes
 * other, slower paths through regular expressions.
 */
const MESSAGES = [
  'I can’t log in since this morning’s update 😕',
  'Our invoice shows the 49 € plan twice — can you check? 🙏',
  'The export button does nothing since this morning.',
  'I was charged twice for order #{n}, please refund the $49.00 [refund]',
  'Our webhook deliveries fail with 410 since yesterday, production is down [urgent]',
  'How do I add a second admin to our workspace?',
  'thanks, that fixed it! [thanks]',
  'Guten Tag, die Rechnung für Bestellung #{n} ist falsch.',
  'Is there a way to schedule reports weekly instead of daily? [unsure]',
];

export interface EventBatch {
  secret: string;
  channel: string;
  /** Numbers the events from here, so ids and ts stay distinct across batches. */
  offset: number;
  count: number;
}

/** `count` signed `event_callback` requests, signed now (Slack's window is 5 minutes). */
export function signedMessageEvents(batch: EventBatch, random: () => number): PreparedRequest[] {
  const seconds = Math.floor(Date.now() / 1000);
  return Array.from({ length: batch.count }, (_, index) => {
    const n = batch.offset + index;
    const text = (MESSAGES[Math.floor(random() * MESSAGES.length)] ?? '').replace('{n}', String(10_000 + n));
    const ts = `${seconds}.${String(n).padStart(6, '0')}`;
    const user = `UCUST${String(Math.floor(random() * 500)).padStart(4, '0')}`;
    const body = JSON.stringify(eventCallback(messageEvent({ channel: batch.channel, user, text, ts }), { eventId: `EvBENCH${String(n).padStart(7, '0')}` }));
    return { body, headers: { 'content-type': 'application/json', 'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)', ...signRequest(batch.secret, body) } };
  });
}

export interface StoredTickets {
  tickets: number;
  /** Distinct Slack threads: equal to `tickets` when no message was stored twice. */
  threads: number;
  /** Still `received`: stored, not yet triaged. */
  waiting: number;
}

function storedTickets(path: string): StoredTickets {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const row = db
      .prepare<[], StoredTickets>(
        `select count(*) as tickets, count(distinct thread_id) as threads, coalesce(sum(status = 'received'), 0) as waiting from tickets where platform = 'slack'`,
      )
      .get();
    return row ?? { tickets: 0, threads: 0, waiting: 0 };
  } finally {
    db.close();
  }
}

/** Polls until the store holds `expected` Slack tickets (the positive signal) or the time is up, and returns the last count. */
export async function waitForTickets(path: string, expected: number, timeoutMs: number): Promise<StoredTickets> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const counts = storedTickets(path);
    if (counts.tickets >= expected || Date.now() > until) return counts;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
