import { randomUUID } from 'node:crypto';
import { slackId } from './ids.js';

/**
 * Builders for what Slack sends an app, in the documented shapes (Events API `event_callback`,
 * a `message` event, `block_actions`, slash-command form fields), with ids that match the fake's
 * defaults. Pass them to `sendEnvelope` (Socket Mode) or `postSigned` (HTTP).
 */

export interface WorkspaceIds {
  teamId?: string;
  appId?: string;
  botUserId?: string;
}

export function eventCallback(event: Record<string, unknown>, ids: WorkspaceIds & { eventId?: string; eventTime?: number } = {}): Record<string, unknown> {
  const teamId = ids.teamId ?? 'T0001';
  return {
    token: 'unused-verification-token',
    team_id: teamId,
    api_app_id: ids.appId ?? 'A0001',
    event,
    type: 'event_callback',
    event_id: ids.eventId ?? slackId('Ev'),
    event_time: ids.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: ids.botUserId ?? 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${randomUUID()}`,
  };
}

export interface MessageEventFields {
  channel: string;
  user: string;
  text: string;
  ts: string;
  thread_ts?: string;
  channel_type?: 'channel' | 'group' | 'im' | 'mpim';
  team?: string;
}

/** A plain user message (no subtype), as delivered inside an event_callback. */
export function messageEvent(fields: MessageEventFields): Record<string, unknown> {
  return {
    type: 'message',
    client_msg_id: randomUUID(),
    channel: fields.channel,
    user: fields.user,
    text: fields.text,
    ts: fields.ts,
    event_ts: fields.ts,
    team: fields.team ?? 'T0001',
    channel_type: fields.channel_type ?? 'channel',
    ...(fields.thread_ts ? { thread_ts: fields.thread_ts } : {}),
  };
}

export interface BlockActionFields extends WorkspaceIds {
  actionId: string;
  value?: string;
  blockId?: string;
  user: string;
  channel: string;
  /** The ts of the message that carries the button. */
  messageTs: string;
  triggerId?: string;
  responseUrl: string;
}

/** A `block_actions` payload for a button click on a message. */
export function blockActions(fields: BlockActionFields): Record<string, unknown> {
  const teamId = fields.teamId ?? 'T0001';
  const blockId = fields.blockId ?? 'actions';
  const element = {
    type: 'button',
    action_id: fields.actionId,
    text: { type: 'plain_text', text: fields.actionId, emoji: true },
    ...(fields.value !== undefined ? { value: fields.value } : {}),
  };
  const action = { ...element, block_id: blockId, action_ts: `${Math.floor(Date.now() / 1000)}.000001` };
  return {
    type: 'block_actions',
    user: { id: fields.user, username: fields.user.toLowerCase(), name: fields.user.toLowerCase(), team_id: teamId },
    api_app_id: fields.appId ?? 'A0001',
    token: 'unused-verification-token',
    container: { type: 'message', message_ts: fields.messageTs, channel_id: fields.channel, is_ephemeral: false },
    trigger_id: fields.triggerId ?? `${Date.now()}.${teamId}.${randomUUID().replaceAll('-', '')}`,
    team: { id: teamId, domain: 'fake-workspace' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: fields.channel, name: fields.channel.toLowerCase() },
    message: {
      type: 'message',
      user: fields.botUserId ?? 'UBOT',
      ts: fields.messageTs,
      text: 'card',
      blocks: [{ type: 'actions', block_id: blockId, elements: [element] }],
    },
    state: { values: {} },
    response_url: fields.responseUrl,
    actions: [action],
  };
}

export interface SlashCommandFields extends WorkspaceIds {
  command: string;
  text?: string;
  user: string;
  channel: string;
  responseUrl: string;
  triggerId?: string;
}

/** The form fields of a slash command (all strings), for `postSigned(url, fields, { form: true })` or a `slash_commands` envelope. */
export function slashCommand(fields: SlashCommandFields): Record<string, string> {
  const teamId = fields.teamId ?? 'T0001';
  return {
    token: 'unused-verification-token',
    team_id: teamId,
    team_domain: 'fake-workspace',
    channel_id: fields.channel,
    channel_name: fields.channel.toLowerCase(),
    user_id: fields.user,
    user_name: fields.user.toLowerCase(),
    command: fields.command,
    text: fields.text ?? '',
    api_app_id: fields.appId ?? 'A0001',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `${Date.now()}.${teamId}.${randomUUID().replaceAll('-', '')}`,
  };
}
