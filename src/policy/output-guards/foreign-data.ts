/**
 * foreign_data: trips when a draft names order or account ids, or e-mail
 * addresses, that the ticket does not contain. A drafter that invents them
 * misleads the customer; one that takes them from anywhere else discloses
 * someone else's data. What the customer wrote may be said back to them.
 */
import { extractOffline } from '../../models/offline/extractor.js';
import { listed, prepare } from './text.js';
import type { GuardCheckResult, GuardContext, GuardDraft, OutputGuard } from './types.js';

/**
 * The offline extractor's text normalisation drops `<…>` spans up to 40
 * characters (placeholders, chat mentions), which would hide `<x@y.com>`.
 * Angle brackets become spaces here so nothing inside them is missed.
 */
function unbracket(text: string): string {
  return prepare(text).replace(/[<>]/g, ' ');
}

function normalizeId(id: string): string {
  return id.toLowerCase().replace(/^#/, '').replace(/[\s-]/g, '');
}

function foreignData(draft: GuardDraft, context: GuardContext): GuardCheckResult {
  const options = { products: [] };
  const ticketText = unbracket(context.ticketText);
  const fromTicket = extractOffline({ text: ticketText }, options);
  const fromDraft = extractOffline({ text: unbracket(draft.text) }, options);

  const ticketIds = new Set([...fromTicket.orderIds, ...fromTicket.accountIds].map(normalizeId));
  for (const token of ticketText.split(/[^\p{L}\p{N}#-]+/u)) if (token) ticketIds.add(normalizeId(token));
  const ticketLower = ticketText.toLowerCase();
  const ticketEmails = new Set(fromTicket.emails.map((email) => email.toLowerCase()));

  const ids = [...fromDraft.orderIds, ...fromDraft.accountIds].filter((id) => !ticketIds.has(normalizeId(id)));
  const emails = fromDraft.emails.filter((email) => !ticketEmails.has(email.toLowerCase()) && !ticketLower.includes(email.toLowerCase()));
  const parts = [
    ...(ids.length > 0 ? [`ids not in the ticket ${listed(ids)}`] : []),
    ...(emails.length > 0 ? [`e-mail addresses not in the ticket ${listed(emails)}`] : []),
  ];
  return parts.length > 0 ? { tripped: true, info: parts.join('; ') } : { tripped: false };
}

export const foreignDataGuard: OutputGuard = { name: 'foreign_data', reason: 'guard_foreign_data', check: foreignData };
