import { messageIntent } from '../intents.js';
import { partialMemberObject } from '../objects.js';
import type { StoredMessage } from '../state.js';
import type { RouteContext } from './types.js';

/** The gateway events Discord sends back for the bot's own REST actions on messages. */

function gatewayMessage(context: RouteContext, message: StoredMessage): Record<string, unknown> {
  const channel = context.state.channels.get(message.channel_id);
  const member = message.guild_id ? context.state.members.get(message.author.id) : undefined;
  return {
    ...message,
    ...(member ? { member: partialMemberObject(member) } : {}),
    ...(channel ? { channel_type: channel.type } : {}),
  };
}

export function echoMessageCreate(context: RouteContext, message: StoredMessage): void {
  context.gateway.echo('MESSAGE_CREATE', gatewayMessage(context, message), messageIntent(message.guild_id !== undefined));
}

export function echoMessageUpdate(context: RouteContext, message: StoredMessage): void {
  context.gateway.echo('MESSAGE_UPDATE', gatewayMessage(context, message), messageIntent(message.guild_id !== undefined));
}

export function echoMessageDelete(context: RouteContext, message: StoredMessage): void {
  context.gateway.echo(
    'MESSAGE_DELETE',
    { id: message.id, channel_id: message.channel_id, ...(message.guild_id ? { guild_id: message.guild_id } : {}) },
    messageIntent(message.guild_id !== undefined),
  );
}
