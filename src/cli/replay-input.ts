/**
 * Reads replay tickets from CSV or JSONL. Needs `subject`/`body` (or `text`)
 * columns; the label columns are read by replay-labels.ts, an `id` names the
 * ticket, other columns are ignored. Literal `\n` escapes in bodies (common
 * in exported datasets) become newlines. A bad row fails with its line number.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';
import { readLabels, type TicketLabels } from './replay-labels.js';

export interface ReplayTicket {
  /** 1-based row number in the file (for error messages and thread ids). */
  row: number;
  /** The row's own id (`en-001`), when the file gives one. */
  id: string | null;
  subject?: string;
  text: string;
  labels: TicketLabels;
}

function unescape(text: string): string {
  return text.replace(/\\r\\n|\\n/g, '\n').replace(/\\t/g, '\t');
}

function toTicket(record: Record<string, unknown>, row: number, file: string): ReplayTicket | null {
  const get = (key: string) => {
    const value = record[key];
    return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim();
  };
  if (!('body' in record) && !('text' in record)) {
    throw new InputError(`${file}:${row}: no "body" or "text" column (found: ${Object.keys(record).join(', ') || 'none'})`);
  }
  const body = get('body') || get('text');
  const subject = get('subject');
  if (!body && !subject) return null; // an empty row is skipped, not an error
  return {
    row,
    id: get('id') || null,
    ...(subject ? { subject: unescape(subject) } : {}),
    text: unescape(body || subject),
    labels: readLabels(record, `${file}:${row}`),
  };
}

export function readReplayTickets(file: string): ReplayTicket[] {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new InputError(`cannot read ${file}`, { cause });
  }
  const tickets: ReplayTicket[] = [];
  const extension = extname(file).toLowerCase();
  if (extension === '.jsonl' || extension === '.ndjson') {
    content.split(/\r?\n/).forEach((line, index) => {
      if (line.trim() === '') return;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (cause) {
        throw new InputError(`${file}:${index + 1}: not valid JSON`, { cause });
      }
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        throw new InputError(`${file}:${index + 1}: expected a JSON object per line`);
      }
      const ticket = toTicket(record as Record<string, unknown>, index + 1, file);
      if (ticket) tickets.push(ticket);
    });
    return tickets;
  }
  let records: Record<string, string>[];
  try {
    records = parse(content, { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true });
  } catch (cause) {
    throw new InputError(`${file}: not valid CSV: ${(cause as Error).message}`, { cause });
  }
  records.forEach((record, index) => {
    // +2: the header is line 1 and rows count from 1.
    const ticket = toTicket(record, index + 2, file);
    if (ticket) tickets.push(ticket);
  });
  return tickets;
}
