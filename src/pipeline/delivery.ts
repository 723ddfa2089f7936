/**
 * Sends an approved reply to the customer's thread, exactly once. The
 * outbound message is recorded (without a platform id) before the send, and
 * the ticket moves to `sent` after it; a crash in between leaves a pending
 * outbound row that recovery hands to a human instead of sending twice.
 */
import { threadKey, type ThreadRef, type Ticket } from '../domain/index.js';
import { TicketNotFoundError, TriageError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';

export interface ReplyChannel {
  /** `idempotencyKey` is stable for one ticket and draft; platforms that dedupe use it. */
  postReply(thread: ThreadRef, text: string, idempotencyKey: string): Promise<{ messageId: string }>;
}

export type ReplyChannelLookup = (platform: Ticket['platform']) => ReplyChannel | undefined;

export class DeliveryService {
  constructor(
    private readonly store: Store,
    private readonly channels: ReplyChannelLookup,
    private readonly logger: Logger,
    private readonly botId = 'bot',
  ) {}

  async deliver(ticketId: number): Promise<Ticket> {
    const ticket = this.store.tickets.get(ticketId);
    if (!ticket) throw new TicketNotFoundError(String(ticketId));
    const draft = this.store.triage.latestDraft(ticketId);
    const channel = this.channels(ticket.platform);
    if (!draft || !channel) {
      const reason = !draft ? 'delivery_failed: no draft' : `delivery_failed: no ${ticket.platform} adapter running`;
      return this.store.tickets.transition(ticketId, 'failed', reason);
    }
    const thread: ThreadRef = { platform: ticket.platform, channelId: ticket.channelId, threadId: ticket.threadId };
    const outboundId = this.store.tickets.recordOutbound(ticketId, {
      channelId: ticket.channelId,
      authorId: this.botId,
      text: draft.text,
      platformMessageId: null,
    });
    try {
      const sent = await channel.postReply(thread, draft.text, `ticket-${ticketId}-draft-${draft.id}`);
      return this.store.transaction(() => {
        this.store.tickets.confirmOutbound(outboundId, sent.messageId);
        return this.store.tickets.transition(ticketId, 'sent');
      });
    } catch (error) {
      const code = TriageError.isInstance(error) ? error.code : 'SEND_FAILED';
      this.logger.error({ err: error, ticketId, thread: threadKey(thread) }, 'sending the reply failed');
      return this.store.tickets.transition(ticketId, 'failed', `delivery_failed: ${code}`);
    }
  }
}
