import { unknownChannel, unknownMessage } from '../errors.js';
import type { ChannelObject } from '../objects.js';
import type { StoredMessage } from '../state.js';
import type { RouteContext } from './types.js';

/** Lookups that fail the way Discord does (404 Unknown Channel / Unknown Message). */

const TEXT_BASED = new Set([0, 1, 2, 3, 5, 10, 11, 12, 13]);

export function requireChannel(context: RouteContext, id: string): ChannelObject {
  const channel = context.state.channels.get(id);
  if (!channel) throw unknownChannel();
  return channel;
}

export function isTextBased(channel: ChannelObject): boolean {
  return TEXT_BASED.has(channel.type);
}

export function isThread(channel: ChannelObject): boolean {
  return channel.type === 10 || channel.type === 11 || channel.type === 12;
}

export function requireMessage(context: RouteContext, channelId: string, messageId: string): StoredMessage {
  const message = context.state.messageStore.get(messageId);
  if (!message || message.channel_id !== channelId) throw unknownMessage();
  return message;
}

/** The guild id for messages in this channel, or undefined for DMs. */
export function guildIdOf(context: RouteContext, channel: ChannelObject): string | undefined {
  return context.state.isGuildChannel(channel) ? context.config.guildId : undefined;
}

/** Bumps a channel's last_message_id (and a thread's counters) after a message is created in it. */
export function noteNewMessage(channel: ChannelObject, messageId: string): void {
  channel.last_message_id = messageId;
  if (isThread(channel)) {
    channel.message_count = Number(channel.message_count ?? 0) + 1;
    channel.total_message_sent = Number(channel.total_message_sent ?? 0) + 1;
  }
}
