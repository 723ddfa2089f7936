import type { Ticket } from '../domain/index.js';
import type { StoredMessage } from '../store/types.js';

/** What the ticket says, as the customer wrote it: what the stages put in front of a model. */
export interface TicketText {
  subject?: string;
  /** The newest part of the conversation, bounded for the models. */
  text: string;
  customerName?: string;
  /**
   * Everything the customer wrote, unbounded: what the plain-code checks and
   * output guards read, so a risk stated early cannot be pushed out of view
   * by filler after it.
   */
  everything: string;
}

/** Bound on what one ticket sends to a model: the newest text matters most. */
const MAX_CHARS = 8_000;

/** The customer's side of the conversation, as one text for the models (and whole, for the checks). */
export function ticketText(ticket: Ticket, messages: StoredMessage[]): TicketText {
  const inbound = messages.filter((m) => m.direction === 'inbound' && m.deletedAt === null).map((m) => m.text.trim());
  const everything = inbound.join('\n\n');
  const text = everything.length > MAX_CHARS ? `…${everything.slice(everything.length - MAX_CHARS)}` : everything;
  return {
    ...(ticket.subject ? { subject: ticket.subject } : {}),
    ...(ticket.customerName ? { customerName: ticket.customerName } : {}),
    text,
    everything,
  };
}
