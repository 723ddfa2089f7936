import type { APIUser } from 'discord.js';
import type { FakeDiscordConfig } from './config.js';
import { interactionToken, snowflake } from './ids.js';
import { buildMessage } from './messages.js';
import { memberObject, memberPermissions, partialMemberObject, restMessage, type ChannelObject } from './objects.js';
import { noteNewMessage } from './routes/lookups.js';
import type { FakeDiscordState, StoredMessage } from './state.js';
import type { ButtonInteractionFields, CommandInteractionFields, MessageCreateFields, ModalSubmitInteractionFields } from './types.js';

/**
 * Builders for what Discord sends a bot: a MESSAGE_CREATE from a user (with `member`, `mentions`
 * and `channel_type`, as the gateway delivers it), and INTERACTION_CREATE payloads for buttons,
 * modal submits and slash commands, with every field discord.js reads (`entitlements`,
 * `authorizing_integration_owners`, `channel`, `app_permissions`, …).
 */

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

function requireChannel(state: FakeDiscordState, id: string): ChannelObject {
  const channel = state.channels.get(id);
  if (!channel) throw new Error(`fake Discord: unknown channel ${id} (seed it in options.channels, or create it through REST first)`);
  return channel;
}

/** A user's message as MESSAGE_CREATE carries it. Registers the author (and a DM channel for guild:false). */
export function userMessage(state: FakeDiscordState, fields: MessageCreateFields): { message: Record<string, unknown>; isGuild: boolean } {
  const known = state.channels.get(fields.channelId);
  const isGuild = fields.guild ?? (known ? known.type !== 1 : true);
  const user = state.ensureUser(fields.authorId, fields.username, fields.bot);
  const channel = isGuild ? requireChannel(state, fields.channelId) : state.ensureDmChannel(user, fields.channelId);
  const member = isGuild ? state.ensureMember(user, undefined) : undefined;
  const stored = buildMessage(state, {
    ...(fields.id ? { id: fields.id } : {}),
    channelId: channel.id,
    guildId: isGuild ? state.config.guildId : undefined,
    author: user,
    body: {
      content: fields.content,
      ...(fields.nonce !== undefined ? { nonce: fields.nonce } : {}),
      ...(fields.replyToMessageId ? { message_reference: { message_id: fields.replyToMessageId } } : {}),
    },
    files: [],
    allowEmpty: true,
  });
  noteNewMessage(channel, stored.id);
  const message: Record<string, unknown> = { ...stored, ...(member ? { member: partialMemberObject(member) } : {}), channel_type: channel.type };
  return { message, isGuild };
}

function partialChannel(channel: ChannelObject): Record<string, unknown> {
  if (channel.type === 1) return { id: channel.id, type: 1, last_message_id: channel.last_message_id ?? null, flags: 0, recipients: channel.recipients };
  const keys = ['id', 'name', 'type', 'last_message_id', 'last_pin_timestamp', 'nsfw', 'parent_id', 'guild_id', 'flags', 'rate_limit_per_user', 'topic', 'position', 'thread_metadata'];
  return { ...Object.fromEntries(keys.filter((key) => key in channel).map((key) => [key, channel[key]])), permissions: ((1n << 53n) - 1n).toString() };
}

interface Invoker {
  userId: string;
  username?: string;
  roles?: string[];
  channelId: string;
  guild?: boolean;
}

/** The fields every interaction has: ids, token, channel, member (guild) or user (DM), permissions, locale, … */
function baseInteraction(config: FakeDiscordConfig, state: FakeDiscordState, invoker: Invoker, type: number, data: object): Record<string, unknown> {
  const known = state.channels.get(invoker.channelId);
  const isGuild = invoker.guild ?? (known ? known.type !== 1 : true);
  const user: APIUser = state.ensureUser(invoker.userId, invoker.username, undefined);
  const channel = isGuild ? requireChannel(state, invoker.channelId) : state.ensureDmChannel(user, invoker.channelId);
  const id = snowflake();
  const common = {
    id,
    application_id: config.applicationId,
    type,
    data,
    channel: partialChannel(channel),
    channel_id: channel.id,
    token: interactionToken(id),
    version: 1,
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
  if (!isGuild) {
    return { ...common, user, app_permissions: '562949953601536', authorizing_integration_owners: { 0: '0' }, context: 1 };
  }
  const member = state.ensureMember(user, invoker.roles);
  return {
    ...common,
    guild: { id: config.guildId, locale: 'en-US', features: ['COMMUNITY'] },
    guild_id: config.guildId,
    guild_locale: 'en-US',
    member: { ...memberObject(member), permissions: memberPermissions(config, member.roles) },
    app_permissions: memberPermissions(config, [config.botRoleId]),
    authorizing_integration_owners: { 0: config.guildId },
    context: 0,
  };
}

/** The message a component sits on: the stored one, or a bot message with that button, stored for later updates. */
function componentMessage(config: FakeDiscordConfig, state: FakeDiscordState, channelId: string, messageId: string, customId: string): StoredMessage {
  const existing = state.messageStore.get(messageId);
  if (existing) return existing;
  const channel = state.channels.get(channelId);
  const guildId = channel && state.isGuildChannel(channel) ? config.guildId : undefined;
  return buildMessage(state, {
    id: messageId,
    channelId,
    guildId,
    author: state.user(config.botUserId),
    body: { content: '', components: [{ type: 1, components: [{ type: 2, style: 1, label: customId, custom_id: customId }] }] },
    files: [],
  });
}

export function buttonInteraction(config: FakeDiscordConfig, state: FakeDiscordState, fields: ButtonInteractionFields): Record<string, unknown> {
  const base = baseInteraction(config, state, fields, 3, { custom_id: fields.customId, component_type: 2 });
  const message = componentMessage(config, state, String(base.channel_id), fields.messageId, fields.customId);
  return { ...base, message: restMessage(message) };
}

export function modalSubmitInteraction(config: FakeDiscordConfig, state: FakeDiscordState, fields: ModalSubmitInteractionFields): Record<string, unknown> {
  let componentId = 0;
  const rows = Object.entries(fields.values).map(([customId, value]) => ({
    type: 1,
    id: ++componentId,
    components: [{ type: 4, id: ++componentId, custom_id: customId, value }],
  }));
  const base = baseInteraction(config, state, fields, 5, { custom_id: fields.customId, components: rows });
  if (!fields.messageId) return base;
  const message = componentMessage(config, state, String(base.channel_id), fields.messageId, fields.customId);
  return { ...base, message: restMessage(message) };
}

export function commandInteraction(config: FakeDiscordConfig, state: FakeDiscordState, fields: CommandInteractionFields): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- registered command objects
  const registered = state.commands.filter((command: any) => command.name === fields.name && command.type === 1);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- registered command objects
  const command = registered.find((entry: any) => entry.guild_id === config.guildId) ?? registered.find((entry: any) => !entry.guild_id);
  const options = (fields.options ?? []) as { type?: number; value?: unknown }[];
  const userIds = options.filter((option) => option.type === 6 && typeof option.value === 'string').map((option) => String(option.value));
  const users = Object.fromEntries(userIds.flatMap((id) => (state.users.has(id) ? [[id, state.user(id)]] : [])));
  const members = Object.fromEntries(
    userIds.flatMap((id) => {
      const member = state.members.get(id);
      return member ? [[id, { ...partialMemberObject(member), permissions: memberPermissions(config, member.roles) }]] : [];
    }),
  );
  const data = {
    id: command?.id ?? snowflake(),
    name: fields.name,
    type: 1,
    ...(fields.options ? { options: fields.options } : {}),
    ...(userIds.length ? { resolved: { users, members } } : {}),
    ...(command?.guild_id ? { guild_id: command.guild_id } : {}),
  };
  return baseInteraction(config, state, fields, 2, data);
}
