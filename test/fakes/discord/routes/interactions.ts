import type { APIMessage } from 'discord.js';
import { alreadyAcknowledged, throwIfInvalid, unknownInteraction, unknownMessage, unknownWebhook, type FieldError } from '../errors.js';
import { applyEdit, asBody, buildMessage, forgetBotMessage, MessageFlag, messageFieldErrors, recordBotMessage, type Body } from '../messages.js';
import { fetchedMessage, restMessage } from '../objects.js';
import type { InteractionRecord, StoredMessage } from '../state.js';
import { echoMessageCreate, echoMessageDelete, echoMessageUpdate } from './echo.js';
import { noteNewMessage } from './lookups.js';
import { noContent, ok, route, type Route, type RouteContext, type RouteResult } from './types.js';
import type { RecordedFile } from '../types.js';

/**
 * Interaction responses: POST /interactions/{id}/{token}/callback (types 1, 4–10, 12), then the
 * interaction webhook (@original and follow-ups) for 15 minutes. Neither needs the bot token.
 */

const Callback = { Pong: 1, Reply: 4, DeferredReply: 5, DeferredUpdate: 6, Update: 7, Autocomplete: 8, Modal: 9, PremiumRequired: 10, LaunchActivity: 12 } as const;
const COMPONENT_ONLY: number[] = [Callback.DeferredUpdate, Callback.Update];
const TOKEN_LIFETIME_MS = 15 * 60_000;

function requireInteraction(context: RouteContext, id: string, token: string): InteractionRecord {
  const interaction = context.state.interactions.get(id);
  if (!interaction || interaction.token !== token) throw unknownInteraction();
  return interaction;
}

function callbackErrors(interaction: InteractionRecord, body: Body): FieldError[] {
  const type = Number(body.type);
  const choices = Object.values(Callback) as number[];
  if (!choices.includes(type)) return [{ path: ['type'], code: 'BASE_TYPE_CHOICES', message: `Value must be one of {${choices.join(', ')}}.` }];
  const errors: FieldError[] = [];
  const data = asBody(body.data);
  if (COMPONENT_ONLY.includes(type) && !interaction.componentMessageId) {
    errors.push({ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'Interaction response type is only valid for component-based interactions.' });
  }
  if (type === Callback.Modal) {
    if (interaction.type === 5) errors.push({ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'A modal cannot be the response to a modal submit.' });
    if (typeof data.custom_id !== 'string' || data.custom_id.length === 0 || data.custom_id.length > 100) {
      errors.push({ path: ['data', 'custom_id'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    }
    if (typeof data.title !== 'string' || data.title.length === 0 || data.title.length > 45) {
      errors.push({ path: ['data', 'title'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 45 in length.' });
    }
    if (!Array.isArray(data.components) || data.components.length < 1 || data.components.length > 5) {
      errors.push({ path: ['data', 'components'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 5 in length.' });
    }
  }
  if (type === Callback.Reply || type === Callback.Update) errors.push(...messageFieldErrors(data, ['data']));
  return errors;
}

function interactionMetadata(interaction: InteractionRecord): APIMessage['interaction_metadata'] {
  const user = interaction.user ?? { id: '0', username: 'unknown', discriminator: '0', global_name: null, avatar: null };
  return {
    id: interaction.id,
    type: interaction.type,
    user,
    authorizing_integration_owners: interaction.guildId ? { 0: interaction.guildId } : { 0: '0' },
  } as APIMessage['interaction_metadata'];
}

/** A message sent as the app's webhook (interaction replies and follow-ups). */
function createResponseMessage(context: RouteContext, interaction: InteractionRecord, data: Body, files: RecordedFile[], flags: number, allowEmpty = false): StoredMessage {
  const channelId = interaction.channelId ?? '0';
  const channel = context.state.channels.get(channelId);
  const message = buildMessage(context.state, {
    channelId,
    guildId: interaction.guildId,
    author: context.state.user(context.config.botUserId),
    body: { ...data, flags },
    files,
    type: interaction.type === 2 && interaction.commandType === 1 ? 20 : interaction.type === 2 ? 23 : 19,
    webhookId: context.config.applicationId,
    applicationId: context.config.applicationId,
    interactionMetadata: interactionMetadata(interaction),
    allowEmpty,
  });
  if (channel && !(flags & MessageFlag.Ephemeral)) noteNewMessage(channel, message.id);
  recordBotMessage(context.state, message, data, false, interaction.id);
  return message;
}

const isEphemeral = (message: StoredMessage) => ((message.flags ?? 0) & MessageFlag.Ephemeral) !== 0;

function callbackResponse(interaction: InteractionRecord, type: number, message: StoredMessage | undefined): Record<string, unknown> {
  return {
    interaction: {
      id: interaction.id,
      type: interaction.type,
      ...(message
        ? { response_message_id: message.id, response_message_loading: interaction.loading, response_message_ephemeral: isEphemeral(message) }
        : {}),
    },
    ...(type === Callback.Reply || type === Callback.Update ? { resource: { type, ...(message ? { message: restMessage(message) } : {}) } } : { resource: { type } }),
  };
}

function handleCallback(context: RouteContext, params: Record<string, string>, query: URLSearchParams, rawBody: unknown, files: RecordedFile[]): RouteResult {
  const interaction = requireInteraction(context, params.interaction ?? '', params.token ?? '');
  if (interaction.responseType !== null) throw alreadyAcknowledged();
  // The token is invalidated when the 3-second deadline passes without a response.
  if (Date.now() - interaction.dispatchedAt > context.config.interactionDeadlineMs) throw unknownInteraction();
  const body = asBody(rawBody);
  throwIfInvalid(callbackErrors(interaction, body));
  const type = Number(body.type);
  const data = asBody(body.data);
  let message: StoredMessage | undefined;
  let after: (() => void) | undefined;

  if (type === Callback.Reply) {
    message = createResponseMessage(context, interaction, data, files, Number(data.flags ?? 0));
    interaction.originalMessageId = message.id;
    const created = message;
    if (!isEphemeral(created)) after = () => echoMessageCreate(context, created);
  } else if (type === Callback.DeferredReply) {
    const flags = (Number(data.flags ?? 0) & MessageFlag.Ephemeral) | MessageFlag.Loading;
    // The "thinking…" placeholder is a real, empty message until @original is edited.
    message = createResponseMessage(context, interaction, {}, [], flags, true);
    interaction.originalMessageId = message.id;
    interaction.loading = true;
    const created = message;
    if (!isEphemeral(created)) after = () => echoMessageCreate(context, created);
  } else if (type === Callback.DeferredUpdate || type === Callback.Update) {
    interaction.originalMessageId = interaction.componentMessageId ?? null;
    if (type === Callback.Update && interaction.componentMessageId) {
      const target = context.state.messageStore.get(interaction.componentMessageId);
      if (!target) throw unknownMessage();
      message = applyEdit(context.state, target, data, files);
      recordBotMessage(context.state, message, data, true, interaction.id);
      const updated = message;
      if (!isEphemeral(updated)) after = () => echoMessageUpdate(context, updated);
    }
  }

  interaction.responseType = type;
  interaction.ephemeral = message ? isEphemeral(message) : false;
  context.state.interactionResponses.push({ interactionId: interaction.id, type, data: body.data ?? null });
  if (query.get('with_response') === 'true') return { status: 200, body: callbackResponse(interaction, type, message), after };
  return { status: 204, after };
}

/** The interaction behind a webhook token: known, answered, and not older than 15 minutes. */
function requireWebhook(context: RouteContext, applicationId: string, token: string): InteractionRecord {
  if (applicationId !== context.config.applicationId) throw unknownWebhook();
  const interaction = [...context.state.interactions.values()].find((entry) => entry.token === token);
  if (!interaction || interaction.responseType === null || Date.now() - interaction.dispatchedAt > TOKEN_LIFETIME_MS) throw unknownWebhook();
  return interaction;
}

function webhookMessage(context: RouteContext, interaction: InteractionRecord, messageId: string): StoredMessage {
  const id = messageId === '@original' ? interaction.originalMessageId : messageId;
  const message = id ? context.state.messageStore.get(id) : undefined;
  if (!message) throw unknownMessage();
  if (messageId !== '@original' && message.interaction_metadata?.id !== interaction.id) throw unknownMessage();
  return message;
}

function editWebhookMessage(context: RouteContext, interaction: InteractionRecord, messageId: string, body: Body, files: RecordedFile[]): RouteResult {
  const message = webhookMessage(context, interaction, messageId);
  const wasLoading = message.id === interaction.originalMessageId && interaction.loading;
  const updated = applyEdit(context.state, message, body, files);
  if (wasLoading) {
    // Filling in a deferred reply is its first real content, not an edit.
    updated.flags = (updated.flags ?? 0) & ~MessageFlag.Loading;
    updated.edited_timestamp = null;
    interaction.loading = false;
    context.state.messageStore.set(updated.id, updated);
  }
  recordBotMessage(context.state, updated, body, !wasLoading, interaction.id);
  return { status: 200, body: restMessage(updated), after: isEphemeral(updated) ? undefined : () => echoMessageUpdate(context, updated) };
}

export const interactionRoutes: Route[] = [
  route('POST', '/interactions/:interaction/:token/callback', (context, { params, query, body, files }) => handleCallback(context, params, query, body, files), {
    auth: false,
  }),

  route('GET', '/webhooks/:application/:token/messages/:message', (context, { params }) => {
    const interaction = requireWebhook(context, params.application ?? '', params.token ?? '');
    return ok(fetchedMessage(webhookMessage(context, interaction, params.message ?? '')));
  }, { auth: false }),

  route('PATCH', '/webhooks/:application/:token/messages/:message', (context, { params, body, files }) => {
    const interaction = requireWebhook(context, params.application ?? '', params.token ?? '');
    return editWebhookMessage(context, interaction, params.message ?? '', asBody(body), files);
  }, { auth: false }),

  route('DELETE', '/webhooks/:application/:token/messages/:message', (context, { params }) => {
    const interaction = requireWebhook(context, params.application ?? '', params.token ?? '');
    const message = webhookMessage(context, interaction, params.message ?? '');
    forgetBotMessage(context.state, message.id);
    return isEphemeral(message) ? noContent() : { status: 204, after: () => echoMessageDelete(context, message) };
  }, { auth: false }),

  route('POST', '/webhooks/:application/:token', (context, { params, body: rawBody, files }) => {
    const interaction = requireWebhook(context, params.application ?? '', params.token ?? '');
    const body = asBody(rawBody);
    // Right after a deferred reply, a follow-up fills in the placeholder instead (deprecated behaviour).
    if (interaction.loading && interaction.originalMessageId) {
      const { flags: _ignored, ...rest } = body;
      return editWebhookMessage(context, interaction, '@original', rest, files);
    }
    const message = createResponseMessage(context, interaction, body, files, Number(body.flags ?? 0) & (MessageFlag.Ephemeral | MessageFlag.SuppressEmbeds | MessageFlag.IsComponentsV2));
    return { status: 200, body: restMessage(message), after: isEphemeral(message) ? undefined : () => echoMessageCreate(context, message) };
  }, { auth: false }),
];

