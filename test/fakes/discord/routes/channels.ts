import { cannotEditOthersMessage, nonTextChannel, throwIfInvalid } from '../errors.js';
import { channelHistory } from '../history.js';
import { snowflake } from '../ids.js';
import { applyEdit, asBody, buildMessage, forgetBotMessage, recordBotMessage } from '../messages.js';
import { fetchedMessage, restMessage } from '../objects.js';
import { echoMessageCreate, echoMessageDelete, echoMessageUpdate } from './echo.js';
import { guildIdOf, isTextBased, noteNewMessage, requireChannel, requireMessage } from './lookups.js';
import { noContent, ok, route, type Route } from './types.js';

/** Channels and their messages: get a channel, create / get / list / edit / delete messages, typing, own reactions. */

const MAX_NONCE_LENGTH = 25;

export const channelRoutes: Route[] = [
  route('GET', '/channels/:channel', (context, { params }) => ok(requireChannel(context, params.channel ?? ''))),

  route('POST', '/channels/:channel/messages', (context, { params, body: rawBody, files }) => {
    const channel = requireChannel(context, params.channel ?? '');
    if (!isTextBased(channel)) throw nonTextChannel();
    const body = asBody(rawBody);
    if (typeof body.nonce === 'string' && body.nonce.length > MAX_NONCE_LENGTH) {
      throwIfInvalid([{ path: ['nonce'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_NONCE_LENGTH} or fewer in length.` }]);
    }
    const id = snowflake();
    if (body.enforce_nonce === true && body.nonce !== undefined && body.nonce !== null) {
      const earlier = context.state.claimNonce(channel.id, context.config.botUserId, body.nonce as string | number, id);
      const existing = earlier ? context.state.messageStore.get(earlier) : undefined;
      // Discord answers a repeated nonce with the message it already created, and creates nothing.
      if (existing) return ok(restMessage(existing));
    }
    const message = buildMessage(context.state, {
      id,
      channelId: channel.id,
      guildId: guildIdOf(context, channel),
      author: context.state.user(context.config.botUserId),
      body,
      files,
    });
    noteNewMessage(channel, message.id);
    recordBotMessage(context.state, message, body, false);
    return { status: 200, body: restMessage(message), after: () => echoMessageCreate(context, message) };
  }),

  route('GET', '/channels/:channel/messages', (context, { params, query }) => {
    const channel = requireChannel(context, params.channel ?? '');
    return ok(channelHistory(context.state, channel.id, query).map(fetchedMessage));
  }),

  route('GET', '/channels/:channel/messages/:message', (context, { params }) =>
    ok(fetchedMessage(requireMessage(context, params.channel ?? '', params.message ?? ''))),
  ),

  route('PATCH', '/channels/:channel/messages/:message', (context, { params, body: rawBody, files }) => {
    requireChannel(context, params.channel ?? '');
    const message = requireMessage(context, params.channel ?? '', params.message ?? '');
    if (message.author.id !== context.config.botUserId) throw cannotEditOthersMessage();
    const body = asBody(rawBody);
    const updated = applyEdit(context.state, message, body, files);
    recordBotMessage(context.state, updated, body, true);
    return { status: 200, body: restMessage(updated), after: () => echoMessageUpdate(context, updated) };
  }),

  route('DELETE', '/channels/:channel/messages/:message', (context, { params }) => {
    requireChannel(context, params.channel ?? '');
    const message = requireMessage(context, params.channel ?? '', params.message ?? '');
    forgetBotMessage(context.state, message.id);
    return { status: 204, after: () => echoMessageDelete(context, message) };
  }),

  route('POST', '/channels/:channel/typing', (context, { params }) => {
    requireChannel(context, params.channel ?? '');
    return noContent();
  }),

  route('PUT', '/channels/:channel/messages/:message/reactions/:emoji/@me', (context, { params }) => {
    requireChannel(context, params.channel ?? '');
    const message = requireMessage(context, params.channel ?? '', params.message ?? '');
    const emoji = params.emoji ?? '';
    const seen = context.state.reactions.some((reaction) => reaction.message_id === message.id && reaction.emoji === emoji);
    if (!seen) context.state.reactions.push({ channel_id: message.channel_id, message_id: message.id, emoji });
    return noContent();
  }),

  route('DELETE', '/channels/:channel/messages/:message/reactions/:emoji/@me', (context, { params }) => {
    requireChannel(context, params.channel ?? '');
    const message = requireMessage(context, params.channel ?? '', params.message ?? '');
    const emoji = params.emoji ?? '';
    const index = context.state.reactions.findIndex((reaction) => reaction.message_id === message.id && reaction.emoji === emoji);
    if (index >= 0) context.state.reactions.splice(index, 1);
    return noContent();
  }),
];
