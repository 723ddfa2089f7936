/**
 * Gateway dispatches into the desk's inbox. Messages are read from the raw
 * MESSAGE_CREATE / MESSAGE_UPDATE / MESSAGE_DELETE and stored one packet at a
 * time in gateway order, before discord.js or anything else acts on them: a replay
 * after RESUME then finds them stored and does nothing. A new ticket from a
 * top-level message in a support text channel gets its own Discord thread
 * (how a ticket's conversation looks on Discord).
 */
import { Routes, type Client } from 'discord.js';
import type { DiscordConfig } from '../../src/config.js';
import type { Logger } from '../../src/logger.js';
import type { SurfaceInbox } from '../../src/ports/surface.js';
import { DISCORD_LIMITS as L, truncate } from './limits.js';
import { parseMessageCreate, parseMessageDelete, parseMessageUpdate, type DiscordChannelInfo, type DiscordContext, type DiscordIntake } from './parse.js';

export interface RawPacket {
  t: string | null;
  d: unknown;
}

/** A week: ticket threads stay open while the ticket is worked on. */
const THREAD_ARCHIVE_MINUTES = 10_080;

/** The id a dispatch names, for logs (the payload may be malformed). */
function packetId(packet: RawPacket): string | undefined {
  const id = (packet.d as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

export class GatewayIntake {
  constructor(
    private readonly client: Client,
    private readonly inbox: SurfaceInbox,
    private readonly config: DiscordConfig,
    private readonly log: Logger,
  ) {}

  /** Called one packet at a time (the adapter chains them): the message is stored before anything else happens. */
  async handle(packet: RawPacket): Promise<void> {
    let parsed: DiscordIntake;
    if (packet.t === 'MESSAGE_CREATE') parsed = await parseMessageCreate(packet.d, this.context());
    else if (packet.t === 'MESSAGE_UPDATE') parsed = parseMessageUpdate(packet.d, this.context());
    else if (packet.t === 'MESSAGE_DELETE') parsed = parseMessageDelete(packet.d, this.context());
    else return;
    switch (parsed.kind) {
      case 'ignore':
        this.log.debug({ event: packet.t, messageId: packetId(packet), reason: parsed.reason }, 'discord message ignored');
        return;
      case 'edit': {
        const stored = await this.inbox.edited(parsed.ref, parsed.text, parsed.at);
        this.log.debug({ messageId: parsed.ref.platformMessageId, stored }, 'discord message edited');
        return;
      }
      case 'delete': {
        const stored = await this.inbox.deleted(parsed.ref, parsed.at);
        this.log.debug({ messageId: parsed.ref.platformMessageId, stored }, 'discord message deleted');
        return;
      }
      case 'message': {
        const received = await this.inbox.receive(parsed.message);
        if (!received.isNew) {
          this.log.info({ ticketId: received.ticketId, messageId: parsed.message.messageId }, 'replayed discord message ignored');
          return;
        }
        if (parsed.opensThread) {
          const { channelId, threadId } = parsed.message.thread;
          const name = truncate(`Ticket #${received.ticketId}: ${parsed.message.subject ?? parsed.message.text}`.replace(/\s+/g, ' '), L.threadName);
          void this.openThread(channelId, threadId, name);
        }
        return;
      }
    }
  }

  private context(): DiscordContext {
    return {
      botUserId: this.client.user?.id ?? '',
      supportChannels: this.config.supportChannels,
      reviewChannel: this.config.reviewChannel,
      channelInfo: (channelId) => this.channelInfo(channelId),
      isTicketThread: async (channelId) => {
        const info = this.channelInfo(channelId);
        return info?.parentId ? await this.inbox.hasTicket({ platform: 'discord', channelId: info.parentId, threadId: channelId }) : false;
      },
    };
  }

  private channelInfo(channelId: string): DiscordChannelInfo | null {
    const channel = this.client.channels.cache.get(channelId);
    if (!channel) return null;
    if (channel.isThread()) return { type: 'thread', parentId: channel.parentId, name: channel.name };
    if (channel.isDMBased()) return { type: 'dm', parentId: null };
    if (channel.isTextBased()) return { type: 'text', parentId: null, name: 'name' in channel ? channel.name : null };
    // Forum (15) and media (16) channels hold posts, which are threads.
    if (channel.type === 15 || channel.type === 16) return { type: 'forum', parentId: null, name: channel.name };
    return { type: 'other', parentId: null };
  }

  /** Starts the ticket's thread from its first message (the thread gets the message's id). */
  private async openThread(channelId: string, messageId: string, name: string): Promise<void> {
    try {
      await this.client.rest.post(Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: THREAD_ARCHIVE_MINUTES } });
    } catch (error) {
      // The ticket is stored either way; a reply then goes to the thread Discord makes on first post.
      this.log.warn({ err: error, channelId, messageId }, 'could not open the ticket thread');
    }
  }
}
