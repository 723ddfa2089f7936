/**
 * The Slack adapter: a Bolt app in Socket Mode (SLACK_APP_TOKEN) or on the
 * HTTP Events API (SLACK_SIGNING_SECRET, Bolt's /slack/events on PORT).
 * Intake runs before the ack (see IntakeFirstReceiver); model work, reactions
 * and cards run after it. Review cards are updated in place from outcomes, so
 * every path (a click, an escalation, an auto-send) renders the same way.
 */
import {
  App,
  HTTPReceiver,
  SocketModeReceiver,
  type BlockAction,
  type ButtonAction,
  type Receiver,
  type SlackActionMiddlewareArgs,
  type SlackViewMiddlewareArgs,
  type ViewSubmitAction,
  type AllMiddlewareArgs,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Server } from 'node:http';
import { z } from 'zod';
import type { SlackConfig } from '../../src/config.js';
import { parseTicketId } from '../../src/domain/index.js';
import { PlatformError } from '../../src/errors.js';
import type { BudgetAlert, ModelAlert, ReviewActionKind, ThreadRef, TicketOutcome, WeeklyReport } from '../../src/domain/index.js';
import type { Logger } from '../../src/logger.js';
import type { AdapterCore, ChatAdapter, ReportPublisher } from '../../src/ports/surface.js';
import { isQuietlyClosed, outcomeView } from '../../src/present/outcome-view.js';
import { boltLogger } from './bolt-logger.js';
import { ACTION_IDS, CALLBACK_IDS, INPUT_IDS, editModal, infoCard, rejectModal, resolvedCard, reviewCard, statusText, todayText, urgencyReaction } from './format.js';
import { IntakeFirstReceiver } from './intake-first-receiver.js';
import { splitMessage, truncate } from './limits.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { slackError } from './errors.js';
import { cardMetadata, findCard, findReply, replyMetadata } from './lookups.js';
import { postBudgetAlert, postModelAlert, postWeeklyReport } from './report-posting.js';
import { parseMentionEvent, parseMessageEvent, slackThread, type SlackContext, type SlackIntake } from './parse.js';
import { ReviewerAccess } from './reviewer-access.js';

export interface SlackAdapterOptions {
  config: SlackConfig;
  logger: Logger;
  /** Web API retry policy; tests pass `{ retries: 0 }` so a missing fake fails fast. */
  retryConfig?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };
}

type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** What the Edit and Reject modals carry in `private_metadata`; validated when it comes back. */
const ModalMetadata = z.object({
  ticketId: z.number().refine((id) => parseTicketId(String(id)) === id, 'not a ticket number'),
});
type ModalMetadata = z.infer<typeof ModalMetadata>;

/** Retries for server errors and rate limits (each rate-limited retry waits Retry-After first). */
const DEFAULT_RETRY = { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000 };

const REFUSAL = 'You are not one of the reviewers for support replies, so nothing was changed.';

/**
 * The answer to an id that names no ticket (`0x1`, `1e3`, junk): the words a
 * missing ticket gets, with what was sent shown escaped and short.
 */
function noSuchTicket(raw: string): string {
  return `Ticket #${escapeMrkdwn(truncate(raw.replace(/^#/, ''), 30))} does not exist.`;
}

export class SlackAdapter implements ChatAdapter, ReportPublisher {
  readonly platform = 'slack' as const;
  private app: App | null = null;
  private server: Server | null = null;
  private core: AdapterCore | null = null;
  private access: ReviewerAccess | null = null;
  private context: SlackContext = { botUserId: '', supportChannels: [] };
  /** `https://acme.slack.com/` from auth.test: the base of message permalinks. */
  private workspaceUrl: string | null = null;
  private readonly log: Logger;

  constructor(private readonly options: SlackAdapterOptions) {
    this.log = options.logger.child({ component: 'slack' });
  }

  /** The HTTP receiver's port (HTTP mode only), e.g. when PORT=0. */
  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  async start(core: AdapterCore): Promise<void> {
    const { config } = this.options;
    this.core = core;
    const logger = boltLogger(this.log);
    const clientOptions = {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      // Always explicit: left unset, the Socket Mode client writes 100 retries into these options.
      retryConfig: this.options.retryConfig ?? DEFAULT_RETRY,
    };
    const inner: Receiver = config.appToken
      ? new SocketModeReceiver({ appToken: config.appToken, logger, installerOptions: { clientOptions } })
      : new HTTPReceiver({ signingSecret: config.signingSecret ?? '', logger, port: config.port });
    const receiver = new IntakeFirstReceiver(inner, (body) => this.intake(body), this.log);
    // Deferred so a failing auth.test surfaces here, not as an unhandled rejection.
    const app = new App({ token: config.botToken, receiver, logger, clientOptions, deferInitialization: true });
    await app.init();
    this.app = app;

    const auth = await app.client.auth.test();
    this.workspaceUrl = typeof auth.url === 'string' && auth.url !== '' ? auth.url : null;
    this.context = {
      botUserId: String(auth.user_id ?? ''),
      ...(auth.bot_id ? { botId: String(auth.bot_id) } : {}),
      supportChannels: config.supportChannels,
      reviewChannel: config.reviewChannel,
    };
    this.access = new ReviewerAccess(app.client, config.reviewers, config.reviewerGroups);
    this.registerListeners(app);

    const started = config.appToken ? await app.start() : await app.start(config.port);
    if (!config.appToken) this.server = started as Server;
    this.log.info(
      { mode: config.appToken ? 'socket' : 'http', port: this.port, botUserId: this.context.botUserId },
      'slack adapter started',
    );
  }

  async stop(): Promise<void> {
    await this.app?.stop();
    this.app = null;
  }

  /**
   * Slack has no idempotency key for posts, so each chunk carries the key in
   * its message metadata: after a crash or an error mid-send, `findReply`
   * looks for it in the thread before anyone sends again.
   */
  async postReply(thread: ThreadRef, text: string, idempotencyKey: string): Promise<{ messageId: string }> {
    const client = this.client();
    let first: string | null = null;
    for (const [index, chunk] of splitMessage(escapeMrkdwn(text)).entries()) {
      const result = await client.chat
        .postMessage({
          channel: thread.channelId,
          thread_ts: thread.threadId,
          text: chunk,
          unfurl_links: false,
          unfurl_media: false,
          metadata: replyMetadata(idempotencyKey, index),
        })
        .catch((error: unknown) => {
          throw slackError(error, 'posting the reply');
        });
      first ??= String(result.ts);
    }
    if (first === null) throw new PlatformError('slack', null, 'the reply is empty');
    return { messageId: first };
  }

  /** A reply posted with this key, found by its metadata in the thread (see lookups.ts). */
  findReply(thread: ThreadRef, reply: { idempotencyKey: string; since: Date }): Promise<{ messageId: string } | null> {
    return findReply(this.client(), this.context, thread, reply);
  }

  async presentOutcome(outcome: TicketOutcome): Promise<void> {
    const { ticket } = outcome;
    const client = this.client();
    const card = this.cardFor(outcome);
    const core = this.requireCore();
    const existing = core.latestCard(ticket.id, 'slack');
    // A "thanks!" closed without a reply needs no card: it would only be noise.
    if (isQuietlyClosed(outcome) && !existing) {
      if (outcome.classification) await this.react(ticket.channelId, ticket.threadId, urgencyReaction(outcome.classification.urgency));
      return;
    }
    // A post cut off by a crash may have landed: look for it before posting another.
    const messageId = existing?.messageId ?? (existing ? await findCard(client, this.context, existing.channelId, ticket.id, existing.since) : null);
    if (existing && messageId) {
      if (existing.messageId === null) core.cardPosted(existing.markId, messageId);
      await client.chat.update({ channel: existing.channelId, ts: messageId, ...card, metadata: cardMetadata(ticket.id) });
    } else {
      const channel = this.options.config.reviewChannel;
      const markId = existing?.markId ?? core.cardPosting({ ticketId: ticket.id, platform: 'slack', channelId: channel });
      const posted = await client.chat.postMessage({ channel, ...card, unfurl_links: false, metadata: cardMetadata(ticket.id) });
      core.cardPosted(markId, String(posted.ts));
    }
    if (outcome.classification && (ticket.status === 'awaiting_review' || ticket.status === 'closed' || ticket.status === 'sent')) {
      await this.react(ticket.channelId, ticket.threadId, urgencyReaction(outcome.classification.urgency));
    }
    if (ticket.status === 'sent') await this.react(ticket.channelId, ticket.threadId, 'white_check_mark');
  }

  postReport(channelId: string, report: WeeklyReport, chart: Uint8Array): Promise<{ messageId: string }> {
    return postWeeklyReport(this.client(), this.log, this.workspaceUrl, channelId, report, chart);
  }

  postBudgetAlert(channelId: string, alert: BudgetAlert): Promise<{ messageId: string }> {
    return postBudgetAlert(this.client(), channelId, alert);
  }

  postModelAlert(channelId: string, alert: ModelAlert): Promise<{ messageId: string }> {
    return postModelAlert(this.client(), channelId, alert);
  }

  private cardFor(outcome: TicketOutcome): { text: string; blocks: ReturnType<typeof reviewCard>['blocks'] } {
    const view = outcomeView(outcome);
    if (view.kind === 'review') return reviewCard(outcome);
    return view.kind === 'resolved' ? resolvedCard(outcome, view.resolution) : infoCard(outcome);
  }

  /** Before the ack: store the message. Returns the follow-up to run after the ack. */
  private intake(body: Record<string, unknown>): (() => Promise<void>) | void {
    if (body.type !== 'event_callback' || typeof body.event !== 'object' || body.event === null) return;
    const event = body.event as { type?: unknown; thread_ts?: unknown; channel?: unknown };
    let parsed: SlackIntake;
    if (event.type === 'message') parsed = this.parseMessage(event);
    else if (event.type === 'app_mention') parsed = parseMentionEvent(event, this.context);
    else return;
    const core = this.requireCore();
    switch (parsed.kind) {
      case 'ignore':
        this.log.debug({ reason: parsed.reason, eventId: body.event_id }, 'slack event ignored');
        return;
      case 'edit':
        core.messageEdited(parsed.ref, parsed.text, parsed.at);
        return;
      case 'delete':
        core.messageDeleted(parsed.ref, parsed.at);
        return;
      case 'message': {
        const received = core.receive(parsed.message);
        if (!received.isNew) {
          this.log.info({ eventId: body.event_id, ticketId: received.ticketId }, 'redelivered slack message ignored');
          return;
        }
        const { channelId } = parsed.message.thread;
        const ts = parsed.message.messageId;
        return () => this.react(channelId, ts, 'eyes');
      }
    }
  }

  /**
   * A reply in a thread that a mention opened outside the support channels
   * still belongs to that ticket, though it does not mention the bot again.
   */
  private parseMessage(event: { thread_ts?: unknown; channel?: unknown }): SlackIntake {
    const parsed = parseMessageEvent(event, this.context);
    const { thread_ts: threadTs, channel } = event;
    if (
      parsed.kind === 'ignore' &&
      parsed.reason === 'not_support_channel' &&
      typeof threadTs === 'string' &&
      typeof channel === 'string' &&
      this.requireCore().hasTicket(slackThread(channel, threadTs))
    ) {
      return parseMessageEvent(event, { ...this.context, supportChannels: [...this.context.supportChannels, channel] });
    }
    return parsed;
  }

  private registerListeners(app: App): void {
    app.action<BlockAction<ButtonAction>>(ACTION_IDS.approve, (args) => this.onButton(args as ActionArgs, 'approve'));
    app.action<BlockAction<ButtonAction>>(ACTION_IDS.reject, (args) => this.onButton(args as ActionArgs, 'reject'));
    app.action<BlockAction<ButtonAction>>(ACTION_IDS.edit, (args) => this.onButton(args as ActionArgs, 'edit'));
    app.action<BlockAction<ButtonAction>>(ACTION_IDS.escalate, (args) => this.onButton(args as ActionArgs, 'escalate'));
    app.view<ViewSubmitAction>(CALLBACK_IDS.edit, (args) => this.onModal(args as ViewArgs, 'edit'));
    app.view<ViewSubmitAction>(CALLBACK_IDS.reject, (args) => this.onModal(args as ViewArgs, 'reject'));
    app.command('/triage', async ({ command, ack }) => {
      if (!(await this.access?.allows(command.user_id))) {
        await ack({ response_type: 'ephemeral', text: REFUSAL });
        return;
      }
      await ack({ response_type: 'ephemeral', text: this.commandReply(command.text) });
    });
    app.error(async (error) => {
      this.log.error({ err: error }, 'slack listener failed');
    });
  }

  private commandReply(text: string): string {
    const core = this.requireCore();
    const [verb, argument] = text.trim().split(/\s+/);
    if (verb === 'today') return todayText(core.today());
    if (verb === 'status') {
      if (!argument) return 'Usage: `/triage status <ticket number>`';
      const id = parseTicketId(argument);
      const outcome = id === null ? null : core.status(id);
      return outcome ? statusText(outcome) : `No ticket #${escapeMrkdwn(truncate(argument.replace(/^#/, ''), 30))}.`;
    }
    return 'Usage: `/triage status <ticket number>` or `/triage today`';
  }

  private async onButton(args: ActionArgs, action: ReviewActionKind): Promise<void> {
    const { ack, body, action: button, client } = args;
    await ack();
    const userId = body.user.id;
    const ticketId = parseTicketId(button.value ?? '');
    const channel = body.channel?.id ?? this.options.config.reviewChannel;
    if (!(await this.access?.allows(userId))) {
      await client.chat.postEphemeral({ channel, user: userId, text: REFUSAL });
      return;
    }
    if (ticketId === null) {
      await client.chat.postEphemeral({ channel, user: userId, text: noSuchTicket(button.value ?? '') });
      return;
    }
    if (action === 'edit' || action === 'reject') {
      const outcome = this.requireCore().status(ticketId);
      if (!outcome || outcome.ticket.status !== 'awaiting_review') {
        await client.chat.postEphemeral({ channel, user: userId, text: `Ticket #${ticketId} was already handled.` });
        return;
      }
      const metadata = JSON.stringify({ ticketId } satisfies ModalMetadata);
      const view = action === 'edit' ? editModal(ticketId, outcome.draft?.reply ?? '', metadata) : rejectModal(ticketId, metadata);
      await client.views.open({ trigger_id: body.trigger_id, view });
      return;
    }
    await this.act({ ticketId, reviewerId: userId, action }, channel, client);
  }

  private async onModal(args: ViewArgs, action: 'edit' | 'reject'): Promise<void> {
    const { ack, body, view, client } = args;
    const userId = body.user.id;
    const values = view.state.values;
    const text =
      action === 'edit'
        ? values[INPUT_IDS.editBlock]?.[INPUT_IDS.editAction]?.value
        : values[INPUT_IDS.rejectBlock]?.[INPUT_IDS.rejectAction]?.value;
    const block = action === 'edit' ? INPUT_IDS.editBlock : INPUT_IDS.rejectBlock;
    if (!text?.trim()) {
      await ack({ response_action: 'errors', errors: { [block]: 'This cannot be empty.' } });
      return;
    }
    await ack();
    if (!(await this.access?.allows(userId))) return;
    const metadata = this.modalMetadata(view.private_metadata);
    if ('invalid' in metadata) {
      this.log.warn({ userId }, 'modal submission without valid metadata ignored');
      await client.chat.postEphemeral({ channel: this.options.config.reviewChannel, user: userId, text: noSuchTicket(metadata.invalid) });
      return;
    }
    await this.act(
      { ticketId: metadata.ticketId, reviewerId: userId, action, ...(action === 'edit' ? { text } : { reason: text }) },
      this.options.config.reviewChannel,
      client,
    );
  }

  /** The modal's metadata, or what its ticket id looked like when it is not one of ours. */
  private modalMetadata(text: string): ModalMetadata | { invalid: string } {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { invalid: '?' };
    }
    const parsed = ModalMetadata.safeParse(json);
    if (parsed.success) return parsed.data;
    const raw = typeof json === 'object' && json !== null ? (json as { ticketId?: unknown }).ticketId : undefined;
    return { invalid: typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '?' };
  }

  private async act(
    request: { ticketId: number; reviewerId: string; action: ReviewActionKind; text?: string; reason?: string },
    channel: string,
    client: WebClient,
  ): Promise<void> {
    const result = await this.requireCore().review(request);
    if (!result.ok) {
      await client.chat.postEphemeral({ channel, user: request.reviewerId, text: result.message });
    }
    // On success the workflow calls presentOutcome, which updates the card.
  }

  private async react(channel: string, timestamp: string, name: string): Promise<void> {
    try {
      await this.client().reactions.add({ channel, timestamp, name });
    } catch (error) {
      // Reactions are progress hints: an `already_reacted` or a missing scope must not fail the ticket.
      this.log.debug({ err: error, channel, name }, 'reaction not added');
    }
  }

  private client(): WebClient {
    if (!this.app) throw new Error('Slack adapter is not started');
    return this.app.client;
  }

  private requireCore(): AdapterCore {
    if (!this.core) throw new Error('Slack adapter is not started');
    return this.core;
  }
}
