import { ok, type MethodSpec } from './types.js';

/** auth.test: who the bot token belongs to. Bolt calls it at construction to learn its bot user id. */
export const authTest: MethodSpec = {
  token: 'bot',
  run: ({ config }) =>
    ok({
      url: `https://${config.teamDomain}.slack.com/`,
      team: config.teamName,
      user: config.botName,
      team_id: config.teamId,
      user_id: config.botUserId,
      bot_id: config.botId,
      is_enterprise_install: false,
    }),
};

/** apps.connections.open: a one-time websocket URL for Socket Mode (app-level token only). */
export const appsConnectionsOpen: MethodSpec = {
  token: 'app',
  run: ({ socketUrl }) => ok({ url: socketUrl() }),
};
