/**
 * The Discord surface: a discord.js v14 client (guilds, guild messages,
 * message content, direct messages). It verifies, parses and renders; the
 * review desk (src/desk/) decides. Customer messages reach the desk's inbox
 * from the raw gateway dispatch (intake.ts); buttons, modals and /triage
 * become the desk's interaction events (interaction.ts); cards are embeds
 * with buttons in DISCORD_REVIEW_CHANNEL (format.ts), posted once and edited
 * in place.
 */
import { Client, Events, GatewayIntentBits, Partials, Routes, type Interaction } from 'discord.js';
import type { DiscordConfig } from '../../src/config.js';
import type { BudgetAlert, ModelAlert, ThreadRef, TicketSpend, WeeklyReport } from '../../src/domain/index.js';
import { PlatformError } from '../../src/errors.js';
import type { Logger } from '../../src/logger.js';
import type { Mention, Posted, ReportPublisher, Surface, SurfaceInbox } from '../../src/ports/surface.js';
import type { Card } from '../../src/present/card.js';
import { renderRichText, type RichText } from '../../src/present/rich-text.js';
import { CHART_FILE_NAME } from '../../src/present/report-numbers.js';
import { discordError } from './errors.js';
import { discordCard } from './format.js';
import { DISCORD_DIALECT } from './rich-text.js';
import { GatewayIntake, type RawPacket } from './intake.js';
import { interactionEvent } from './interaction.js';
import { cardNonce, findCard, findReply } from './lookups.js';
import { replyPayloads } from './replies.js';
import { budgetAlertEmbeds, modelAlertEmbeds, weeklyReportEmbeds } from './report-format.js';

export interface DiscordAdapterOptions {
  config: DiscordConfig;
  logger: Logger;
}

export class DiscordAdapter implements Surface, ReportPublisher {
  readonly platform = 'discord' as const;
  readonly cardChannel: string;
  private client: Client | null = null;
  private readonly log: Logger;

  constructor(private readonly options: DiscordAdapterOptions) {
    this.log = options.logger.child({ component: 'discord' });
    this.cardChannel = options.config.reviewChannel;
  }

  async start(inbox: SurfaceInbox): Promise<void> {
    const { config } = this.options;
    const client = new Client({
      // This process's shards (all of them unless DISCORD_SHARD_IDS picks some): each replica runs its own.
      shards: config.shards.ids,
      shardCount: config.shards.count,
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages],
      partials: [Partials.Channel],
      rest: {
        ...(config.apiUrl ? { api: config.apiUrl } : {}),
        // With the repo's undici 7 override, @discordjs/rest's own transport cannot send
        // multipart uploads built with Node's FormData ("action is not a function"); the
        // global fetch pairs FormData with its own undici, so attachments (the report chart) work.
        makeRequest: fetch as never,
      },
    });
    this.client = client;
    const intake = new GatewayIntake(client, inbox, config, this.log);
    // One packet at a time, in the gateway's order: an edit or a delete never overtakes the message it changes.
    let intakeChain = Promise.resolve();
    client.on(Events.Raw, (packet: RawPacket) => {
      intakeChain = intakeChain
        .then(() => intake.handle(packet))
        .catch((error: unknown) => this.log.error({ err: error, event: packet.t }, 'discord message not stored'));
    });
    client.on(Events.InteractionCreate, (interaction) => void this.onInteraction(inbox, interaction));
    client.on(Events.Error, (error) => this.log.error({ err: error }, 'discord client error'));
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(config.token);
    await ready;
    this.log.info({ botUserId: client.user?.id, applicationId: client.application?.id }, 'discord adapter started');
  }

  /** Ready means the gateway session is up (READY received, not reconnecting). */
  connectionProblem(): string | null {
    if (!this.client) return 'not started';
    return this.client.isReady() ? null : 'gateway not ready';
  }

  async stop(): Promise<void> {
    await this.client?.destroy();
    this.client = null;
  }

  /** The nonce makes Discord itself return the first card if this post is a retry within its window. */
  async postCard(channelId: string, card: Card): Promise<Posted> {
    const body = { ...discordCard(card), nonce: cardNonce(card.ticketId), enforce_nonce: true };
    const posted = (await this.requireClient().rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
    return { messageId: posted.id };
  }

  async updateCard(channelId: string, messageId: string, card: Card): Promise<void> {
    await this.requireClient().rest.patch(Routes.channelMessage(channelId, messageId), { body: discordCard(card) });
  }

  /** A card whose post a crash cut off, found by the ticket id its buttons and title carry (see lookups.ts). */
  findCard(channelId: string, ticketId: number, since: Date): Promise<string | null> {
    return findCard(this.requireClient(), channelId, ticketId, since);
  }

  /** Ticket threads and forum posts take the reply in the thread; DMs in the DM channel. */
  async postReply(thread: ThreadRef, text: string, idempotencyKey: string): Promise<Posted> {
    const rest = this.requireClient().rest;
    let first: string | null = null;
    for (const body of replyPayloads(text, idempotencyKey)) {
      const message = (await rest.post(Routes.channelMessages(thread.threadId), { body }).catch((error: unknown) => {
        throw discordError(error, 'posting the reply');
      })) as { id: string };
      first ??= message.id;
    }
    if (first === null) throw new PlatformError('discord', null, 'the reply is empty');
    return { messageId: first };
  }

  /** A reply posted with this key, found in the thread (see lookups.ts). */
  findReply(thread: ThreadRef, reply: { text: string; idempotencyKey: string; since: Date }): Promise<Posted | null> {
    return findReply(this.requireClient(), thread, reply);
  }

  /** The report as an embed with the chart attached and shown as its image, in one message. */
  async postReport(channelId: string, report: WeeklyReport, chart: Uint8Array): Promise<Posted> {
    const message = weeklyReportEmbeds(report, { ticketLink: (ticket) => this.ticketLink(ticket), chartFileName: CHART_FILE_NAME });
    const posted = (await this.requireClient().rest.post(Routes.channelMessages(channelId), {
      body: { ...message, attachments: [{ id: 0, filename: CHART_FILE_NAME, description: `Daily spend by tier, week of ${report.week.start}` }] },
      files: [{ name: CHART_FILE_NAME, data: Buffer.from(chart), contentType: 'image/png' }],
    })) as { id: string };
    return { messageId: posted.id };
  }

  /** Users as `<@id>`, roles as `<@&id>`; `allowed_mentions` names exactly them, so only they are pinged. */
  async postNotice(channelId: string, text: RichText, mention: Mention | null): Promise<Posted> {
    const users = [...(mention?.users ?? [])];
    const roles = [...(mention?.groups ?? [])];
    const prefix = [...users.map((id) => `<@${id}>`), ...roles.map((id) => `<@&${id}>`)].join(' ');
    const body = renderRichText(text, DISCORD_DIALECT);
    const posted = (await this.requireClient()
      .rest.post(Routes.channelMessages(channelId), { body: { content: prefix ? `${prefix} ${body}` : body, allowed_mentions: { parse: [], users, roles } } })
      .catch((error: unknown) => {
        throw discordError(error, 'posting a notice');
      })) as { id: string };
    return { messageId: posted.id };
  }

  async postBudgetAlert(channelId: string, alert: BudgetAlert): Promise<Posted> {
    const posted = (await this.requireClient().rest.post(Routes.channelMessages(channelId), { body: budgetAlertEmbeds(alert) })) as { id: string };
    return { messageId: posted.id };
  }

  async postModelAlert(channelId: string, alert: ModelAlert): Promise<Posted> {
    const posted = (await this.requireClient().rest.post(Routes.channelMessages(channelId), { body: modelAlertEmbeds(alert) })) as { id: string };
    return { messageId: posted.id };
  }

  /** A Discord ticket's thread (or DM) as a jump link; tickets from elsewhere have none here. */
  private ticketLink(ticket: TicketSpend): string | null {
    if (ticket.platform !== 'discord') return null;
    const channel = this.client?.channels.cache.get(ticket.channelId);
    if (channel && 'guildId' in channel && channel.guildId) return `https://discord.com/channels/${channel.guildId}/${ticket.threadId}`;
    if (channel?.isDMBased()) return `https://discord.com/channels/@me/${ticket.channelId}`;
    return null;
  }

  /** Ours (a card's button, its modal, /triage) goes to the desk; anything else is ignored. */
  private async onInteraction(inbox: SurfaceInbox, interaction: Interaction): Promise<void> {
    try {
      const event = interactionEvent(interaction);
      if (!event) {
        this.log.debug({ interactionId: interaction.id, type: interaction.type }, 'discord interaction ignored');
        return;
      }
      await inbox.interact(event);
      this.log.debug({ interactionId: interaction.id, kind: event.kind }, 'discord interaction handled');
    } catch (error) {
      this.log.error({ err: error, interactionId: interaction.id }, 'interaction failed');
    }
  }

  private requireClient(): Client {
    if (!this.client) throw new Error('Discord adapter is not started');
    return this.client;
  }
}
