import type { Ticket } from '../domain/index.js';
/** What the ticket says, as the customer wrote it: what the stages put in front of a model. */
export interface TicketText {
  subject?: string;
  text: string;
  customerName?: string;
}
import type { StoredMessage } from '../store/types.js';

/** Bound on what one ticket sends to a model: the newest text matters most. */
const MAX_CHARS = 8_000;

/** The customer's side of the conversation, as one text for the models. */
export function ticketText(ticket: Ticket, messages: StoredMessage[]): TicketText {
  const inbound = messages.filter((m) => m.direction === 'inbound' && m.deletedAt === null).map((m) => m.text.trim());
  let text = inbound.join('\n\n');
  if (text.length > MAX_CHARS) text = `…${text.slice(text.length - MAX_CHARS)}`;
  return {
    ...(ticket.subject ? { subject: ticket.subject } : {}),
    ...(ticket.customerName ? { customerName: ticket.customerName } : {}),
    text,
  };
}
