/**
 * What a line typed at the console says, before anything is done with it:
 * nothing, a `/triage` command, a message joining ticket #12, or a new
 * customer message (with a subject before ` | `). Pure, so it is tested alone.
 */
import { hasVisibleText, parseTicketId } from '../../src/domain/index.js';

export type TypedLine =
  /** Blank, or only invisible characters: as if nothing was typed. */
  | { kind: 'nothing' }
  /** `/triage status 12`: `text` is what follows `/triage`. */
  | { kind: 'command'; text: string }
  /** `#12 more text`: `ticketId` null when `#07` or the like names no ticket. */
  | { kind: 'join'; ticketId: number | null; typedId: string; body: string }
  | { kind: 'message'; subject?: string; body: string };

const COMMAND = /^\/triage(?:\s+([\s\S]*))?$/;
const JOIN = /^#(\d+)\s+([\s\S]+)$/;

/** A `/triage …` line, or null. Shared by the customer prompt and the review prompt. */
export function parseCommand(line: string): string | null {
  const match = COMMAND.exec(line.trim());
  return match ? (match[1] ?? '').trim() : null;
}

export function parseTypedLine(line: string): TypedLine {
  const text = line.trim();
  // A line of only invisible characters is as empty as a blank one.
  if (!hasVisibleText(text)) return { kind: 'nothing' };
  const command = parseCommand(text);
  if (command !== null) return { kind: 'command', text: command };
  const joined = JOIN.exec(text);
  if (joined) {
    const typedId = joined[1] ?? '';
    // Strict, so `#012` is no ticket rather than ticket 12 (see parseTicketId).
    return { kind: 'join', ticketId: parseTicketId(`#${typedId}`), typedId, body: joined[2] ?? '' };
  }
  const split = text.indexOf(' | ');
  if (split <= 0) return { kind: 'message', body: text };
  const subject = text.slice(0, split).trim();
  return { kind: 'message', body: text.slice(split + 3).trim(), ...(hasVisibleText(subject) ? { subject } : {}) };
}
