import { throwIfInvalid, unknownApplication, unknownCommand, unknownGuild, type FieldError } from '../errors.js';
import { snowflake } from '../ids.js';
import { asBody, type Body } from '../messages.js';
import { noContent, ok, route, type Route, type RouteContext, type RouteRequest } from './types.js';

/**
 * Application commands, global and guild: list, bulk overwrite (PUT), create-or-replace by name
 * (POST: 201 new, 200 existing), get, edit, delete. Registered commands land in `fake.commands`.
 */

const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

interface Scope {
  guildId: string | undefined;
}

function scopeOf(context: RouteContext, { params }: RouteRequest): Scope {
  if (params.application !== context.config.applicationId) throw unknownApplication();
  if (params.guild !== undefined && params.guild !== context.config.guildId) throw unknownGuild();
  return { guildId: params.guild };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- application command objects as Discord returns them
type Command = Record<string, any>;

function inScope(command: Command, scope: Scope): boolean {
  return (command.guild_id ?? undefined) === scope.guildId;
}

function commandErrors(body: Body, prefix: string[]): FieldError[] {
  const errors: FieldError[] = [];
  const type = Number(body.type ?? 1);
  if (typeof body.name !== 'string' || body.name.length === 0 || body.name.length > 32) {
    errors.push({ path: [...prefix, 'name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 32 in length.' });
  } else if (type === 1 && (!CHAT_INPUT_NAME.test(body.name) || body.name !== body.name.toLowerCase())) {
    errors.push({ path: [...prefix, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
  }
  if (type === 1) {
    if (typeof body.description !== 'string' || body.description.length === 0 || body.description.length > 100) {
      errors.push({ path: [...prefix, 'description'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    }
  } else if (body.description !== undefined && body.description !== '' && body.description !== null) {
    errors.push({ path: [...prefix, 'description'], code: 'APPLICATION_COMMAND_INVALID_DESCRIPTION', message: 'Context menu commands cannot have a description' });
  }
  if (Array.isArray(body.options) && body.options.length > 25) {
    errors.push({ path: [...prefix, 'options'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
  }
  return errors;
}

function commandObject(context: RouteContext, scope: Scope, body: Body, id: string): Command {
  const type = Number(body.type ?? 1);
  return {
    id,
    application_id: context.config.applicationId,
    version: snowflake(),
    default_member_permissions: body.default_member_permissions ?? null,
    type,
    name: body.name,
    name_localizations: body.name_localizations ?? null,
    description: type === 1 ? body.description : '',
    description_localizations: body.description_localizations ?? null,
    ...(scope.guildId ? { guild_id: scope.guildId } : { dm_permission: body.dm_permission ?? true }),
    ...(Array.isArray(body.options) ? { options: body.options } : {}),
    nsfw: body.nsfw ?? false,
    integration_types: body.integration_types ?? [0],
    contexts: body.contexts ?? null,
  };
}

function findByName(context: RouteContext, scope: Scope, body: Body): Command | undefined {
  return context.state.commands.find((command: Command) => inScope(command, scope) && command.name === body.name && command.type === Number(body.type ?? 1));
}

function requireCommand(context: RouteContext, scope: Scope, id: string): Command {
  const command = context.state.commands.find((entry: Command) => inScope(entry, scope) && entry.id === id);
  if (!command) throw unknownCommand();
  return command;
}

const collections = ['/applications/:application/commands', '/applications/:application/guilds/:guild/commands'];

export const commandRoutes: Route[] = collections.flatMap((base): Route[] => [
  route('GET', base, (context, request) => {
    const scope = scopeOf(context, request);
    return ok(context.state.commands.filter((command: Command) => inScope(command, scope)));
  }),

  route('PUT', base, (context, request) => {
    const scope = scopeOf(context, request);
    const list = Array.isArray(request.body) ? (request.body as unknown[]).map(asBody) : null;
    if (!list) throwIfInvalid([{ path: [], code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }]);
    const bodies = list ?? [];
    throwIfInvalid(bodies.flatMap((body, index) => commandErrors(body, [String(index)])));
    // Bulk overwrite keeps the ids of commands that still exist (same name and type).
    const replaced = bodies.map((body) => commandObject(context, scope, body, findByName(context, scope, body)?.id ?? snowflake()));
    const others = context.state.commands.filter((command: Command) => !inScope(command, scope));
    context.state.commands.splice(0, context.state.commands.length, ...others, ...replaced);
    return ok(replaced);
  }),

  route('POST', base, (context, request) => {
    const scope = scopeOf(context, request);
    const body = asBody(request.body);
    throwIfInvalid(commandErrors(body, []));
    const existing = findByName(context, scope, body);
    const command = commandObject(context, scope, body, existing?.id ?? snowflake());
    if (existing) context.state.commands.splice(context.state.commands.indexOf(existing), 1, command);
    else context.state.commands.push(command);
    return ok(command, existing ? 200 : 201);
  }),

  route('GET', `${base}/:command`, (context, request) => ok(requireCommand(context, scopeOf(context, request), request.params.command ?? ''))),

  route('PATCH', `${base}/:command`, (context, request) => {
    const scope = scopeOf(context, request);
    const existing = requireCommand(context, scope, request.params.command ?? '');
    const body = { ...existing, ...asBody(request.body) };
    throwIfInvalid(commandErrors(body, []));
    const command = commandObject(context, scope, body, existing.id);
    context.state.commands.splice(context.state.commands.indexOf(existing), 1, command);
    return ok(command);
  }),

  route('DELETE', `${base}/:command`, (context, request) => {
    const scope = scopeOf(context, request);
    const existing = requireCommand(context, scope, request.params.command ?? '');
    context.state.commands.splice(context.state.commands.indexOf(existing), 1);
    return noContent();
  }),
]);
