/**
 * Sends an approved reply to the customer's thread, exactly once. The
 * outbound message is recorded (without a platform id) before the send, and
 * the ticket moves to `sent` after it. When a send may have happened without
 * our knowing (the process died mid-send, or the platform answered with an
 * error after a slow request), the reply is looked for in the thread by the
 * idempotency key it carries (Slack message metadata, Discord's nonce, or its
 * text): found, the ticket is sent; surely not there (looked for once the
 * interrupted request can no longer be under way), it is sent now; only when
 * it cannot be looked for (the platform cannot tell, or the lookup fails) is
 * the ticket handed to a human as uncertain. Never sent twice.
 */
import { threadKey, type Platform, type ThreadRef, type Ticket } from '../domain/index.js';
import { PlatformError, TicketNotFoundError, TriageError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';

export interface ReplyChannel {
  /** `idempotencyKey` is stable for one ticket and draft; the platform message carries it. */
  postReply(thread: ThreadRef, text: string, idempotencyKey: string): Promise<{ messageId: string }>;
  /**
   * Looks for a reply posted with this key (and text) in the thread since
   * `since`; null when it is not there. Absent: the platform cannot tell.
   */
  findReply?(thread: ThreadRef, reply: { text: string; idempotencyKey: string; since: Date }): Promise<{ messageId: string } | null>;
}

export type ReplyChannelLookup = (platform: Ticket['platform']) => ReplyChannel | undefined;

/**
 * What recovery did with an approved ticket: `delivered` (no send had
 * started), `reconciled` (the reply was found), `resent` (surely not posted,
 * sent now), `deferred` (too soon to tell: looked at again later),
 * `uncertain` (a human decides).
 */
export type Reconciliation = 'delivered' | 'reconciled' | 'resent' | 'deferred' | 'uncertain';

/**
 * How long after an interrupted send its absence from the thread is proof it
 * never happened: a platform finishes a request well within this, even when
 * the client that made it is gone.
 */
export const SEND_SETTLE_MS = 15_000;

const UNCERTAIN = 'delivery_uncertain: the reply may have been posted; check the thread before sending it again';

export class DeliveryService {
  constructor(
    private readonly store: Store,
    private readonly channels: ReplyChannelLookup,
    private readonly logger: Logger,
    private readonly options: { botId?: string; settleMs?: number; clock?: () => Date } = {},
  ) {}

  private now(): Date {
    return this.options.clock ? this.options.clock() : new Date();
  }

  async deliver(ticketId: number): Promise<Ticket> {
    const ticket = await this.store.tickets.get(ticketId);
    if (!ticket) throw new TicketNotFoundError(String(ticketId));
    const draft = await this.store.triage.latestDraft(ticketId);
    const channel = this.channels(ticket.platform);
    if (!draft || !channel) {
      const reason = !draft ? 'delivery_failed: no draft' : `delivery_failed: no ${ticket.platform} adapter running`;
      return await this.store.tickets.transition(ticketId, 'failed', reason);
    }
    const thread = threadOf(ticket);
    const outboundId = await this.store.tickets.recordOutbound(ticketId, {
      channelId: ticket.channelId,
      authorId: this.options.botId ?? 'bot',
      text: draft.text,
      platformMessageId: null,
    });
    const key = idempotencyKey(ticketId, draft.id);
    const since = new Date(this.now().getTime() - 60_000);
    try {
      const sent = await channel.postReply(thread, draft.text, key);
      return await this.markSent(ticketId, outboundId, sent.messageId);
    } catch (error) {
      // The platform's own code when it gave one (slack channel_not_found, discord 50001).
      const code = PlatformError.isInstance(error) ? `${error.platform} ${String(error.platformCode ?? error.code)}` : TriageError.isInstance(error) ? error.code : 'SEND_FAILED';
      this.logger.error({ err: error, ticketId, thread: threadKey(thread) }, 'sending the reply failed');
      // A slow platform may have posted it before the error reached us.
      const found = await this.find(channel, thread, { text: draft.text, idempotencyKey: key, since }, ticketId).catch(() => null);
      if (found) return await this.markSent(ticketId, outboundId, found.messageId);
      return await this.store.tickets.transition(ticketId, 'failed', `delivery_failed: ${code}`);
    }
  }

  /** Whether this process can post to the platform (a surface, or the replay's counting channel, for it). */
  reaches(platform: Platform): boolean {
    return this.channels(platform) !== undefined;
  }

  /**
   * An approved ticket taken over after a crash: sent now when no send was
   * started; marked sent when the started send is found in the thread; else
   * handed to a human as uncertain.
   */
  async reconcile(ticketId: number): Promise<Reconciliation> {
    const ticket = await this.store.tickets.get(ticketId);
    if (!ticket) throw new TicketNotFoundError(String(ticketId));
    const pending = (await this.store.tickets
      .messages(ticketId))
      .filter((message) => message.direction === 'outbound' && message.platformMessageId === null)
      .at(-1);
    if (!pending) {
      await this.deliver(ticketId);
      return 'delivered';
    }
    const draft = await this.store.triage.latestDraft(ticketId);
    const channel = this.channels(ticket.platform);
    const age = this.now().getTime() - pending.createdAt.getTime();
    // Too soon: the interrupted request may still be under way at the platform. Looked at again later.
    if (age < (this.options.settleMs ?? SEND_SETTLE_MS)) return 'deferred';
    let found: { messageId: string } | null | undefined;
    if (draft && channel?.findReply) {
      const reply = { text: draft.text, idempotencyKey: idempotencyKey(ticketId, draft.id), since: new Date(pending.createdAt.getTime() - 60_000) };
      found = await this.find(channel, threadOf(ticket), reply, ticketId).catch(() => undefined);
    }
    if (found) {
      await this.markSent(ticketId, pending.id, found.messageId);
      this.logger.info({ ticketId }, 'reply found in the thread after a restart; marked sent');
      return 'reconciled';
    }
    if (found === null) {
      // Looked for and surely not there: the interrupted send never happened. Send it now.
      await this.store.tickets.discardOutbound(pending.id);
      this.logger.info({ ticketId }, 'an interrupted send never reached the platform; sending now');
      await this.deliver(ticketId);
      return 'resent';
    }
    await this.store.transaction(async () => {
      const decision = await this.store.triage.latestDecision(ticketId);
      const reasons = [...(decision?.reasons ?? []), 'delivery_uncertain' as const];
      await this.store.triage.saveDecision(ticketId, { route: decision?.route ?? 'human_review', reasons, decidedBy: decision?.decidedBy ?? 'policy' }, decision?.promptVersions ?? []);
      await this.store.tickets.transition(ticketId, 'failed', UNCERTAIN);
      await this.store.tickets.transition(ticketId, 'awaiting_review', UNCERTAIN);
    });
    this.logger.warn({ ticketId }, 'a send was started before a restart and the reply is not in the thread; a reviewer decides');
    return 'uncertain';
  }

  private async markSent(ticketId: number, outboundId: number, messageId: string): Promise<Ticket> {
    return await this.store.transaction(async () => {
      await this.store.tickets.confirmOutbound(outboundId, messageId);
      return await this.store.tickets.transition(ticketId, 'sent');
    });
  }

  /** The reply if it is in the thread, null if it surely is not; throws when the lookup failed (nothing can be concluded). */
  private async find(channel: ReplyChannel, thread: ThreadRef, reply: { text: string; idempotencyKey: string; since: Date }, ticketId: number): Promise<{ messageId: string } | null> {
    if (!channel.findReply) throw new Error(`${thread.platform} cannot look for a reply`);
    try {
      return await channel.findReply(thread, reply);
    } catch (error) {
      this.logger.warn({ err: error, ticketId }, 'could not look for the reply in the thread');
      throw error;
    }
  }
}

function threadOf(ticket: Ticket): ThreadRef {
  return { platform: ticket.platform, channelId: ticket.channelId, threadId: ticket.threadId };
}

/** Stable for one ticket and draft: a resend of the same draft carries the same key. */
export function idempotencyKey(ticketId: number, draftId: number): string {
  return `ticket-${ticketId}-draft-${draftId}`;
}
