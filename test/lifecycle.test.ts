import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES, canTransition, reopensOnCustomerMessage, type TicketStatus } from '../src/domain/index.js';

/** Walks a path and says whether every step is allowed. */
function walk(path: TicketStatus[]): boolean {
  return path.slice(1).every((to, index) => canTransition(path[index] as TicketStatus, to));
}

describe('canTransition', () => {
  it.each<[string, TicketStatus[]]>([
    ['human review', ['received', 'triaged', 'drafted', 'awaiting_review', 'approved', 'sent']],
    ['flagship then human', ['received', 'triaged', 'drafted', 'flagship_review', 'awaiting_review', 'approved', 'sent']],
    ['auto-send', ['received', 'triaged', 'drafted', 'approved', 'sent']],
    ['flagship approves directly', ['received', 'triaged', 'drafted', 'flagship_review', 'approved', 'sent']],
    ['no reply needed', ['received', 'triaged', 'closed']],
    ['models failed, a human takes it', ['received', 'awaiting_review', 'approved', 'sent']],
    ['triage then straight to a human', ['received', 'triaged', 'awaiting_review']],
    ['reviewer escalates to the flagship', ['awaiting_review', 'flagship_review', 'awaiting_review']],
    ['reviewer rejects', ['awaiting_review', 'closed']],
    ['delivery fails, back to review', ['approved', 'failed', 'awaiting_review', 'approved', 'sent']],
    ['customer writes again after sent', ['sent', 'received', 'triaged']],
    ['customer writes again after closed', ['closed', 'received']],
    ['retry after failure', ['failed', 'received']],
    ['give up after failure', ['failed', 'closed']],
  ])('allows the %s path', (_name, path) => {
    expect(walk(path)).toBe(true);
  });

  it.each<[TicketStatus, TicketStatus]>([
    ['sent', 'approved'],
    // `sent` is final: a reply the customer has cannot be rejected or closed after the fact.
    ['sent', 'closed'],
    ['closed', 'sent'],
    ['received', 'sent'],
    ['received', 'approved'],
    ['received', 'drafted'],
    ['triaged', 'approved'],
    ['drafted', 'sent'],
    ['drafted', 'closed'],
    ['flagship_review', 'sent'],
    ['awaiting_review', 'sent'],
    ['approved', 'awaiting_review'],
    ['approved', 'closed'],
    ['sent', 'failed'],
    ['closed', 'failed'],
    ['closed', 'closed'],
  ])('forbids %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('never allows staying in the same status', () => {
    for (const status of TICKET_STATUSES) expect(canTransition(status, status)).toBe(false);
  });

  it('lets every status except sent and closed fail', () => {
    const canFail = TICKET_STATUSES.filter((status) => canTransition(status, 'failed'));
    expect(canFail.sort()).toEqual(
      TICKET_STATUSES.filter((status) => !['sent', 'closed', 'failed'].includes(status)).sort(),
    );
  });

  it('only an approved ticket can be sent', () => {
    expect(TICKET_STATUSES.filter((status) => canTransition(status, 'sent'))).toEqual(['approved']);
  });

  it('every status can eventually reach closed', () => {
    for (const start of TICKET_STATUSES) {
      const seen = new Set<TicketStatus>([start]);
      const queue: TicketStatus[] = [start];
      while (queue.length > 0) {
        const current = queue.shift() as TicketStatus;
        for (const next of TICKET_STATUSES) {
          if (!seen.has(next) && canTransition(current, next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      expect(seen.has('closed') || start === 'closed', `from ${start}`).toBe(true);
    }
  });
});

describe('reopensOnCustomerMessage', () => {
  it('reopens sent, closed and failed tickets only', () => {
    expect(TICKET_STATUSES.filter(reopensOnCustomerMessage).sort()).toEqual(['closed', 'failed', 'sent']);
  });

  it('agrees with the state machine: every reopening status may go back to received', () => {
    for (const status of TICKET_STATUSES.filter(reopensOnCustomerMessage)) {
      expect(canTransition(status, 'received')).toBe(true);
    }
  });
});
