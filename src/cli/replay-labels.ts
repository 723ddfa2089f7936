/**
 * The labels a replay row may carry, read from whichever columns it has:
 * `urgency` (or the older `priority`), `category`, `risk_flags`,
 * `needs_reply`, `fields`, `language`. A column that is absent gives no
 * label for that field; a value the bot could never predict is an error
 * naming the line, so a typo in a labelled set cannot quietly score as wrong.
 */
import { CATEGORIES, RISK_FLAGS, URGENCIES, type Category, type RiskFlag, type Urgency } from '../domain/index.js';
import { InputError } from '../errors.js';

/** Extracted fields as a labelled set writes them (snake_case, like the JSONL). */
export interface LabelledFields {
  order_ids: string[];
  emails: string[];
  amounts: { value: number; currency: string | null }[];
  account_ids: string[];
}

/** What a person said the right answer is; null: not labelled. */
export interface TicketLabels {
  urgency: Urgency | null;
  category: Category | null;
  riskFlags: RiskFlag[] | null;
  needsReply: boolean | null;
  fields: LabelledFields | null;
  language: string | null;
}

/**
 * The `priority` column of exported datasets. Lenient on purpose: unknown
 * priorities were always read as "no label", and third-party files have them.
 */
const PRIORITY_LABELS: Record<string, Urgency> = {
  very_low: 'low',
  'very low': 'low',
  low: 'low',
  medium: 'normal',
  normal: 'normal',
  high: 'high',
  critical: 'urgent',
  urgent: 'urgent',
};

type Where = string;

function oneOf<T extends string>(value: string, allowed: readonly T[], column: string, where: Where): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError(`${where}: ${column} "${value}" is not one of ${allowed.join(', ')}`);
}

/** Present and not empty: `null`, `undefined` and a blank CSV cell mean "not labelled". */
function given(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

function urgencyLabel(record: Record<string, unknown>, where: Where): Urgency | null {
  if (given(record.urgency)) {
    const value = String(record.urgency).trim().toLowerCase();
    return PRIORITY_LABELS[value] ?? oneOf(value, URGENCIES, 'urgency', where);
  }
  return given(record.priority) ? (PRIORITY_LABELS[String(record.priority).trim().toLowerCase()] ?? null) : null;
}

/**
 * An array in JSONL; `;`- or `,`-separated in CSV. A present but empty cell
 * is a label ("no flags"): a CSV cannot write an empty list any other way.
 */
function riskFlagsLabel(record: Record<string, unknown>, where: Where): RiskFlag[] | null {
  if (!('risk_flags' in record) || record.risk_flags === null || record.risk_flags === undefined) return null;
  const raw = record.risk_flags;
  const values = Array.isArray(raw) ? raw.map(String) : String(raw).split(/[;,]/);
  const flags = values.map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  return [...new Set(flags.map((flag) => oneOf(flag, RISK_FLAGS, 'risk_flags', where)))];
}

function needsReplyLabel(value: unknown, where: Where): boolean | null {
  if (!given(value)) return null;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new InputError(`${where}: needs_reply "${String(value)}" is not true or false`);
}

function stringList(value: unknown, key: string, where: Where): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InputError(`${where}: fields.${key} must be an array`);
  return value.map(String);
}

/** A JSON object (JSONL), or the same as JSON text (a CSV cell). */
function fieldsLabel(value: unknown, where: Where): LabelledFields | null {
  if (!given(value)) return null;
  let object: unknown = value;
  if (typeof value === 'string') {
    try {
      object = JSON.parse(value);
    } catch (cause) {
      throw new InputError(`${where}: fields is not valid JSON`, { cause });
    }
  }
  if (typeof object !== 'object' || object === null || Array.isArray(object)) throw new InputError(`${where}: fields must be an object`);
  const record = object as Record<string, unknown>;
  const amounts = record.amounts ?? [];
  if (!Array.isArray(amounts)) throw new InputError(`${where}: fields.amounts must be an array`);
  return {
    order_ids: stringList(record.order_ids, 'order_ids', where),
    emails: stringList(record.emails, 'emails', where),
    account_ids: stringList(record.account_ids, 'account_ids', where),
    amounts: amounts.map((amount: unknown) => {
      const { value: v, currency } = (amount ?? {}) as { value?: unknown; currency?: unknown };
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`${where}: fields.amounts needs a numeric value`);
      return { value: v, currency: typeof currency === 'string' && currency.trim() !== '' ? currency : null };
    }),
  };
}

/** Every label the row has; `where` is `file:line` for error messages. */
export function readLabels(record: Record<string, unknown>, where: Where): TicketLabels {
  return {
    urgency: urgencyLabel(record, where),
    category: given(record.category) ? oneOf(String(record.category).trim().toLowerCase(), CATEGORIES, 'category', where) : null,
    riskFlags: riskFlagsLabel(record, where),
    needsReply: needsReplyLabel(record.needs_reply, where),
    fields: fieldsLabel(record.fields, where),
    language: given(record.language) ? String(record.language).trim().toLowerCase() : null,
  };
}
