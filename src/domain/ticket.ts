// Pure domain types: no I/O, no platform shapes. Adapters and the pipeline
// both speak these; Slack `ts` values and Discord snowflakes stay in `raw`.

export const URGENCIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export function isUrgency(value: string | null | undefined): value is Urgency {
  return typeof value === 'string' && (URGENCIES as readonly string[]).includes(value);
}

export const CATEGORIES = [
  'billing',
  'refund',
  'technical',
  'account',
  'outage',
  'security',
  'legal',
  'sales',
  'feedback',
  'general',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SENTIMENTS = ['angry', 'negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** Signals that make a ticket high-stakes, as seen by the classifier. */
export const RISK_FLAGS = ['refund', 'legal', 'security', 'data_loss', 'outage', 'churn_threat'] as const;
export type RiskFlag = (typeof RISK_FLAGS)[number];

export const TICKET_STATUSES = [
  'received',
  'triaged',
  'drafted',
  'flagship_review',
  'awaiting_review',
  'approved',
  'sent',
  'closed',
  'failed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export type Platform = 'slack' | 'discord' | 'console' | 'web' | 'replay';

/** Where a conversation lives, platform-neutral: `slack:C123:1700000000.0001`. */
export interface ThreadRef {
  platform: Platform;
  channelId: string;
  threadId: string;
}

export interface Customer {
  id: string;
  name?: string;
}

/** A message as an adapter hands it to the core. */
export interface InboundMessage {
  thread: ThreadRef;
  /** Platform message id, unique per platform; used to deduplicate redeliveries. */
  messageId: string;
  customer: Customer;
  subject?: string;
  text: string;
  receivedAt: Date;
  /** The platform payload, kept for debugging; never read by the pipeline. */
  raw?: unknown;
}

export interface Ticket {
  /** Small integer, shown to people as `#42`. */
  id: number;
  platform: Platform;
  channelId: string;
  threadId: string;
  customerId: string;
  customerName: string | null;
  subject: string | null;
  status: TicketStatus;
  urgency: Urgency | null;
  category: Category | null;
  language: string | null;
  sentiment: Sentiment | null;
  summary: string | null;
  statusReason: string | null;
  /** 1 for the first triage; one more each time the customer reopens the ticket. */
  round: number;
  createdAt: Date;
  updatedAt: Date;
}

export function threadKey(ref: ThreadRef): string {
  return `${ref.platform}:${ref.channelId}:${ref.threadId}`;
}
