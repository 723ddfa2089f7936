import { isRecord, jsonArg, stringArg, type Args } from '../args.js';
import type { FakeSlackConfig } from '../config.js';
import type { PostedMessage, SlackMessageMetadata } from '../types.js';
import { fail, ok, type ApiResult, type MethodSpec } from './types.js';

/** chat.postMessage, chat.update, chat.postEphemeral, chat.delete. */

const MAX_TEXT_LENGTH = 40_000;

export interface Content {
  text: string | undefined;
  blocks: unknown[] | undefined;
  attachments: unknown[] | undefined;
}

/** Reads text / blocks / attachments, or the documented error for bad or missing content. */
function readContent(args: Args): Content | ApiResult {
  const text = typeof args.text === 'string' && args.text !== '' ? args.text : undefined;
  const blocks = jsonArg(args, 'blocks');
  if (blocks.present && (!blocks.valid || !Array.isArray(blocks.value))) return fail('invalid_blocks_format');
  if (Array.isArray(blocks.value) && blocks.value.some((block) => typeof (block as { type?: unknown })?.type !== 'string')) {
    return fail('invalid_blocks', { errors: ['each block needs a string `type`'] });
  }
  const attachments = jsonArg(args, 'attachments');
  if (attachments.present && (!attachments.valid || !Array.isArray(attachments.value))) return fail('invalid_attachments');
  const content: Content = {
    text,
    blocks: Array.isArray(blocks.value) ? blocks.value : undefined,
    attachments: Array.isArray(attachments.value) ? attachments.value : undefined,
  };
  if (!content.text && !content.blocks?.length && !content.attachments?.length) return fail('no_text');
  if (content.text && content.text.length > MAX_TEXT_LENGTH) return fail('msg_too_long');
  return content;
}

function isError<T extends object>(value: T | ApiResult): value is ApiResult {
  return 'ok' in value;
}

/**
 * `metadata` (a JSON object in a JSON body, a JSON string in a form field), or undefined when absent.
 * Only event metadata (`event_type` + `event_payload`) is modelled; work-object `entities` are not.
 */
function readMetadata(args: Args): { metadata: SlackMessageMetadata | undefined } | ApiResult {
  const metadata = jsonArg(args, 'metadata');
  if (!metadata.present) return { metadata: undefined };
  if (!metadata.valid || !isRecord(metadata.value)) return fail('invalid_metadata_format');
  const { event_type: eventType, event_payload: eventPayload } = metadata.value;
  if (typeof eventType !== 'string' || eventType === '' || !isRecord(eventPayload)) return fail('invalid_metadata_schema');
  return { metadata: { event_type: eventType, event_payload: eventPayload } };
}

/** The `message` object Slack returns for a bot-authored message (also its shape in conversation reads). */
export function messageObject(
  config: FakeSlackConfig,
  ts: string,
  content: Content,
  threadTs: string | undefined,
  metadata?: SlackMessageMetadata,
): Record<string, unknown> {
  return {
    type: 'message',
    text: content.text ?? '',
    user: config.botUserId,
    bot_id: config.botId,
    app_id: config.appId,
    team: config.teamId,
    ts,
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...(content.attachments ? { attachments: content.attachments } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    ...(metadata ? { metadata } : {}),
    bot_profile: {
      id: config.botId,
      app_id: config.appId,
      name: config.botName,
      team_id: config.teamId,
      deleted: false,
      updated: 1_700_000_000,
      icons: {},
    },
  };
}

function findMessage(messages: PostedMessage[], channel: string, ts: string): number {
  return messages.findIndex((message) => !message.ephemeral && message.channel === channel && message.ts === ts);
}

export const chatPostMessage: MethodSpec = {
  token: 'bot',
  run: ({ args, state, config }) => {
    const channel = stringArg(args, 'channel');
    if (!channel) return fail('channel_not_found');
    const content = readContent(args);
    if (isError(content)) return content;
    const read = readMetadata(args);
    if (isError(read)) return read;
    const { metadata } = read;
    const threadTs = stringArg(args, 'thread_ts');
    const ts = state.clock.next();
    state.messages.push({
      channel,
      ts,
      thread_ts: threadTs,
      text: content.text,
      blocks: content.blocks,
      ...(metadata ? { metadata } : {}),
      ephemeral: false,
      updated: false,
    });
    return ok({ channel, ts, message: messageObject(config, ts, content, threadTs, metadata) });
  },
};

/**
 * chat.update's `metadata`, as Slack documents it: absent keeps the message's metadata, an empty
 * object removes it, anything else must be valid event metadata and replaces it.
 */
function readUpdateMetadata(args: Args): { change: 'keep' | 'remove' } | { change: 'set'; metadata: SlackMessageMetadata } | ApiResult {
  const raw = jsonArg(args, 'metadata');
  if (raw.present && raw.valid && isRecord(raw.value) && Object.keys(raw.value).length === 0) return { change: 'remove' };
  const read = readMetadata(args);
  if (isError(read)) return read;
  return read.metadata ? { change: 'set', metadata: read.metadata } : { change: 'keep' };
}

export const chatUpdate: MethodSpec = {
  token: 'bot',
  run: ({ args, state, config }) => {
    const channel = stringArg(args, 'channel');
    if (!channel) return fail('channel_not_found');
    const ts = stringArg(args, 'ts');
    if (!ts) return fail('message_not_found');
    const content = readContent(args);
    if (isError(content)) return content;
    const metadataChange = readUpdateMetadata(args);
    if (isError(metadataChange)) return metadataChange;
    const index = findMessage(state.messages, channel, ts);
    const message = state.messages[index];
    if (!message) return fail('message_not_found');
    if (content.text !== undefined) message.text = content.text;
    if (content.blocks !== undefined) message.blocks = content.blocks;
    if (metadataChange.change === 'set') message.metadata = metadataChange.metadata;
    if (metadataChange.change === 'remove') delete message.metadata;
    message.updated = true;
    const current: Content = { text: message.text, blocks: message.blocks, attachments: content.attachments };
    return ok({ channel, ts, text: message.text ?? '', message: messageObject(config, ts, current, message.thread_ts, message.metadata) });
  },
};

export const chatPostEphemeral: MethodSpec = {
  token: 'bot',
  run: ({ args, state }) => {
    const channel = stringArg(args, 'channel');
    if (!channel) return fail('channel_not_found');
    const user = stringArg(args, 'user');
    if (!user) return fail('user_not_in_channel');
    const content = readContent(args);
    if (isError(content)) return content;
    const ts = state.clock.next();
    state.messages.push({
      channel,
      ts,
      thread_ts: stringArg(args, 'thread_ts'),
      text: content.text,
      blocks: content.blocks,
      user,
      ephemeral: true,
      updated: false,
    });
    return ok({ message_ts: ts });
  },
};

export const chatDelete: MethodSpec = {
  token: 'bot',
  run: ({ args, state }) => {
    const channel = stringArg(args, 'channel');
    if (!channel) return fail('channel_not_found');
    const ts = stringArg(args, 'ts');
    const index = ts ? findMessage(state.messages, channel, ts) : -1;
    if (!ts || index < 0) return fail('message_not_found');
    state.messages.splice(index, 1);
    return ok({ channel, ts });
  },
};
