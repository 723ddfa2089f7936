import { unknownGuild, unknownMember, unknownUser, throwIfInvalid } from '../errors.js';
import { snowflake } from '../ids.js';
import { asBody } from '../messages.js';
import { botUserObject, guildChannelObject, guildObject, guildRoles, memberObject } from '../objects.js';
import { ok, route, type Route, type RouteContext } from './types.js';

/** Who is who: gateway info, users, DM channels, the guild, its members, roles and channels, the application. */

const SESSION_START_TOTAL = 1000;

function requireGuild(context: RouteContext, id: string): void {
  if (id !== context.config.guildId) throw unknownGuild();
}

export const identityRoutes: Route[] = [
  route('GET', '/gateway', (context) => ok({ url: context.gatewayUrl() }), { auth: false }),

  route('GET', '/gateway/bot', (context) =>
    ok({
      url: context.gatewayUrl(),
      shards: 1,
      session_start_limit: {
        total: SESSION_START_TOTAL,
        remaining: Math.max(SESSION_START_TOTAL - context.state.identifies, 0),
        reset_after: 14_400_000,
        max_concurrency: 1,
      },
    }),
  ),

  route('GET', '/users/@me', (context) => ok(botUserObject(context.config))),

  route('GET', '/users/:user', (context, { params }) => {
    const user = context.state.users.get(params.user ?? '');
    if (!user) throw unknownUser();
    return ok(user);
  }),

  route('POST', '/users/@me/channels', (context, { body: rawBody }) => {
    const body = asBody(rawBody);
    if (typeof body.recipient_id !== 'string') {
      throwIfInvalid([{ path: ['recipient_id'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
    }
    const user = context.state.users.get(String(body.recipient_id));
    if (!user) throw unknownUser();
    const existing = [...context.state.channels.values()].find(
      (channel) => channel.type === 1 && (channel.recipients as { id: string }[] | undefined)?.some((recipient) => recipient.id === user.id),
    );
    return ok(existing ?? context.state.ensureDmChannel(user, snowflake()));
  }),

  route('GET', '/guilds/:guild', (context, { params }) => {
    requireGuild(context, params.guild ?? '');
    return ok(guildObject(context.config));
  }),

  route('GET', '/guilds/:guild/roles', (context, { params }) => {
    requireGuild(context, params.guild ?? '');
    return ok(guildRoles(context.config));
  }),

  route('GET', '/guilds/:guild/channels', (context, { params }) => {
    requireGuild(context, params.guild ?? '');
    return ok(context.config.channels.filter((seed) => seed.type !== 11 && seed.type !== 12 && seed.type !== 1).map((seed, position) => guildChannelObject(context.config, seed, position, true)));
  }),

  route('GET', '/guilds/:guild/members/:user', (context, { params }) => {
    requireGuild(context, params.guild ?? '');
    const member = context.state.members.get(params.user ?? '');
    if (!member) throw unknownMember();
    return ok(memberObject(member));
  }),

  route('GET', '/applications/@me', (context) =>
    ok({
      id: context.config.applicationId,
      name: context.config.botUsername,
      icon: null,
      description: '',
      bot_public: false,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      bot: botUserObject(context.config),
      owner: context.state.users.get(context.config.members[0]?.userId ?? '') ?? botUserObject(context.config),
      team: null,
      summary: '',
      integration_types_config: { 0: {} },
    }),
  ),
];
