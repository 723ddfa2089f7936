/**
 * The driver of the replica proof: Slack delivering events to a load
 * balancer's replicas (each event's retry to another replica than its first
 * delivery), the killer (one SIGKILL and restart midway), and the reviewer
 * (Approve on every card that offers it, sent to whichever replica is up).
 * It returns once every ticket is at rest, read from the database.
 */
import pg from 'pg';
import { ACTION_IDS } from '../../adapters/slack/format.js';
import { IN_PROGRESS_STATUSES } from '../../src/domain/index.js';
import { blockActions, eventCallback, messageEvent, type FakeSlack } from '../fakes/slack/index.js';
import { until } from '../support/until.js';
import { CUSTOMER_MESSAGES, postSigned } from './chaos-support.js';
import type { Replica } from './replica-fleet.js';

export const SUPPORT = 'CSUPPORT';
export const REVIEW = 'CREVIEW';
export const REVIEWER = 'UREVIEWER';
/** Deliveries in flight at once, as Slack sends concurrently to a busy app. */
const SENDERS = 8;
/** A card that asks to check the thread first is not approved blindly (the reply may already be there). */
const UNCERTAIN_LABEL = 'check the thread before sending';
/** Unchanged unsettled tickets for this long means stuck: longer than a silent worker's lease (20 s). */
const STALL_MS = 30_000;
/** The backlog after the last event drains at the replicas' pace; the stall check ends a stuck run long before this. */
const SETTLE_TIMEOUT_MS = 900_000;


export interface DriveFigures {
  events: number;
  deliveries: number;
  kills: number;
  restarts: number;
  clicks: number;
  wallMs: number;
  /** Tickets never at rest (in progress, or a draft no reviewer could approve): must be empty. */
  stuck: string[];
}

interface Drive {
  slack: FakeSlack;
  fleet: Replica[];
  url: string;
  events: number;
  /** The replica SIGKILLed and restarted once half the events are sent; null: no kill. */
  killIndex: number | null;
}

/** The first replica that is up, starting from `index` (round-robin; a down replica's share goes to the next). */
function upFrom(fleet: Replica[], index: number, not?: Replica): Replica {
  for (let step = 0; step < fleet.length; step++) {
    const replica = fleet[(index + step) % fleet.length] as Replica;
    if (replica.up && (replica !== not || fleet.length === 1)) return replica;
  }
  return fleet[index % fleet.length] as Replica;
}

/** Whether a card shows Approve, remembered per blocks array (an update brings new blocks): the reviewer scans every card ten times a second. */
const approveShown = new WeakMap<object, boolean>();
function offersApprove(blocks: unknown[] | undefined): boolean {
  if (!blocks) return false;
  let shown = approveShown.get(blocks);
  if (shown === undefined) approveShown.set(blocks, (shown = JSON.stringify(blocks).includes(ACTION_IDS.approve)));
  return shown;
}

function ticketIdOf(blocks: unknown[] | undefined): number | null {
  const match = /Ticket #(\d+)/.exec(JSON.stringify(blocks ?? []));
  return match ? Number(match[1]) : null;
}

export async function driveEvents({ slack, fleet, url, events, killIndex }: Drive): Promise<DriveFigures> {
  const figures: DriveFigures = { events, deliveries: 0, kills: 0, restarts: 0, clicks: 0, wallMs: 0, stuck: [] };
  const base = Math.floor(Date.now() / 1000);
  let next = 0;
  let sent = 0;
  let reviewing = true;
  const started = Date.now();

  /** Delivers until a replica acks; a refused or cut delivery goes to the next replica up, as Slack's retries would. */
  const deliver = async (body: string, first: number, headers: Record<string, string>, not?: Replica): Promise<Replica> => {
    for (let attempt = 0; ; attempt++) {
      const replica = upFrom(fleet, first + attempt, not);
      figures.deliveries += 1;
      if (await postSigned(slack, replica.eventsUrl, body, 'application/json', headers, 10_000)) return replica;
      // Refused or cut (the replica was just killed): the next attempt goes to the next replica up, with no pause, as a load balancer fails over.
      if (attempt > 20) throw new Error(`no replica acked an event after ${attempt} deliveries`);
      await until(() => fleet.some((candidate) => candidate.up), 'a replica to be up', 60_000);
    }
  };

  const sender = async () => {
    for (let index = next++; index < events; index = next++) {
      const ts = `${base}.${String(index + 1).padStart(6, '0')}`;
      const eventId = `Ev${base}${index}`;
      const body = JSON.stringify(eventCallback(messageEvent({ channel: SUPPORT, user: `UCUST${index % 50}`, text: `${CUSTOMER_MESSAGES[index % CUSTOMER_MESSAGES.length]} (case ${index})`, ts }), { eventId }));
      const target = index % fleet.length;
      // The retry: same event_id, to a different replica than the first delivery, while the first may still be in flight (Slack retries after 3 s without an ack).
      const firstTo = upFrom(fleet, target);
      await Promise.all([
        deliver(body, target, {}),
        deliver(body, target + 1, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }, firstTo),
      ]);
      sent += 1;
    }
  };

  const killer = async () => {
    if (killIndex === null) return;
    const victim = fleet[killIndex] as Replica;
    await until(() => sent >= events / 2, 'half the events to be sent', 120_000);
    await victim.kill('SIGKILL');
    figures.kills += 1;
    await victim.start();
    figures.restarts += 1;
  };

  const clicked = new Map<number, number>();
  const reviewer = async () => {
    let turn = 0;
    while (reviewing) {
      const cards = slack.messages.filter((m) => m.channel === REVIEW && !m.ephemeral && offersApprove(m.blocks));
      for (const card of cards) {
        const id = ticketIdOf(card.blocks);
        if (id === null || JSON.stringify(card.blocks).includes(UNCERTAIN_LABEL)) continue;
        // A click whose card still shows its buttons later (the replica died before updating it) is clicked again, as a reviewer would.
        if (Date.now() - (clicked.get(id) ?? 0) < 5_000) continue;
        const payload = blockActions({ actionId: ACTION_IDS.approve, value: String(id), user: REVIEWER, channel: REVIEW, messageTs: card.ts, responseUrl: slack.responseUrl() });
        const replica = upFrom(fleet, turn++);
        clicked.set(id, Date.now());
        if (await postSigned(slack, replica.eventsUrl, `payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded', {}, 10_000)) figures.clicks += 1;
      }
      // Polling the fake's state: the next cards appear as the pipeline posts them.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  // One connection for every settle read: a new one per poll costs Postgres a backend fork each time.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const reviewing$ = reviewer();
  try {
    await Promise.all([...Array.from({ length: SENDERS }, () => sender()), killer()]);
    // At rest, or stalled: the same tickets unsettled for longer than a dead worker's work takes to be taken over (20 s),
    // so a stuck ticket ends the wait with its figures printed instead of a bare timeout.
    let last = '';
    let since = Date.now();
    let asked = 0;
    await until(async () => {
      // At most four reads a second: the poll must not take the CPU the replicas need (this machine has two cores).
      if (Date.now() - asked < 250) return false;
      asked = Date.now();
      const waiting = await unsettled(client, events);
      if (waiting.length === 0) return true;
      const key = waiting.join('\n');
      if (key !== last) [last, since] = [key, Date.now()];
      if (Date.now() - since < STALL_MS) return false;
      figures.stuck = waiting;
      return true;
    }, 'every ticket at rest (or a stall)', SETTLE_TIMEOUT_MS);
    // A stalled run's time ends at its last change: the stall window is the check's, not the replicas' work.
    figures.wallMs = (figures.stuck.length > 0 ? since : Date.now()) - started;
  } finally {
    reviewing = false;
    await reviewing$;
    await client.end();
  }
  return figures;
}

/** Why the run is not at rest yet: missing tickets, tickets in progress, or drafts a reviewer can still approve. */
async function unsettled(client: pg.Client, events: number): Promise<string[]> {
  {
    const { rows } = await client.query<{ id: number; status: string; why: string | null; drafts: number; reasons: string | null }>(
      `select t.id, t.status, t.status_reason as why,
              (select count(*)::int from drafts d where d.ticket_id = t.id) as drafts,
              (select r.reasons::text from routing_decisions r where r.ticket_id = t.id order by r.id desc limit 1) as reasons
         from tickets t where t.channel_id = $1`,
      [SUPPORT],
    );
    const waiting = rows.filter(
      (row) =>
        (IN_PROGRESS_STATUSES as readonly string[]).includes(row.status) ||
        (row.status === 'awaiting_review' && row.drafts > 0 && !(row.reasons ?? '').includes('delivery_uncertain')),
    );
    return [...(rows.length < events ? [`only ${rows.length} of ${events} tickets stored`] : []), ...waiting.map((row) => `#${row.id} ${row.status} (${row.why ?? ''}; ${row.reasons ?? ''})`)];
  }
}
