/**
 * The Slack adapter: a Bolt app in Socket Mode (SLACK_APP_TOKEN) or on the
 * HTTP Events API (SLACK_SIGNING_SECRET, Bolt's /slack/events on PORT).
 * Intake runs before the ack (see IntakeFirstReceiver); model work, reactions
 * and cards run after it. Review cards are updated in place from outcomes, so
 * every path (a click, an escalation, an auto-send) renders the same way.
 */
import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Server } from 'node:http';
import type { SlackConfig } from '../../src/config.js';
import type { BudgetAlert, ModelAlert, ThreadRef, WeeklyReport } from '../../src/domain/index.js';
import { PlatformError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import type { Mention, MessageMark, Posted, ReportPublisher, Surface, SurfaceInbox } from '../../src/ports/surface.js';
import type { Card } from '../../src/present/card.js';
import type { HttpRoute } from '../../src/ports/ops.js';
import { renderRichText, type RichText } from '../../src/present/rich-text.js';
import { boltLogger } from './bolt-logger.js';
import { slackError } from './errors.js';
import { SLACK_DIALECT, slackCard, urgencyReaction } from './format.js';
import { slackIntake } from './intake.js';
import { IntakeFirstReceiver } from './intake-first-receiver.js';
import { splitMessage } from './limits.js';
import { registerReviewListeners } from './listeners.js';
import { cardMetadata, findCard, findReply, replyMetadata } from './lookups.js';
import { escapeMrkdwn } from './mrkdwn.js';
import type { SlackContext } from './parse.js';
import { postBudgetAlert, postModelAlert, postWeeklyReport } from './report-posting.js';
import { UserGroups } from './user-groups.js';

export interface SlackAdapterOptions {
  config: SlackConfig;
  logger: Logger;
  /** Web API retry policy; tests pass `{ retries: 0 }` so a missing fake fails fast. */
  retryConfig?: { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };
  /**
   * Extra routes the HTTP receiver serves beside /slack/events (/healthz,
   * /readyz, /metrics); HTTP mode only. Socket Mode gets none: Bolt would
   * open a port of its own for them.
   */
  httpRoutes?: readonly HttpRoute[];
}

/** Pending connections the HTTP receiver's socket may queue (the kernel caps it at net.core.somaxconn). */
const HTTP_BACKLOG = 4096;

/** WebSocket readyState OPEN (the standard's constant). */
const WEBSOCKET_OPEN = 1;

/** Retries for server errors and rate limits (each rate-limited retry waits Retry-After first). */
const DEFAULT_RETRY = { retries: 5, factor: 2, minTimeout: 500, maxTimeout: 30_000 };

export class SlackAdapter implements Surface, ReportPublisher {
  readonly platform = 'slack' as const;
  private app: App | null = null;
  private server: Server | null = null;
  /** Socket Mode: Slack said hello on the current socket, and the client has not begun to drop it since. */
  private socketConnected = false;
  /** Socket Mode: the socket's state (it closes before the client says anything: the client waits to reconnect first). */
  private socketOpen: () => boolean = () => false;
  private context: SlackContext = { botUserId: '', supportChannels: [] };
  /** `https://acme.slack.com/` from auth.test: the base of message permalinks. */
  private workspaceUrl: string | null = null;
  private readonly groups = new UserGroups(() => this.client());
  private readonly log: Logger;

  constructor(private readonly options: SlackAdapterOptions) {
    this.log = options.logger.child({ component: 'slack' });
  }

  get cardChannel(): string {
    return this.options.config.reviewChannel;
  }

  /** The HTTP receiver's port (HTTP mode only), e.g. when PORT=0. */
  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  async start(inbox: SurfaceInbox): Promise<void> {
    const { config } = this.options;
    const logger = boltLogger(this.log);
    const clientOptions = {
      ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
      // Always explicit: left unset, the Socket Mode client writes 100 retries into these options.
      retryConfig: this.options.retryConfig ?? DEFAULT_RETRY,
    };
    const inner: Receiver = config.appToken
      ? this.watchedSocket(new SocketModeReceiver({ appToken: config.appToken, logger, installerOptions: { clientOptions } }))
      : new HTTPReceiver({ signingSecret: config.signingSecret ?? '', logger, port: config.port, customRoutes: [...(this.options.httpRoutes ?? [])] });
    const intake = { inbox, context: this.context, log: this.log, received: (channel: string, ts: string) => this.react(channel, ts, 'eyes') };
    const receiver = new IntakeFirstReceiver(inner, (body) => slackIntake(body, intake), this.log);
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
    intake.context = this.context;
    registerReviewListeners(app, inbox, config.reviewChannel, this.log);

    // A deep accept queue: when the event loop falls behind, Slack's connections wait in it to be acked late,
    // instead of overflowing Node's default 511 and being dropped, which costs each one seconds of TCP backoff.
    const started = config.appToken ? await app.start() : await app.start({ port: config.port, backlog: HTTP_BACKLOG });
    if (!config.appToken) this.server = started as Server;
    this.log.info(
      { mode: config.appToken ? 'socket' : 'http', port: this.port, botUserId: this.context.botUserId },
      'slack adapter started',
    );
  }

  async stop(): Promise<void> {
    await this.app?.stop();
    this.app = null;
    this.socketConnected = false;
  }

  connectionProblem(): string | null {
    if (!this.app) return 'not started';
    if (this.options.config.appToken) return this.socketConnected && this.socketOpen() ? null : 'socket mode not connected';
    return this.server?.listening ? null : 'http receiver not listening';
  }

  /** Follows the Socket Mode client's connection state (its events: the only public view of it). */
  private watchedSocket(receiver: SocketModeReceiver): SocketModeReceiver {
    // readyState, not isActive(): the latter writes a debug line per call, one per probe.
    this.socketOpen = () => receiver.client.websocket?.readyState === WEBSOCKET_OPEN;
    receiver.client.on('connected', () => (this.socketConnected = true));
    for (const state of ['disconnecting', 'disconnected', 'reconnecting']) receiver.client.on(state, () => (this.socketConnected = false));
    return receiver;
  }

  async postCard(channelId: string, card: Card): Promise<Posted> {
    const posted = await this.client().chat.postMessage({ channel: channelId, ...slackCard(card), unfurl_links: false, metadata: cardMetadata(card.ticketId) });
    return { messageId: String(posted.ts) };
  }

  async updateCard(channelId: string, messageId: string, card: Card): Promise<void> {
    await this.client().chat.update({ channel: channelId, ts: messageId, ...slackCard(card), metadata: cardMetadata(card.ticketId) });
  }

  findCard(channelId: string, ticketId: number, since: Date): Promise<string | null> {
    return findCard(this.client(), this.context, channelId, ticketId, since);
  }

  /** Users as `<@U…>`, user groups as `<!subteam^S…>`: Slack notifies both. */
  async postNotice(channelId: string, text: RichText, mention: Mention | null): Promise<Posted> {
    const mentions = [...(mention?.users ?? []).map((id) => `<@${id}>`), ...(mention?.groups ?? []).map((id) => `<!subteam^${id}>`)];
    const body = renderRichText(text, SLACK_DIALECT);
    const posted = await this.client().chat.postMessage({ channel: channelId, text: mentions.length > 0 ? `${mentions.join(' ')} ${body}` : body, unfurl_links: false });
    return { messageId: String(posted.ts) };
  }

  /**
   * Slack has no idempotency key for posts, so each chunk carries the key in
   * its message metadata: after a crash or an error mid-send, `findReply`
   * looks for it in the thread before anyone sends again.
   */
  async postReply(thread: ThreadRef, text: string, idempotencyKey: string): Promise<Posted> {
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
  findReply(thread: ThreadRef, reply: { idempotencyKey: string; since: Date }): Promise<Posted | null> {
    return findReply(this.client(), this.context, thread, reply);
  }

  async mark(thread: ThreadRef, messageId: string, mark: MessageMark): Promise<void> {
    // A quiet close needs no reaction of its own: the urgency one says it was seen.
    if (mark.kind === 'closed') return;
    const name = mark.kind === 'answered' ? 'white_check_mark' : mark.kind === 'urgency' ? urgencyReaction(mark.urgency) : 'eyes';
    return this.react(thread.channelId, messageId, name);
  }

  rolesOf(userId: string, among: readonly string[]): Promise<string[]> {
    return this.groups.of(userId, among);
  }

  postReport(channelId: string, report: WeeklyReport, chart: Uint8Array): Promise<Posted> {
    return postWeeklyReport(this.client(), this.log, this.workspaceUrl, channelId, report, chart);
  }

  postBudgetAlert(channelId: string, alert: BudgetAlert): Promise<Posted> {
    return postBudgetAlert(this.client(), channelId, alert);
  }

  postModelAlert(channelId: string, alert: ModelAlert): Promise<Posted> {
    return postModelAlert(this.client(), channelId, alert);
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
}
