import { Intent } from '../intents.js';
import { throwIfInvalid, threadAlreadyCreated, wrongChannelType, type FieldError } from '../errors.js';
import { snowflake } from '../ids.js';
import { asBody, buildMessage, MessageFlag, messageFieldErrors, recordBotMessage, type Body } from '../messages.js';
import { restMessage, threadObject, type ChannelObject } from '../objects.js';
import { echoMessageCreate } from './echo.js';
import { requireChannel, requireMessage } from './lookups.js';
import { route, type Route, type RouteContext } from './types.js';

/**
 * Threads: start one from a message (thread id = message id), start one without a message in a
 * text channel, or create a forum post (a thread plus its starter message, which has the thread's id).
 */

const ARCHIVE_DURATIONS = [60, 1440, 4320, 10080];

function threadFieldErrors(body: Body): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof body.name !== 'string' || body.name.length === 0) {
    errors.push({ path: ['name'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  } else if (body.name.length > 100) {
    errors.push({ path: ['name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
  }
  if (body.auto_archive_duration !== undefined && body.auto_archive_duration !== null && !ARCHIVE_DURATIONS.includes(Number(body.auto_archive_duration))) {
    errors.push({ path: ['auto_archive_duration'], code: 'BASE_TYPE_CHOICES', message: `Value must be one of {${ARCHIVE_DURATIONS.join(', ')}}.` });
  }
  return errors;
}

function archiveDuration(body: Body, parent: ChannelObject): number {
  return Number(body.auto_archive_duration ?? parent.default_auto_archive_duration ?? 1440);
}

function register(context: RouteContext, thread: ChannelObject, messageId: string | undefined, appliedTags?: string[]): void {
  context.state.channels.set(thread.id, thread);
  context.state.threads.push({
    id: thread.id,
    parent_id: String(thread.parent_id),
    name: String(thread.name),
    type: thread.type,
    ...(messageId ? { message_id: messageId } : {}),
    ...(appliedTags ? { applied_tags: appliedTags } : {}),
  });
}

function echoThreadCreate(context: RouteContext, thread: ChannelObject): void {
  context.gateway.echo('THREAD_CREATE', { ...thread, newly_created: true }, Intent.Guilds);
}

export const threadRoutes: Route[] = [
  route('POST', '/channels/:channel/messages/:message/threads', (context, { params, body: rawBody }) => {
    const parent = requireChannel(context, params.channel ?? '');
    if (parent.type !== 0 && parent.type !== 5) throw wrongChannelType();
    const message = requireMessage(context, parent.id, params.message ?? '');
    if (message.thread || context.state.channels.has(message.id)) throw threadAlreadyCreated();
    const body = asBody(rawBody);
    throwIfInvalid(threadFieldErrors(body));
    const thread = threadObject(
      context.config,
      {
        id: message.id,
        type: parent.type === 5 ? 10 : 11,
        name: String(body.name),
        parentId: parent.id,
        ownerId: context.config.botUserId,
        autoArchiveDuration: archiveDuration(body, parent),
        rateLimitPerUser: Number(body.rate_limit_per_user ?? 0),
      },
      true,
    );
    register(context, thread, message.id);
    context.state.messageStore.set(message.id, { ...message, thread: thread as never, flags: (message.flags ?? 0) | MessageFlag.HasThread });
    return { status: 201, body: thread, after: () => echoThreadCreate(context, thread) };
  }),

  route('POST', '/channels/:channel/threads', (context, { params, body: rawBody, files }) => {
    const parent = requireChannel(context, params.channel ?? '');
    const body = asBody(rawBody);
    if (parent.type === 15 || parent.type === 16) {
      const errors = threadFieldErrors(body);
      const starter = body.message === undefined ? undefined : asBody(body.message);
      if (!starter) errors.push({ path: ['message'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
      else errors.push(...messageFieldErrors(starter, ['message']));
      throwIfInvalid(errors);
      const appliedTags = Array.isArray(body.applied_tags) ? body.applied_tags.map(String) : [];
      const id = snowflake();
      const starterMessage = buildMessage(context.state, {
        id,
        channelId: id,
        guildId: context.config.guildId,
        author: context.state.user(context.config.botUserId),
        body: starter ?? {},
        files,
      });
      const thread = threadObject(
        context.config,
        {
          id,
          type: 11,
          name: String(body.name),
          parentId: parent.id,
          ownerId: context.config.botUserId,
          autoArchiveDuration: archiveDuration(body, parent),
          rateLimitPerUser: Number(body.rate_limit_per_user ?? 0),
          appliedTags,
          messageCount: 1,
        },
        true,
      );
      thread.last_message_id = id;
      register(context, thread, id, appliedTags);
      recordBotMessage(context.state, starterMessage, starter ?? {}, false);
      parent.last_message_id = id;
      return {
        status: 201,
        body: { ...thread, message: restMessage(starterMessage) },
        after: () => {
          echoThreadCreate(context, thread);
          echoMessageCreate(context, starterMessage);
        },
      };
    }
    if (parent.type !== 0 && parent.type !== 5) throw wrongChannelType();
    const errors = threadFieldErrors(body);
    const allowed = parent.type === 5 ? [10] : [11, 12];
    if (body.type === undefined || body.type === null) {
      // Optional (defaulting to a private thread) in API v9; required in v10.
      errors.push({ path: ['type'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    } else if (!allowed.includes(Number(body.type))) {
      errors.push({ path: ['type'], code: 'BASE_TYPE_CHOICES', message: `Value must be one of {${allowed.join(', ')}}.` });
    }
    throwIfInvalid(errors);
    const thread = threadObject(
      context.config,
      {
        id: snowflake(),
        type: Number(body.type),
        name: String(body.name),
        parentId: parent.id,
        ownerId: context.config.botUserId,
        autoArchiveDuration: archiveDuration(body, parent),
        rateLimitPerUser: Number(body.rate_limit_per_user ?? 0),
      },
      true,
    );
    register(context, thread, undefined);
    return { status: 201, body: thread, after: () => echoThreadCreate(context, thread) };
  }),
];
