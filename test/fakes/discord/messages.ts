import type { APIAttachment, APIEmbed, APIMessage, APIMessageTopLevelComponent, APIUser } from 'discord.js';
import { emptyMessage, throwIfInvalid, type FieldError } from './errors.js';
import { snowflake, snowflakeTime } from './ids.js';
import type { FakeDiscordState, StoredMessage } from './state.js';
import type { FakeMessage, RecordedFile } from './types.js';

/**
 * Messages: validating a create / edit body the way Discord does (length limits, empty messages,
 * unknown reply targets), building the stored message object, and keeping the bot's `messages` view in sync.
 */

export const MessageFlag = { SuppressEmbeds: 1 << 2, HasThread: 1 << 5, Ephemeral: 1 << 6, Loading: 1 << 7, IsComponentsV2: 1 << 15 } as const;

const MAX_CONTENT = 2000;
const MAX_EMBEDS = 10;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- request bodies are arbitrary JSON
export type Body = Record<string, any>;

export function asBody(value: unknown): Body {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : {};
}

/** Field checks shared by create and edit (only the fields present are checked). */
export function messageFieldErrors(body: Body, prefix: string[] = []): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof body.content === 'string' && [...body.content].length > MAX_CONTENT) {
    errors.push({ path: [...prefix, 'content'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_CONTENT} or fewer in length.` });
  }
  if (Array.isArray(body.embeds) && body.embeds.length > MAX_EMBEDS) {
    errors.push({ path: [...prefix, 'embeds'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_EMBEDS} or fewer in length.` });
  }
  return errors;
}

/** Whether a create body has something to show (content, embeds, components, files, stickers or a poll). */
export function hasVisibleContent(body: Body, files: RecordedFile[]): boolean {
  return (
    (typeof body.content === 'string' && body.content.length > 0) ||
    (Array.isArray(body.embeds) && body.embeds.length > 0) ||
    (Array.isArray(body.components) && body.components.length > 0) ||
    (Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0) ||
    body.poll !== undefined ||
    files.length > 0
  );
}

function attachmentsFrom(body: Body, files: RecordedFile[]): APIAttachment[] {
  const described = Array.isArray(body.attachments) ? (body.attachments as Body[]) : [];
  return files.map((file, index) => {
    const id = snowflake();
    const meta = described.find((entry) => String(entry.id) === String(index));
    return {
      id,
      filename: file.name,
      ...(meta?.description ? { description: String(meta.description) } : {}),
      ...(file.contentType ? { content_type: file.contentType } : {}),
      size: file.data.length,
      url: `https://cdn.discordapp.com/attachments/0/${id}/${encodeURIComponent(file.name)}`,
      proxy_url: `https://media.discordapp.net/attachments/0/${id}/${encodeURIComponent(file.name)}`,
    };
  });
}

interface Mentions {
  mentions: APIUser[];
  mention_roles: string[];
  mention_everyone: boolean;
}

/** Mentions parsed from content: <@id> / <@!id> users, <@&id> roles, @everyone / @here. */
export function parseMentions(state: FakeDiscordState, content: string, withMembers: boolean): Mentions {
  const userIds = [...new Set([...content.matchAll(/<@!?(\d+)>/g)].map((match) => match[1] ?? ''))];
  const mentions = userIds.flatMap((id) => {
    const user = state.users.get(id);
    if (!user) return [];
    const member = withMembers ? state.members.get(id) : undefined;
    return [member ? { ...user, member: { roles: member.roles, joined_at: member.joined_at, nick: null, avatar: null, flags: 0, pending: false, premium_since: null, communication_disabled_until: null, deaf: false, mute: false } } : user];
  });
  return {
    mentions,
    mention_roles: [...new Set([...content.matchAll(/<@&(\d+)>/g)].map((match) => match[1] ?? ''))],
    mention_everyone: /@(everyone|here)/.test(content),
  };
}

export interface MessageInit {
  id?: string;
  channelId: string;
  guildId: string | undefined;
  author: APIUser;
  body: Body;
  files: RecordedFile[];
  type?: number;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: APIMessage['interaction_metadata'];
  /** Skip the empty-message check (a deferred reply's placeholder). */
  allowEmpty?: boolean;
}

/** Validates a create body (throws the Discord error) and builds the stored message. */
export function buildMessage(state: FakeDiscordState, init: MessageInit): StoredMessage {
  const { body } = init;
  throwIfInvalid(messageFieldErrors(body));
  if (!init.allowEmpty && !hasVisibleContent(body, init.files)) throw emptyMessage();
  const reference = body.message_reference as Body | undefined;
  let referenced: StoredMessage | undefined;
  if (reference?.message_id !== undefined) {
    referenced = state.messageStore.get(String(reference.message_id));
    if (!referenced && reference.fail_if_not_exists !== false) {
      throwIfInvalid([{ path: ['message_reference'], code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' }]);
    }
  }
  const id = init.id ?? snowflake();
  const content = typeof body.content === 'string' ? body.content : '';
  const message: StoredMessage = {
    id,
    channel_id: init.channelId,
    ...(init.guildId ? { guild_id: init.guildId } : {}),
    author: init.author,
    content,
    timestamp: new Date(snowflakeTime(id)).toISOString(),
    edited_timestamp: null,
    tts: body.tts === true,
    ...parseMentions(state, content, init.guildId !== undefined),
    attachments: attachmentsFrom(body, init.files),
    embeds: Array.isArray(body.embeds) ? (body.embeds as APIEmbed[]) : [],
    pinned: false,
    type: init.type ?? (referenced ? 19 : 0),
    flags: typeof body.flags === 'number' ? body.flags : 0,
    components: Array.isArray(body.components) ? (body.components as APIMessageTopLevelComponent[]) : [],
    ...(body.nonce !== undefined && body.nonce !== null ? { nonce: body.nonce as string | number } : {}),
    ...(init.webhookId ? { webhook_id: init.webhookId } : {}),
    ...(init.applicationId ? { application_id: init.applicationId } : {}),
    ...(init.interactionMetadata ? { interaction_metadata: init.interactionMetadata } : {}),
    ...(reference?.message_id !== undefined
      ? {
          message_reference: { type: 0, message_id: String(reference.message_id), channel_id: init.channelId, ...(init.guildId ? { guild_id: init.guildId } : {}) },
          referenced_message: referenced ?? null,
        }
      : {}),
  };
  state.messageStore.set(id, message);
  return message;
}

/** Applies an edit body (only the fields present) and returns the updated message. */
export function applyEdit(state: FakeDiscordState, message: StoredMessage, body: Body, files: RecordedFile[]): StoredMessage {
  throwIfInvalid(messageFieldErrors(body));
  const updated: StoredMessage = { ...message, edited_timestamp: new Date().toISOString() };
  if ('content' in body) {
    updated.content = typeof body.content === 'string' ? body.content : '';
    Object.assign(updated, parseMentions(state, updated.content, message.guild_id !== undefined));
  }
  if ('embeds' in body) updated.embeds = Array.isArray(body.embeds) ? (body.embeds as APIEmbed[]) : [];
  if ('components' in body) updated.components = Array.isArray(body.components) ? (body.components as APIMessageTopLevelComponent[]) : [];
  if (typeof body.flags === 'number') {
    // Only SUPPRESS_EMBEDS (and IS_COMPONENTS_V2 once set) can change on edit; other flags stay.
    const editable = MessageFlag.SuppressEmbeds | MessageFlag.IsComponentsV2;
    updated.flags = ((message.flags ?? 0) & ~editable) | (body.flags & editable);
  }
  if ('attachments' in body || files.length > 0) {
    const kept = Array.isArray(body.attachments)
      ? message.attachments.filter((attachment) => (body.attachments as Body[]).some((entry) => String(entry.id) === attachment.id))
      : message.attachments;
    updated.attachments = [...kept, ...attachmentsFrom(body, files)];
  }
  if (!hasVisibleContent(updated as unknown as Body, []) && updated.attachments.length === 0) throw emptyMessage();
  state.messageStore.set(updated.id, updated);
  return updated;
}

/** Adds or refreshes the bot's record of a message it created or edited. */
export function recordBotMessage(state: FakeDiscordState, message: StoredMessage, body: Body, edited: boolean, interactionId?: string): FakeMessage {
  const existing = state.botMessage(message.id);
  const record: FakeMessage = {
    id: message.id,
    channel_id: message.channel_id,
    content: message.content,
    embeds: message.embeds,
    components: message.components ?? [],
    nonce: existing?.nonce ?? message.nonce,
    allowed_mentions: 'allowed_mentions' in body ? body.allowed_mentions : existing?.allowed_mentions,
    edited: edited || (existing?.edited ?? false),
    flags: message.flags ?? 0,
    message_reference: message.message_reference,
    attachments: message.attachments.map((attachment) => attachment.filename),
    interaction_id: interactionId ?? existing?.interaction_id,
  };
  if (existing) Object.assign(existing, record);
  else state.messages.push(record);
  return existing ?? record;
}

export function forgetBotMessage(state: FakeDiscordState, id: string): void {
  const index = state.messages.findIndex((message) => message.id === id);
  if (index >= 0) state.messages.splice(index, 1);
  state.messageStore.delete(id);
}
