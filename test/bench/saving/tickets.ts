/**
 * The tickets the saving benchmark runs, each with the answers the scripted
 * model gives for it (labelled-model.ts): the shared reference CSV when it is
 * present, else the project's own hand-labelled chat messages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Category, Classification, ExtractedFields, RiskFlag, Urgency } from '../../../src/domain/index.js';
import { classifyOffline } from '../../../src/models/offline/classifier.js';
import { draftOffline, summarizeOffline } from '../../../src/models/offline/drafter.js';
import { extractOffline } from '../../../src/models/offline/extractor.js';
import { mulberry32 } from '../../fakes/openai/index.js';
import { CONFIDENCE } from './assumptions.js';

export const SHARED_TICKETS = join(import.meta.dirname, '../../../../shared/data/tickets/tickets-en-de.csv');
export const LABELLED_DIR = join(import.meta.dirname, '../../fixtures/labelled');

/** What the model should answer for one ticket: the label, and what it writes. */
export interface TicketAnswers {
  classification: Classification;
  fields: ExtractedFields;
  /** The reply the scripted model drafts: the same words whichever side asks for it. */
  reply: string;
  /** The reviewer's summary, in English. */
  summary: string;
}

export interface BenchTicket {
  id: string;
  subject?: string;
  text: string;
  answers: TicketAnswers;
}

export interface TicketSet {
  source: string;
  tickets: BenchTicket[];
}

interface LabelledLine {
  id: string;
  language: string;
  text: string;
  urgency: Urgency;
  category: Category;
  risk_flags: RiskFlag[];
  needs_reply: boolean;
  fields: { order_ids: string[]; emails: string[]; amounts: { value: number; currency: string | null }[]; account_ids: string[] };
  hard_case: string | null;
}

function sentimentOf(urgency: Urgency, category: Category): Classification['sentiment'] {
  if (urgency === 'urgent' || urgency === 'high') return 'negative';
  return category === 'feedback' ? 'positive' : 'neutral';
}

function answersFor(ticket: { subject?: string; text: string }, classification: Classification, fields: ExtractedFields, reply?: string): TicketAnswers {
  return {
    classification,
    fields,
    // The offline drafter's template: a reply of a real reply's length, in English or German.
    reply: reply ?? draftOffline({ ...ticket, classification, fields }).reply,
    summary: summarizeOffline({ ...ticket, classification, fields }),
  };
}

/** Every hand-labelled message (tune and check halves alike: nothing is tuned here). */
export function labelledTickets(dir = LABELLED_DIR): BenchTicket[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort();
  return files.flatMap((file) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const row = JSON.parse(line) as LabelledLine;
        const classification: Classification = {
          urgency: row.urgency,
          category: row.category,
          language: row.language,
          sentiment: sentimentOf(row.urgency, row.category),
          riskFlags: row.risk_flags,
          needsReply: row.needs_reply,
          confidence: row.hard_case ? CONFIDENCE.hardCase : CONFIDENCE.plain,
        };
        const fields: ExtractedFields = {
          orderIds: row.fields.order_ids,
          accountIds: row.fields.account_ids,
          emails: row.fields.emails,
          products: [],
          amounts: row.fields.amounts,
        };
        return { id: row.id, text: row.text, answers: answersFor({ text: row.text }, classification, fields) };
      }),
  );
}

/**
 * The shared CSV has no labels the bot can use (its priority column is noisy,
 * see ../shared/data/README.md, and its queues and tags are not our
 * categories or risk flags). The closest signal to what a model reading the
 * text would say is the project's own rubric applied to that text: the
 * offline classifier and extractor, written to the rubric the classify prompt
 * gives the model, and checked on the labelled set. So their answers are the
 * label; the confidence follows CONFIDENCE like the labelled set's, with the
 * tickets the rubric could only guess at (its confidence under 0.5) in the
 * role of the hard cases. The draft is the CSV's own reference answer.
 */
export function csvTickets(file = SHARED_TICKETS): BenchTicket[] {
  const unescape = (text: string) => text.replace(/\\r\\n|\\n/g, '\n').replace(/\\t/g, '\t').trim();
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, relax_column_count: true, bom: true }) as Record<string, string>[];
  return rows.flatMap((row, index) => {
    const text = unescape(row.body ?? '');
    const subject = unescape(row.subject ?? '');
    if (!text) return [];
    const ticket = subject ? { subject, text } : { text };
    const rubric = classifyOffline(ticket);
    const classification = { ...rubric, confidence: rubric.confidence < 0.5 ? CONFIDENCE.hardCase : CONFIDENCE.plain };
    const fields = extractOffline(ticket, { products: [] });
    const answer = unescape(row.answer ?? '');
    return [{ id: `csv-${index + 2}`, ...ticket, answers: answersFor(ticket, classification, fields, answer || undefined) }];
  });
}

/** The shared CSV when present, else the labelled set. */
export function benchTickets(options: { csv?: string } = {}): TicketSet {
  const csv = options.csv ?? SHARED_TICKETS;
  if (existsSync(csv)) return { source: csv, tickets: csvTickets(csv) };
  return { source: `${LABELLED_DIR}/*.jsonl`, tickets: labelledTickets() };
}

/** `count` tickets drawn without replacement by a seeded shuffle, in the drawn order. */
export function sample<T>(items: readonly T[], count: number, seed: number): T[] {
  const random = mulberry32(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, Math.min(count, copy.length));
}
