import { stringArg } from '../args.js';
import type { FakeSlackConfig } from '../config.js';
import { fail, ok, type MethodSpec } from './types.js';

/** users.info, usergroups.users.list, conversations.info: read-only lookups in the configured directory. */

export const usersInfo: MethodSpec = {
  token: 'bot',
  run: ({ args, config }) => {
    const id = stringArg(args, 'user');
    const user = id ? config.users[id] : undefined;
    if (!id || !user) return fail('user_not_found');
    const isBot = user.is_bot ?? false;
    return ok({
      user: {
        id,
        team_id: config.teamId,
        name: user.name,
        deleted: false,
        real_name: user.name,
        tz: 'Etc/UTC',
        tz_label: 'Coordinated Universal Time',
        tz_offset: 0,
        is_admin: false,
        is_owner: false,
        is_bot: isBot,
        is_app_user: false,
        updated: 1_700_000_000,
        profile: {
          real_name: user.name,
          display_name: user.name,
          team: config.teamId,
          ...(isBot && id === config.botUserId ? { bot_id: config.botId, api_app_id: config.appId } : {}),
        },
      },
    });
  },
};

export const usergroupsUsersList: MethodSpec = {
  token: 'bot',
  run: ({ args, config }) => {
    const id = stringArg(args, 'usergroup');
    if (!id) return fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: usergroup'] } });
    const users = config.usergroups[id];
    if (!users) return fail('no_such_subteam');
    return ok({ users: [...users] });
  },
};

function channelObject(config: FakeSlackConfig, id: string, entry: { name: string; is_private?: boolean; is_im?: boolean }): Record<string, unknown> {
  if (entry.is_im) {
    return { id, created: 1_700_000_000, is_im: true, is_org_shared: false, context_team_id: config.teamId, user: entry.name, is_user_deleted: false };
  }
  const isPrivate = entry.is_private ?? id.startsWith('G');
  return {
    id,
    name: entry.name,
    is_channel: !isPrivate,
    is_group: isPrivate,
    is_im: false,
    is_mpim: false,
    is_private: isPrivate,
    created: 1_700_000_000,
    is_archived: false,
    is_general: false,
    unlinked: 0,
    name_normalized: entry.name,
    is_shared: false,
    is_org_shared: false,
    is_member: true,
    context_team_id: config.teamId,
    creator: '',
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
  };
}

/**
 * The conversation behind an id, or undefined: with configured channels only those; otherwise any
 * well-formed conversation id (C…, G…, D…) is synthesized. Shared by every conversations.* method.
 */
export function knownChannel(config: FakeSlackConfig, id: string): { name: string; is_private?: boolean; is_im?: boolean } | undefined {
  if (config.channels) return Object.hasOwn(config.channels, id) ? config.channels[id] : undefined;
  if (!/^[CGD][A-Z0-9]+$/.test(id)) return undefined;
  return { name: id.toLowerCase(), is_im: id.startsWith('D') };
}

export const conversationsInfo: MethodSpec = {
  token: 'bot',
  run: ({ args, config }) => {
    const id = stringArg(args, 'channel');
    const entry = id ? knownChannel(config, id) : undefined;
    if (!id || !entry) return fail('channel_not_found');
    return ok({ channel: channelObject(config, id, entry) });
  },
};
