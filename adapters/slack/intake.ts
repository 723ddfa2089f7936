/**
 * Slack events to the desk's inbox, before the ack: a customer's message is
 * stored (or found already stored, for a redelivery), an edit or a deletion
 * recorded. Returns what to do after the ack (mark the message received).
 */
import type { Logger } from '../../src/logger.js';
import type { SurfaceInbox } from '../../src/ports/surface.js';
import { parseMentionEvent, parseMessageEvent, slackThread, type SlackContext, type SlackIntake } from './parse.js';

export interface IntakeDeps {
  inbox: SurfaceInbox;
  context: SlackContext;
  log: Logger;
  /** The message was new: mark it received (after the ack). */
  received(channel: string, ts: string): Promise<void>;
}

export async function slackIntake(body: Record<string, unknown>, deps: IntakeDeps): Promise<(() => Promise<void>) | void> {
  if (body.type !== 'event_callback' || typeof body.event !== 'object' || body.event === null) return;
  const event = body.event as { type?: unknown; thread_ts?: unknown; channel?: unknown };
  let parsed: SlackIntake;
  if (event.type === 'message') parsed = await parseMessage(event, deps);
  else if (event.type === 'app_mention') parsed = parseMentionEvent(event, deps.context);
  else return;
  const { inbox, log } = deps;
  switch (parsed.kind) {
    case 'ignore':
      log.debug({ reason: parsed.reason, eventId: body.event_id }, 'slack event ignored');
      return;
    case 'edit':
      await inbox.edited(parsed.ref, parsed.text, parsed.at);
      return;
    case 'delete':
      await inbox.deleted(parsed.ref, parsed.at);
      return;
    case 'message': {
      const received = await inbox.receive(parsed.message);
      if (!received.isNew) {
        log.info({ eventId: body.event_id, ticketId: received.ticketId }, 'redelivered slack message ignored');
        return;
      }
      const { channelId } = parsed.message.thread;
      const ts = parsed.message.messageId;
      return () => deps.received(channelId, ts);
    }
  }
}

/**
 * A reply in a thread that a mention opened outside the support channels
 * still belongs to that ticket, though it does not mention the bot again.
 */
async function parseMessage(event: { thread_ts?: unknown; channel?: unknown }, deps: IntakeDeps): Promise<SlackIntake> {
  const parsed = parseMessageEvent(event, deps.context);
  const { thread_ts: threadTs, channel } = event;
  if (
    parsed.kind === 'ignore' &&
    parsed.reason === 'not_support_channel' &&
    typeof threadTs === 'string' &&
    typeof channel === 'string' &&
    await deps.inbox.hasTicket(slackThread(channel, threadTs))
  ) {
    return parseMessageEvent(event, { ...deps.context, supportChannels: [...deps.context.supportChannels, channel] });
  }
  return parsed;
}
