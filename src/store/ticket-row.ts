/**
 * A tickets row as both stores read it (the same column names and types in
 * SQLite and Postgres), turned into the domain's Ticket: one mapping for both.
 */
import type { Category, Platform, Sentiment, Ticket, TicketStatus, Urgency } from '../domain/index.js';

export interface TicketRow {
  id: number;
  platform: string;
  channelId: string;
  threadId: string;
  customerId: string;
  customerName: string | null;
  subject: string | null;
  status: string;
  urgency: string | null;
  category: string | null;
  language: string | null;
  sentiment: string | null;
  summary: string | null;
  statusReason: string | null;
  round: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    platform: row.platform as Platform,
    channelId: row.channelId,
    threadId: row.threadId,
    customerId: row.customerId,
    customerName: row.customerName,
    subject: row.subject,
    status: row.status as TicketStatus,
    urgency: row.urgency as Urgency | null,
    category: row.category as Category | null,
    language: row.language,
    sentiment: row.sentiment as Sentiment | null,
    summary: row.summary,
    statusReason: row.statusReason,
    round: row.round,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
