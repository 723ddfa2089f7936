/**
 * Our `custom_id`s: buttons and modals carry the ticket id after a colon, so
 * a click or a submission says which ticket it is about; anything else
 * (another app's ids, tampering) parses to null and is ignored.
 */
import { parseTicketId } from '../../src/domain/index.js';
import { DISCORD_LIMITS as L } from './limits.js';

/** Bases of our `custom_id`s; buttons and modals carry the ticket id after a colon. */
export const CUSTOM_IDS = {
  approve: 'triage:approve',
  edit: 'triage:edit',
  reject: 'triage:reject',
  escalate: 'triage:escalate',
  editModal: 'triage:edit-modal',
  rejectModal: 'triage:reject-modal',
  /** Text inputs, inside a modal whose own id carries the ticket. */
  draftInput: 'draft',
  reasonInput: 'reason',
} as const;

/** The bases that take a ticket id: buttons and modals. */
const TICKET_BASES: ReadonlySet<string> = new Set([
  CUSTOM_IDS.approve,
  CUSTOM_IDS.edit,
  CUSTOM_IDS.reject,
  CUSTOM_IDS.escalate,
  CUSTOM_IDS.editModal,
  CUSTOM_IDS.rejectModal,
]);

/** `customId('triage:approve', 42)` → `'triage:approve:42'`. Throws a RangeError for an id Discord would refuse. */
export function customId(base: string, ticketId: number): string {
  if (!Number.isSafeInteger(ticketId) || ticketId < 1) throw new RangeError(`customId: ticket id must be a positive integer, got ${ticketId}`);
  if (!/^[\w:-]+$/.test(base)) throw new RangeError(`customId: bad base ${JSON.stringify(base)}`);
  const id = `${base}:${ticketId}`;
  if (id.length > L.customId) throw new RangeError(`customId: ${id.length} characters; Discord allows ${L.customId}`);
  return id;
}

/**
 * The exact inverse of `customId` for our own bases; anything else (other
 * apps' ids, tampering, `#12`, `012`, `1e3`) is null. The ticket id parses
 * as `parseTicketId` says, without the `#` a person may type.
 */
export function parseCustomId(id: string): { base: string; ticketId: number } | null {
  const colon = id.lastIndexOf(':');
  const base = id.slice(0, colon);
  const tail = id.slice(colon + 1);
  if (colon < 0 || !TICKET_BASES.has(base) || tail.startsWith('#')) return null;
  const ticketId = parseTicketId(tail);
  return ticketId === null ? null : { base, ticketId };
}
