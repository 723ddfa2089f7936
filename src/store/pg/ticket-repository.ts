/**
 * Tickets in Postgres: the same contract as the SQLite repository. Intake
 * and transitions read then write, so they run in a (SERIALIZABLE)
 * transaction; intake also retries a unique violation, which is how the loser
 * of two intakes of one message (or two first messages of one thread) finds
 * the winner's row. A claim is one conditional UPDATE: of two at once, the
 * second waits for the first's row lock, re-checks its WHERE on the new row
 * and changes nothing, so exactly one wins.
 */
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
import { toTicket } from '../ticket-row.js';
import type { IntakeResult, StoredMessage, TicketCounts, TicketEvent, TicketRepository } from '../types.js';
import { split } from '../sqlite/quarter-hours.js';
import { messages, ticketEvents, tickets } from './schema.js';
import type { PgSession } from './session.js';

type MessageRef = { platform: string; channelId: string; platformMessageId: string };

export class PgTicketRepository implements TicketRepository {
  constructor(private readonly session: PgSession) {}

  intake(message: InboundMessage, owner?: string): Promise<IntakeResult> {
    return this.session.transaction(async () => {
      const db = this.session.db();
      const { platform, channelId, threadId } = message.thread;
      const [existing] = await db
        .select({ ticketId: messages.ticketId })
        .from(messages)
        .where(and(eq(messages.platform, platform), eq(messages.channelId, channelId), eq(messages.platformMessageId, message.messageId)));
      if (existing) return { ticket: await this.require(existing.ticketId), isNew: false, openedTicket: false, reopened: false };

      let [row] = await db
        .select()
        .from(tickets)
        .where(and(eq(tickets.platform, platform), eq(tickets.channelId, channelId), eq(tickets.threadId, threadId)));
      let openedTicket = false;
      let reopened = false;
      const at = message.receivedAt;
      if (!row) {
        [row] = await db
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
          .returning();
        if (!row) throw new TicketNotFoundError('(intake)');
        await db.insert(ticketEvents).values({ ticketId: row.id, fromStatus: null, toStatus: 'received', createdAt: at });
        openedTicket = true;
      } else if (reopensOnCustomerMessage(row.status as TicketStatus)) {
        await db.insert(ticketEvents).values({ ticketId: row.id, fromStatus: row.status, toStatus: 'received', reason: 'customer_wrote_again', createdAt: at });
        [row] = await db
          .update(tickets)
          .set({ status: 'received', statusReason: 'customer_wrote_again', round: sql`${tickets.round} + 1`, leaseOwner: owner ?? null, updatedAt: at })
          .where(eq(tickets.id, row.id))
          .returning();
        reopened = true;
      }
      if (!row) throw new TicketNotFoundError('(intake)');
      await db.insert(messages).values({
        ticketId: row.id,
        direction: 'inbound',
        platform,
        channelId,
        platformMessageId: message.messageId,
        authorId: message.customer.id,
        text: message.text,
        raw: message.raw ?? null,
        createdAt: at,
      });
      return { ticket: toTicket(row), isNew: true, openedTicket, reopened };
    }, { retryUniqueViolation: true });
  }

  async get(id: number): Promise<Ticket | null> {
    const [row] = await this.session.db().select().from(tickets).where(eq(tickets.id, id));
    return row ? toTicket(row) : null;
  }

  async findByThread(thread: ThreadRef): Promise<Ticket | null> {
    const [row] = await this.session
      .db()
      .select()
      .from(tickets)
      .where(and(eq(tickets.platform, thread.platform), eq(tickets.channelId, thread.channelId), eq(tickets.threadId, thread.threadId)));
    return row ? toTicket(row) : null;
  }

  transition(id: number, to: TicketStatus, reason?: string): Promise<Ticket> {
    return this.session.transaction(async () => {
      const db = this.session.db();
      const current = await this.require(id);
      if (!canTransition(current.status, to)) throw new InvalidTransitionError(current.status, to);
      const at = new Date();
      await db.insert(ticketEvents).values({ ticketId: id, fromStatus: current.status, toStatus: to, reason: reason ?? null, createdAt: at });
      const [row] = await db.update(tickets).set({ status: to, statusReason: reason ?? null, updatedAt: at }).where(eq(tickets.id, id)).returning();
      if (!row) throw new TicketNotFoundError(String(id));
      return toTicket(row);
    });
  }

  async applyTriage(id: number, c: Classification): Promise<void> {
    await this.session
      .db()
      .update(tickets)
      .set({ urgency: c.urgency, category: c.category, language: c.language, sentiment: c.sentiment, updatedAt: new Date() })
      .where(eq(tickets.id, id));
  }

  async setSummary(id: number, summary: string): Promise<void> {
    await this.session.db().update(tickets).set({ summary, updatedAt: new Date() }).where(eq(tickets.id, id));
  }

  async messages(id: number): Promise<StoredMessage[]> {
    const rows = await this.session.db().select().from(messages).where(eq(messages.ticketId, id)).orderBy(asc(messages.createdAt), asc(messages.id));
    return rows.map((row) => ({
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

  async events(id: number): Promise<TicketEvent[]> {
    const rows = await this.session.db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(asc(ticketEvents.id));
    return rows.map((row) => ({ fromStatus: row.fromStatus as TicketStatus | null, toStatus: row.toStatus as TicketStatus, reason: row.reason, createdAt: row.createdAt }));
  }

  async recordOutbound(id: number, message: { channelId: string; authorId: string; text: string; platformMessageId: string | null }): Promise<number> {
    const ticket = await this.require(id);
    const [row] = await this.session
      .db()
      .insert(messages)
      .values({ ticketId: id, direction: 'outbound', platform: ticket.platform, channelId: message.channelId, platformMessageId: message.platformMessageId, authorId: message.authorId, text: message.text })
      .returning({ id: messages.id });
    if (!row) throw new TicketNotFoundError(String(id));
    return row.id;
  }

  async confirmOutbound(messageId: number, platformMessageId: string): Promise<void> {
    await this.session.db().update(messages).set({ platformMessageId }).where(eq(messages.id, messageId));
  }

  async discardOutbound(messageId: number): Promise<void> {
    await this.session
      .db()
      .delete(messages)
      .where(and(eq(messages.id, messageId), eq(messages.direction, 'outbound'), isNull(messages.platformMessageId)));
  }

  async editMessage(ref: MessageRef, text: string, at: Date): Promise<boolean> {
    const result = await this.session.db().update(messages).set({ text, editedAt: at }).where(messageRef(ref));
    return (result.rowCount ?? 0) > 0;
  }

  async deleteMessage(ref: MessageRef, at: Date): Promise<boolean> {
    const result = await this.session.db().update(messages).set({ deletedAt: at }).where(messageRef(ref));
    return (result.rowCount ?? 0) > 0;
  }

  async listByStatus(status: TicketStatus, limit = 1000): Promise<Ticket[]> {
    const rows = await this.session.db().select().from(tickets).where(eq(tickets.status, status)).orderBy(asc(tickets.id)).limit(limit);
    return rows.map(toTicket);
  }

  async claim(id: number, owner: string, takeOverFrom: readonly string[] = []): Promise<boolean> {
    const free = or(isNull(tickets.leaseOwner), eq(tickets.leaseOwner, owner), ...(takeOverFrom.length > 0 ? [inArray(tickets.leaseOwner, [...takeOverFrom])] : []));
    const result = await this.session.db().update(tickets).set({ leaseOwner: owner }).where(and(eq(tickets.id, id), free));
    return (result.rowCount ?? 0) > 0;
  }

  async release(id: number, owner: string): Promise<void> {
    await this.session.db().update(tickets).set({ leaseOwner: null }).where(and(eq(tickets.id, id), eq(tickets.leaseOwner, owner)));
  }

  async leaseOwner(id: number): Promise<string | null> {
    const [row] = await this.session.db().select({ owner: tickets.leaseOwner }).from(tickets).where(eq(tickets.id, id));
    return row?.owner ?? null;
  }

  async listWorked(limit = 1000): Promise<{ id: number; status: TicketStatus; owner: string | null; platform: Platform }[]> {
    const rows = await this.session
      .db()
      .select({ id: tickets.id, status: tickets.status, owner: tickets.leaseOwner, platform: tickets.platform })
      .from(tickets)
      .where(or(isNotNull(tickets.leaseOwner), inArray(tickets.status, [...IN_PROGRESS_STATUSES])))
      .orderBy(asc(tickets.id))
      .limit(limit);
    return rows.map((row) => ({ id: row.id, status: row.status as TicketStatus, owner: row.owner, platform: row.platform as Platform }));
  }

  /** Whole quarter hours from ticket_count_buckets (kept by a trigger), the ragged ends from the tickets, as on SQLite. */
  async countsBetween(since: Date, until: Date): Promise<TicketCounts> {
    const { whole, ends } = split(since, until);
    const db = this.session.db();
    const rows: { status: string; urgency: string; tickets: number }[] = [];
    const read = async (query: ReturnType<typeof sql>) => {
      const result = await db.execute<{ status: string; urgency: string; tickets: string }>(query);
      for (const row of result.rows) rows.push({ status: row.status, urgency: row.urgency, tickets: Number(row.tickets) });
    };
    if (whole) {
      await read(sql`SELECT status, urgency, sum(tickets) AS tickets FROM ticket_count_buckets
        WHERE starts_at >= ${whole.since} AND starts_at < ${whole.until} GROUP BY status, urgency`);
    }
    for (const end of ends) {
      await read(sql`SELECT status, coalesce(urgency, '') AS urgency, count(*) AS tickets FROM tickets
        WHERE created_at >= ${end.since} AND created_at < ${end.until} GROUP BY status, urgency`);
    }
    const byUrgency: Record<string, number> = {};
    const byStatus: Record<string, number> = {};
    let total = 0;
    for (const row of rows) {
      if (row.tickets === 0) continue;
      const urgency = row.urgency === '' ? 'untriaged' : row.urgency;
      byUrgency[urgency] = (byUrgency[urgency] ?? 0) + row.tickets;
      byStatus[row.status] = (byStatus[row.status] ?? 0) + row.tickets;
      total += row.tickets;
    }
    return { tickets: total, byUrgency, byStatus };
  }

  private async require(id: number): Promise<Ticket> {
    const ticket = await this.get(id);
    if (!ticket) throw new TicketNotFoundError(String(id));
    return ticket;
  }
}

function messageRef(ref: MessageRef) {
  return and(eq(messages.platform, ref.platform), eq(messages.channelId, ref.channelId), eq(messages.platformMessageId, ref.platformMessageId));
}
