import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import {
  IN_PROGRESS_STATUSES,
  canTransition,
  reopensOnCustomerMessage,
  type Classification,
  type InboundMessage,
  type ThreadRef,
  type Ticket,
  type Platform,
  type TicketStatus,
} from '../../domain/index.js';
import { InvalidTransitionError, TicketNotFoundError } from '../../errors.js';
import type Database from 'better-sqlite3';
import type { Db } from '../db.js';
import { messages, ticketEvents, tickets } from '../schema.js';
import { toTicket } from '../ticket-row.js';
import type { IntakeResult, StoredMessage, TicketCounts, TicketEvent, TicketRepositorySync } from '../types.js';
import { TicketCountQuery } from './ticket-counts.js';


export class SqliteTicketRepository implements TicketRepositorySync {
  private readonly counts: TicketCountQuery;

  constructor(
    private readonly db: Db,
    private readonly transaction: <T>(work: () => T) => T,
    sqlite: Database.Database,
  ) {
    this.counts = new TicketCountQuery(sqlite);
  }

  intake(message: InboundMessage, owner?: string): IntakeResult {
    return this.transaction(() => {
      const tx = this.db;
      const { platform, channelId, threadId } = message.thread;
      const existingMessage = tx
        .select({ ticketId: messages.ticketId })
        .from(messages)
        .where(
          and(
            eq(messages.platform, platform),
            eq(messages.channelId, channelId),
            eq(messages.platformMessageId, message.messageId),
          ),
        )
        .get();
      if (existingMessage) {
        const ticket = this.require(existingMessage.ticketId, tx);
        return { ticket, isNew: false, openedTicket: false, reopened: false };
      }

      let row = tx
        .select()
        .from(tickets)
        .where(and(eq(tickets.platform, platform), eq(tickets.channelId, channelId), eq(tickets.threadId, threadId)))
        .get();
      let openedTicket = false;
      let reopened = false;
      const at = message.receivedAt;
      if (!row) {
        row = tx
          .insert(tickets)
          .values({
            platform,
            channelId,
            threadId,
            customerId: message.customer.id,
            customerName: message.customer.name ?? null,
            subject: message.subject ?? null,
            status: 'received',
            leaseOwner: owner ?? null,
            createdAt: at,
            updatedAt: at,
          })
          .returning()
          .get();
        tx.insert(ticketEvents).values({ ticketId: row.id, fromStatus: null, toStatus: 'received', createdAt: at }).run();
        openedTicket = true;
      } else if (reopensOnCustomerMessage(row.status as TicketStatus)) {
        tx.insert(ticketEvents)
          .values({ ticketId: row.id, fromStatus: row.status, toStatus: 'received', reason: 'customer_wrote_again', createdAt: at })
          .run();
        row = tx
          .update(tickets)
          .set({
            status: 'received',
            statusReason: 'customer_wrote_again',
            round: sql`${tickets.round} + 1`,
            leaseOwner: owner ?? null,
            updatedAt: at,
          })
          .where(eq(tickets.id, row.id))
          .returning()
          .get();
        reopened = true;
      }
      if (!row) throw new TicketNotFoundError('(intake)');

      tx.insert(messages)
        .values({
          ticketId: row.id,
          direction: 'inbound',
          platform,
          channelId,
          platformMessageId: message.messageId,
          authorId: message.customer.id,
          text: message.text,
          raw: message.raw ?? null,
          createdAt: at,
        })
        .run();
      return { ticket: toTicket(row), isNew: true, openedTicket, reopened };
    });
  }

  get(id: number): Ticket | null {
    const row = this.db.select().from(tickets).where(eq(tickets.id, id)).get();
    return row ? toTicket(row) : null;
  }

  findByThread(thread: ThreadRef): Ticket | null {
    const row = this.db
      .select()
      .from(tickets)
      .where(
        and(eq(tickets.platform, thread.platform), eq(tickets.channelId, thread.channelId), eq(tickets.threadId, thread.threadId)),
      )
      .get();
    return row ? toTicket(row) : null;
  }

  transition(id: number, to: TicketStatus, reason?: string): Ticket {
    return this.transaction(() => {
      const tx = this.db;
      const current = this.require(id, tx);
      if (!canTransition(current.status, to)) throw new InvalidTransitionError(current.status, to);
      const at = new Date();
      tx.insert(ticketEvents)
        .values({ ticketId: id, fromStatus: current.status, toStatus: to, reason: reason ?? null, createdAt: at })
        .run();
      const row = tx
        .update(tickets)
        .set({ status: to, statusReason: reason ?? null, updatedAt: at })
        .where(eq(tickets.id, id))
        .returning()
        .get();
      if (!row) throw new TicketNotFoundError(String(id));
      return toTicket(row);
    });
  }

  applyTriage(id: number, c: Classification): void {
    this.db
      .update(tickets)
      .set({ urgency: c.urgency, category: c.category, language: c.language, sentiment: c.sentiment, updatedAt: new Date() })
      .where(eq(tickets.id, id))
      .run();
  }

  setSummary(id: number, summary: string): void {
    this.db.update(tickets).set({ summary, updatedAt: new Date() }).where(eq(tickets.id, id)).run();
  }

  messages(id: number): StoredMessage[] {
    return this.db
      .select()
      .from(messages)
      .where(eq(messages.ticketId, id))
      .orderBy(asc(messages.createdAt), asc(messages.id))
      .all()
      .map((row) => ({
        id: row.id,
        ticketId: row.ticketId,
        direction: row.direction,
        authorId: row.authorId,
        text: row.text,
        platformMessageId: row.platformMessageId,
        createdAt: row.createdAt,
        editedAt: row.editedAt,
        deletedAt: row.deletedAt,
      }));
  }

  events(id: number): TicketEvent[] {
    return this.db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, id))
      .orderBy(asc(ticketEvents.id))
      .all()
      .map((row) => ({
        fromStatus: row.fromStatus as TicketStatus | null,
        toStatus: row.toStatus as TicketStatus,
        reason: row.reason,
        createdAt: row.createdAt,
      }));
  }

  recordOutbound(
    id: number,
    message: { channelId: string; authorId: string; text: string; platformMessageId: string | null },
  ): number {
    const ticket = this.require(id, this.db);
    const row = this.db
      .insert(messages)
      .values({
        ticketId: id,
        direction: 'outbound',
        platform: ticket.platform,
        channelId: message.channelId,
        platformMessageId: message.platformMessageId,
        authorId: message.authorId,
        text: message.text,
      })
      .returning({ id: messages.id })
      .get();
    return row.id;
  }

  discardOutbound(messageId: number): void {
    this.db
      .delete(messages)
      .where(and(eq(messages.id, messageId), eq(messages.direction, 'outbound'), isNull(messages.platformMessageId)))
      .run();
  }

  confirmOutbound(messageId: number, platformMessageId: string): void {
    this.db.update(messages).set({ platformMessageId }).where(eq(messages.id, messageId)).run();
  }

  editMessage(ref: { platform: string; channelId: string; platformMessageId: string }, text: string, at: Date): boolean {
    const result = this.db
      .update(messages)
      .set({ text, editedAt: at })
      .where(this.messageRef(ref))
      .run();
    return result.changes > 0;
  }

  deleteMessage(ref: { platform: string; channelId: string; platformMessageId: string }, at: Date): boolean {
    const result = this.db.update(messages).set({ deletedAt: at }).where(this.messageRef(ref)).run();
    return result.changes > 0;
  }

  listByStatus(status: TicketStatus, limit = 1000): Ticket[] {
    return this.db
      .select()
      .from(tickets)
      .where(eq(tickets.status, status))
      .orderBy(asc(tickets.id))
      .limit(limit)
      .all()
      .map(toTicket);
  }

  claim(id: number, owner: string, takeOverFrom: readonly string[] = []): boolean {
    const free = or(isNull(tickets.leaseOwner), eq(tickets.leaseOwner, owner), ...(takeOverFrom.length > 0 ? [inArray(tickets.leaseOwner, [...takeOverFrom])] : []));
    const result = this.db.update(tickets).set({ leaseOwner: owner }).where(and(eq(tickets.id, id), free)).run();
    return result.changes > 0;
  }

  release(id: number, owner: string): void {
    this.db.update(tickets).set({ leaseOwner: null }).where(and(eq(tickets.id, id), eq(tickets.leaseOwner, owner))).run();
  }

  leaseOwner(id: number): string | null {
    return this.db.select({ owner: tickets.leaseOwner }).from(tickets).where(eq(tickets.id, id)).get()?.owner ?? null;
  }

  listWorked(limit = 1000): { id: number; status: TicketStatus; owner: string | null; platform: Platform }[] {
    return this.db
      .select({ id: tickets.id, status: tickets.status, owner: tickets.leaseOwner, platform: tickets.platform })
      .from(tickets)
      .where(or(isNotNull(tickets.leaseOwner), inArray(tickets.status, [...IN_PROGRESS_STATUSES])))
      .orderBy(asc(tickets.id))
      .limit(limit)
      .all()
      .map((row) => ({ id: row.id, status: row.status as TicketStatus, owner: row.owner, platform: row.platform as Platform }));
  }

  countsBetween(since: Date, until: Date): TicketCounts {
    return this.counts.between(since, until);
  }

  private messageRef(ref: { platform: string; channelId: string; platformMessageId: string }) {
    return and(
      eq(messages.platform, ref.platform),
      eq(messages.channelId, ref.channelId),
      eq(messages.platformMessageId, ref.platformMessageId),
    );
  }

  private require(id: number, db: Pick<Db, 'select'>): Ticket {
    const row = db.select().from(tickets).where(eq(tickets.id, id)).get();
    if (!row) throw new TicketNotFoundError(String(id));
    return toTicket(row);
  }
}
