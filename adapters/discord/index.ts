/**
 * The Discord adapter: a discord.js v14 client (guilds, guild messages,
 * message content, direct messages). Messages are read from the raw gateway
 * dispatch and stored synchronously (a replay after RESUME finds them stored
 * and does nothing); each ticket in a support text channel gets its own
 * thread; review messages in DISCORD_REVIEW_CHANNEL carry Approve / Edit /
 * Reject / Escalate, and are edited in place from outcomes.
 */
import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  Routes,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { DiscordConfig } from '../../src/config.js';
import { parseTicketId } from '../../src/domain/index.js';
import type { BudgetAlert, ModelAlert, ReviewActionKind, ThreadRef, TicketOutcome, TicketSpend, WeeklyReport } from '../../src/domain/index.js';
import type { Logger } from '../../src/logger.js';
import { isQuietlyClosed, outcomeView } from '../../src/present/outcome-view.js';
import { CHART_FILE_NAME } from '../../src/present/report-numbers.js';
import type { AdapterCore, ChatAdapter, ReportPublisher } from '../../src/ports/surface.js';
import { CUSTOM_IDS, infoMessage, parseCustomId, resolvedMessage, reviewMessage } from './format.js';
import { statusText, todayText } from './commands.js';
import { editModal, rejectModal } from './modals.js';
import { replyPayloads } from './replies.js';
import { discordError } from './errors.js';
import { cardNonce, findCard, findReply } from './lookups.js';
import { PlatformError } from '../../src/errors.js';
import { budgetAlertEmbeds, modelAlertEmbeds, weeklyReportEmbeds } from './report-format.js';
import { truncate } from './limits.js';
import { parseMessageCreate, parseMessageDelete, parseMessageUpdate, type DiscordChannelInfo, type DiscordContext, type DiscordIntake } from './parse.js';
import { DiscordReviewerAccess } from './reviewer-access.js';

export interface DiscordAdapterOptions {
  config: DiscordConfig;
  logger: Logger;
}

const REFUSAL = 'You are not one of the reviewers for support replies, so nothing was changed.';

const THREAD_NAME_MAX = 100;

interface RawPacket {
  t: string | null;
  d: unknown;
}

export class DiscordAdapter implements ChatAdapter, ReportPublisher {
  readonly platform = 'discord' as const;
  private client: Client | null = null;
  private core: AdapterCore | null = null;
  private readonly access: DiscordReviewerAccess;
  private readonly log: Logger;

  constructor(private readonly options: DiscordAdapterOptions) {
    this.log = options.logger.child({ component: 'discord' });
    this.access = new DiscordReviewerAccess(options.config.reviewerRoles, options.config.reviewers);
  }

  async start(core: AdapterCore): Promise<void> {
    const { config } = this.options;
    this.core = core;
    const client = new Client({
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMessages,
        GatewayIntentBits.MessageContent,
        GatewayIntentBits.DirectMessages,
      ],
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
    client.on(Events.Raw, (packet: RawPacket) => this.onDispatch(packet));
    client.on(Events.InteractionCreate, (interaction) => {
      void this.onInteraction(interaction).catch((error: unknown) => this.log.error({ err: error }, 'interaction failed'));
    });
    client.on(Events.Error, (error) => this.log.error({ err: error }, 'discord client error'));
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(config.token);
    await ready;
    this.log.info({ botUserId: client.user?.id, applicationId: client.application?.id }, 'discord adapter started');
  }

  async stop(): Promise<void> {
    await this.client?.destroy();
    this.client = null;
  }

  /** Ticket threads and forum posts take the reply in the thread; DMs in the DM channel. */
  async postReply(thread: ThreadRef, text: string, idempotencyKey: string): Promise<{ messageId: string }> {
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
  findReply(thread: ThreadRef, reply: { text: string; idempotencyKey: string; since: Date }): Promise<{ messageId: string } | null> {
    return findReply(this.requireClient(), thread, reply);
  }

  async presentOutcome(outcome: TicketOutcome): Promise<void> {
    const { ticket } = outcome;
    const rest = this.requireClient().rest;
    const core = this.requireCore();
    const existing = core.latestCard(ticket.id, 'discord');
    if (isQuietlyClosed(outcome) && !existing) return;
    const body = this.messageFor(outcome);
    // A post cut off by a crash may have landed: look for it before posting another.
    const messageId = existing?.messageId ?? (existing ? await findCard(this.requireClient(), existing.channelId, ticket.id, existing.since) : null);
    if (existing && messageId) {
      if (existing.messageId === null) core.cardPosted(existing.markId, messageId);
      await rest.patch(Routes.channelMessage(existing.channelId, messageId), { body });
      return;
    }
    const channelId = this.options.config.reviewChannel;
    const markId = existing?.markId ?? core.cardPosting({ ticketId: ticket.id, platform: 'discord', channelId });
    // The nonce makes Discord itself return the first card if this post is a retry within its window.
    const posted = (await rest.post(Routes.channelMessages(channelId), { body: { ...body, nonce: cardNonce(ticket.id), enforce_nonce: true } })) as { id: string };
    core.cardPosted(markId, posted.id);
  }

  /** The report as an embed with the chart attached and shown as its image, in one message. */
  async postReport(channelId: string, report: WeeklyReport, chart: Uint8Array): Promise<{ messageId: string }> {
    const message = weeklyReportEmbeds(report, { ticketLink: (ticket) => this.ticketLink(ticket), chartFileName: CHART_FILE_NAME });
    const posted = (await this.requireClient().rest.post(Routes.channelMessages(channelId), {
      body: { ...message, attachments: [{ id: 0, filename: CHART_FILE_NAME, description: `Daily spend by tier, week of ${report.week.start}` }] },
      files: [{ name: CHART_FILE_NAME, data: Buffer.from(chart), contentType: 'image/png' }],
    })) as { id: string };
    return { messageId: posted.id };
  }

  async postBudgetAlert(channelId: string, alert: BudgetAlert): Promise<{ messageId: string }> {
    const posted = (await this.requireClient().rest.post(Routes.channelMessages(channelId), { body: budgetAlertEmbeds(alert) })) as { id: string };
    return { messageId: posted.id };
  }

  async postModelAlert(channelId: string, alert: ModelAlert): Promise<{ messageId: string }> {
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

  private messageFor(outcome: TicketOutcome) {
    const view = outcomeView(outcome);
    if (view.kind === 'review') return reviewMessage(outcome);
    return view.kind === 'resolved' ? resolvedMessage(outcome, view.resolution) : infoMessage(outcome);
  }

  private context(): DiscordContext {
    const client = this.requireClient();
    const { config } = this.options;
    return {
      botUserId: client.user?.id ?? '',
      supportChannels: config.supportChannels,
      reviewChannel: config.reviewChannel,
      channelInfo: (channelId) => this.channelInfo(channelId),
      isTicketThread: (channelId) => {
        const info = this.channelInfo(channelId);
        return info?.parentId
          ? this.requireCore().hasTicket({ platform: 'discord', channelId: info.parentId, threadId: channelId })
          : false;
      },
    };
  }

  private channelInfo(channelId: string): DiscordChannelInfo | null {
    const channel = this.client?.channels.cache.get(channelId);
    if (!channel) return null;
    if (channel.isThread()) return { type: 'thread', parentId: channel.parentId, name: channel.name };
    if (channel.isDMBased()) return { type: 'dm', parentId: null };
    if (channel.isTextBased()) return { type: 'text', parentId: null, name: 'name' in channel ? channel.name : null };
    // Forum (15) and media (16) channels hold posts, which are threads.
    if (channel.type === 15 || channel.type === 16) return { type: 'forum', parentId: null, name: channel.name };
    return { type: 'other', parentId: null };
  }

  /** Synchronous on purpose: the message is stored before anything else happens. */
  private onDispatch(packet: RawPacket): void {
    if (!this.core || !this.client) return;
    let parsed: DiscordIntake;
    if (packet.t === 'MESSAGE_CREATE') parsed = parseMessageCreate(packet.d, this.context());
    else if (packet.t === 'MESSAGE_UPDATE') parsed = parseMessageUpdate(packet.d, this.context());
    else if (packet.t === 'MESSAGE_DELETE') parsed = parseMessageDelete(packet.d, this.context());
    else return;
    switch (parsed.kind) {
      case 'ignore':
        this.log.debug({ reason: parsed.reason }, 'discord message ignored');
        return;
      case 'edit':
        this.core.messageEdited(parsed.ref, parsed.text, parsed.at);
        return;
      case 'delete':
        this.core.messageDeleted(parsed.ref, parsed.at);
        return;
      case 'message': {
        const received = this.core.receive(parsed.message);
        if (!received.isNew) {
          this.log.info({ ticketId: received.ticketId, messageId: parsed.message.messageId }, 'replayed discord message ignored');
          return;
        }
        if (parsed.opensThread) {
          const { channelId, threadId } = parsed.message.thread;
          const name = truncate(`Ticket #${received.ticketId}: ${parsed.message.subject ?? parsed.message.text}`.replace(/\s+/g, ' '), THREAD_NAME_MAX);
          void this.openThread(channelId, threadId, name);
        }
        return;
      }
    }
  }

  private async openThread(channelId: string, messageId: string, name: string): Promise<void> {
    try {
      await this.requireClient().rest.post(Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: 10_080 } });
    } catch (error) {
      // The ticket is stored either way; a reply then goes to the thread Discord makes on first post.
      this.log.warn({ err: error, channelId, messageId }, 'could not open the ticket thread');
    }
  }

  private async onInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand()) return this.onCommand(interaction);
    if (interaction.isButton()) return this.onButton(interaction);
    if (interaction.isModalSubmit()) return this.onModal(interaction);
  }

  private memberRoles(interaction: ButtonInteraction | ModalSubmitInteraction | ChatInputCommandInteraction): string[] {
    const roles = interaction.member?.roles;
    if (!roles) return [];
    return Array.isArray(roles) ? roles : [...roles.cache.keys()];
  }

  private allowed(interaction: ButtonInteraction | ModalSubmitInteraction | ChatInputCommandInteraction): boolean {
    return this.access.allows(interaction.user.id, this.memberRoles(interaction));
  }

  private async onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    if (interaction.commandName !== 'triage') return;
    if (!this.allowed(interaction)) {
      await interaction.reply({ content: REFUSAL, flags: MessageFlags.Ephemeral });
      return;
    }
    const core = this.requireCore();
    const sub = interaction.options.getSubcommand(false);
    let content: string;
    if (sub === 'status') {
      // Discord checks the integer option, but the interaction is input all the same: parse it strictly.
      const raw = interaction.options.getInteger('ticket', true);
      const id = parseTicketId(String(raw));
      const outcome = id === null ? null : core.status(id);
      content = outcome ? statusText(outcome) : `No ticket #${truncate(String(raw), 30)}.`;
    } else {
      content = todayText(core.today());
    }
    await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  }

  private async onButton(interaction: ButtonInteraction): Promise<void> {
    const parsed = parseCustomId(interaction.customId);
    if (!parsed) return;
    if (!this.allowed(interaction)) {
      await interaction.reply({ content: REFUSAL, flags: MessageFlags.Ephemeral });
      return;
    }
    const { ticketId } = parsed;
    if (parsed.base === CUSTOM_IDS.edit || parsed.base === CUSTOM_IDS.reject) {
      const outcome = this.requireCore().status(ticketId);
      if (!outcome || outcome.ticket.status !== 'awaiting_review') {
        await interaction.reply({ content: `Ticket #${ticketId} was already handled.`, flags: MessageFlags.Ephemeral });
        return;
      }
      await interaction.showModal(parsed.base === CUSTOM_IDS.edit ? editModal(ticketId, outcome.draft?.reply ?? '') : rejectModal(ticketId));
      return;
    }
    const action: ReviewActionKind | null =
      parsed.base === CUSTOM_IDS.approve ? 'approve' : parsed.base === CUSTOM_IDS.escalate ? 'escalate' : null;
    if (!action) return;
    // Acknowledge within Discord's 3 s; the card is edited when the outcome arrives.
    await interaction.deferUpdate();
    await this.act(interaction, { ticketId, reviewerId: interaction.user.id, action });
  }

  private async onModal(interaction: ModalSubmitInteraction): Promise<void> {
    const parsed = parseCustomId(interaction.customId);
    if (!parsed || (parsed.base !== CUSTOM_IDS.editModal && parsed.base !== CUSTOM_IDS.rejectModal)) return;
    if (!this.allowed(interaction)) {
      await interaction.reply({ content: REFUSAL, flags: MessageFlags.Ephemeral });
      return;
    }
    const isEdit = parsed.base === CUSTOM_IDS.editModal;
    const value = interaction.fields.getTextInputValue(isEdit ? CUSTOM_IDS.draftInput : CUSTOM_IDS.reasonInput).trim();
    if (!value) {
      await interaction.reply({ content: 'That cannot be empty; nothing was changed.', flags: MessageFlags.Ephemeral });
      return;
    }
    if (interaction.isFromMessage()) await interaction.deferUpdate();
    else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await this.act(interaction, {
      ticketId: parsed.ticketId,
      reviewerId: interaction.user.id,
      action: isEdit ? 'edit' : 'reject',
      ...(isEdit ? { text: value } : { reason: value }),
    });
  }

  private async act(
    interaction: ButtonInteraction | ModalSubmitInteraction,
    request: { ticketId: number; reviewerId: string; action: ReviewActionKind; text?: string; reason?: string },
  ): Promise<void> {
    const result = await this.requireCore().review(request);
    if (!result.ok) {
      await interaction.followUp({ content: result.message, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    } else if (interaction.isModalSubmit() && !interaction.isFromMessage()) {
      await interaction.editReply({ content: `Done: ticket #${request.ticketId} is now ${result.ticket.status}.` });
    }
    // On success the workflow calls presentOutcome, which edits the review message.
  }

  private requireClient(): Client {
    if (!this.client) throw new Error('Discord adapter is not started');
    return this.client;
  }

  private requireCore(): AdapterCore {
    if (!this.core) throw new Error('Discord adapter is not started');
    return this.core;
  }
}
