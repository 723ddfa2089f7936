/**
 * SLA clocks kept in step with the ticket's life, in the same transaction
 * as the change that moves them: the ticket repository, wrapped. Every path
 * that opens, triages, answers or closes a ticket already goes through
 * these four calls (intake, applyTriage, transition), so no flow can move a
 * ticket without moving its clocks, and none had to learn about SLAs.
 *
 * - a message that opens a ticket starts both clocks (`opened`; no urgency
 *   yet, so no deadline until triage);
 * - a message that joins or reopens a ticket is the customer writing again
 *   (`customer_message`): a new first-response period after a reply, the
 *   resolution clock resumed after a close;
 * - triage (and re-triage) sets the urgency, and with it the deadlines;
 * - `sent` is a reply that reached the customer, and the ticket rests there
 *   until they write again: it stops the first-response clock and the
 *   resolution clock (a ticket left `sent` is answered, not overdue);
 * - `closed` (rejected, or no reply needed) stops the resolution clock, and
 *   a first-response period still open counts as breached only if it was
 *   already past its deadline.
 * `failed` changes nothing: the clocks keep running while a person looks.
 */
import type { Store, TicketRepository } from '../store/types.js';
import { applySlaEvent } from './sla-clock.js';
import { slaEnabled, type SlaSettings } from './sla-config.js';
import type { SlaEvent } from './sla-state.js';

export function withSlaClocks(store: Store, settings: SlaSettings, clock: () => Date): Store {
  if (!slaEnabled(settings)) return store;
  const inner = store.tickets;
  const record = async (ticketId: number, event: SlaEvent, at: Date) => {
    await store.sla.update(ticketId, (state) => applySlaEvent(state, event, settings, at));
  };
  const tickets: TicketRepository = Object.create(inner) as TicketRepository;
  Object.assign(tickets, {
    intake: async (...args: Parameters<TicketRepository['intake']>) =>
      await store.transaction(async () => {
        const result = await inner.intake(...args);
        const at = args[0].receivedAt;
        if (result.isNew && result.openedTicket) await record(result.ticket.id, { kind: 'opened', ticketId: result.ticket.id, urgency: null }, at);
        else if (result.isNew) await record(result.ticket.id, { kind: 'customer_message' }, at);
        return result;
      }),
    applyTriage: async (...args: Parameters<TicketRepository['applyTriage']>) =>
      await store.transaction(async () => {
        await inner.applyTriage(...args);
        await record(args[0], { kind: 'urgency_changed', urgency: args[1].urgency }, clock());
      }),
    transition: async (...args: Parameters<TicketRepository['transition']>) =>
      await store.transaction(async () => {
        const ticket = await inner.transition(...args);
        const [id, to] = args;
        if (to === 'sent') {
          await record(id, { kind: 'reply_sent' }, clock());
          await record(id, { kind: 'resolved' }, clock());
        } else if (to === 'closed') await record(id, { kind: 'resolved' }, clock());
        return ticket;
      }),
  });
  return { ...store, tickets };
}
