/**
 * Ticket numbers that come from outside (a button value, a modal's metadata,
 * a custom id, `/triage status #12`) are parsed strictly: `Number()` would
 * read `0x1`, `1e0`, ` 1 `, `0b1` and `1.0` as ticket 1 and act on a ticket
 * nobody named.
 */

const TICKET_ID = /^#?([1-9][0-9]*)$/;
const MAX_DIGITS = String(Number.MAX_SAFE_INTEGER).length;

/**
 * `"12"` or `"#12"` → 12. Anything else is null: signs, spaces (also around
 * the number: callers trim what a person typed), exponents, hex, octal and
 * binary prefixes, `_` separators, decimals, leading zeros (`012` could mean
 * octal 10), non-ASCII digits, 0, and numbers above Number.MAX_SAFE_INTEGER.
 */
export function parseTicketId(text: string): number | null {
  const digits = TICKET_ID.exec(text)?.[1];
  if (digits === undefined || digits.length > MAX_DIGITS) return null;
  const id = Number(digits);
  return Number.isSafeInteger(id) ? id : null;
}
