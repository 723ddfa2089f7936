import type { APIGuildMember, APIMessage, APIRole, APIUser, GuildMemberFlags, RoleFlags, UserFlags } from 'discord.js';
import { BOT_ROLE_PERMISSIONS, EVERYONE_PERMISSIONS, type FakeDiscordConfig } from './config.js';
import { snowflakeTime } from './ids.js';
import type { FakeChannelSeed } from './types.js';

/**
 * Builders for Discord resource objects in their documented shapes (typed against
 * discord-api-types, which discord.js re-exports): users, roles, members, channels, threads, guilds.
 */

export type ChannelObject = Record<string, unknown> & { id: string; type: number; guild_id?: string; parent_id?: string | null };

export interface MemberRecord {
  user: APIUser;
  roles: string[];
  joined_at: string;
}

export function userObject(id: string, username: string, bot = false): APIUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: bot ? null : username,
    avatar: null,
    ...(bot ? { bot: true } : {}),
    public_flags: 0 as UserFlags,
    avatar_decoration_data: null,
    collectibles: null,
    primary_guild: null,
  };
}

export function botUserObject(config: FakeDiscordConfig): APIUser {
  return { ...userObject(config.botUserId, config.botUsername, true), verified: true, mfa_enabled: false, flags: 0 as UserFlags, email: null };
}

function roleObject(id: string, name: string, position: number, permissions: string, managed = false, tags?: APIRole['tags']): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed,
    mentionable: false,
    flags: 0 as RoleFlags,
    ...(tags ? { tags } : {}),
  };
}

/** @everyone (id = guild id), the bot's managed role, then the configured roles. */
export function guildRoles(config: FakeDiscordConfig): APIRole[] {
  return [
    roleObject(config.guildId, '@everyone', 0, EVERYONE_PERMISSIONS),
    roleObject(config.botRoleId, config.botUsername, 1, BOT_ROLE_PERMISSIONS, true, { bot_id: config.botUserId }),
    ...config.roles.map((role, index) => roleObject(role.id, role.name, index + 2, role.permissions)),
  ];
}

/** The OR of @everyone's and the member's roles' permissions (Administrator implies all). */
export function memberPermissions(config: FakeDiscordConfig, roleIds: string[]): string {
  let bits = 0n;
  for (const role of guildRoles(config)) {
    if (role.id === config.guildId || roleIds.includes(role.id)) bits |= BigInt(role.permissions);
  }
  return (bits & 8n) === 8n ? ((1n << 53n) - 1n).toString() : bits.toString();
}

/** A full guild member (as in GUILD_CREATE, GET member, interactions). */
export function memberObject(member: MemberRecord): APIGuildMember {
  return {
    user: member.user,
    nick: null,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joined_at,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

/** The partial member Discord attaches to MESSAGE_CREATE (no user, deaf, mute). */
export function partialMemberObject(member: MemberRecord): Omit<APIGuildMember, 'user' | 'deaf' | 'mute'> {
  const { user: _user, deaf: _deaf, mute: _mute, ...rest } = memberObject(member);
  return rest;
}

/** A guild channel as listed in GUILD_CREATE (no guild_id there) or returned by GET /channels (with guild_id). */
export function guildChannelObject(config: FakeDiscordConfig, seed: FakeChannelSeed, position: number, withGuildId: boolean): ChannelObject {
  const base: ChannelObject = {
    id: seed.id,
    type: seed.type,
    ...(withGuildId ? { guild_id: config.guildId } : {}),
    name: seed.name,
    position,
    parent_id: seed.parent_id ?? null,
    permission_overwrites: [],
    nsfw: false,
    flags: 0,
    rate_limit_per_user: 0,
  };
  if (seed.type === 0 || seed.type === 5) {
    return { ...base, topic: null, last_message_id: null, last_pin_timestamp: null, default_auto_archive_duration: 1440 };
  }
  if (seed.type === 15 || seed.type === 16) {
    return {
      ...base,
      topic: null,
      last_message_id: null,
      default_auto_archive_duration: 4320,
      default_thread_rate_limit_per_user: 0,
      available_tags: [],
      default_reaction_emoji: null,
      default_sort_order: null,
      default_forum_layout: 0,
      template: '',
    };
  }
  return base;
}

export interface ThreadInit {
  id: string;
  type: number;
  name: string;
  parentId: string;
  ownerId: string;
  autoArchiveDuration: number;
  rateLimitPerUser?: number;
  appliedTags?: string[];
  messageCount?: number;
}

/** A thread channel: type 10 / 11 / 12 with thread_metadata. */
export function threadObject(config: FakeDiscordConfig, init: ThreadInit, botIsMember: boolean): ChannelObject {
  const created = new Date(snowflakeTime(init.id)).toISOString();
  return {
    id: init.id,
    type: init.type,
    guild_id: config.guildId,
    parent_id: init.parentId,
    owner_id: init.ownerId,
    name: init.name,
    last_message_id: null,
    message_count: init.messageCount ?? 0,
    total_message_sent: init.messageCount ?? 0,
    member_count: botIsMember ? 1 : 0,
    rate_limit_per_user: init.rateLimitPerUser ?? 0,
    flags: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: init.autoArchiveDuration,
      archive_timestamp: created,
      locked: false,
      create_timestamp: created,
      ...(init.type === 12 ? { invitable: true } : {}),
    },
    ...(init.appliedTags ? { applied_tags: init.appliedTags } : {}),
    ...(botIsMember ? { member: { id: init.id, user_id: config.botUserId, join_timestamp: created, flags: 1 } } : {}),
  };
}

/** A DM channel; a seeded one has no recipient until the first message in it names the user. */
export function dmChannelObject(id: string, recipient: APIUser | undefined): ChannelObject {
  return { id, type: 1, last_message_id: null, flags: 0, recipients: recipient ? [recipient] : [] };
}

/** The guild object (GET /guilds/{id}, and the base of GUILD_CREATE). */
export function guildObject(config: FakeDiscordConfig): Record<string, unknown> {
  const firstText = config.channels.find((channel) => channel.type === 0)?.id ?? null;
  return {
    id: config.guildId,
    name: config.guildName,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: config.members[0]?.userId ?? config.botUserId,
    region: 'deprecated',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 2,
    roles: guildRoles(config),
    emojis: [],
    stickers: [],
    features: ['COMMUNITY'],
    mfa_level: 0,
    application_id: null,
    system_channel_id: firstText,
    system_channel_flags: 0,
    rules_channel_id: firstText,
    public_updates_channel_id: firstText,
    safety_alerts_channel_id: null,
    max_presences: null,
    max_members: 500_000,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    hub_type: null,
    incidents_data: null,
  };
}

/** The bot's own copy of a message has everything; this strips what a REST response does not carry. */
export function restMessage(message: APIMessage & { guild_id?: string; member?: unknown }): APIMessage {
  const { guild_id: _guildId, member: _member, ...rest } = message;
  return rest;
}

/**
 * A message as a later GET returns it. Discord keeps the `nonce` only for the create response and
 * the MESSAGE_CREATE event: discord-api-types documents it as "You will not receive this from
 * further fetches. This is received only once from a MESSAGE_CREATE event to ensure it got sent".
 * So a bot cannot find an interrupted send by nonce in the history; it has to resend with
 * enforce_nonce (which answers with the message already created) or match on content.
 */
export function fetchedMessage(message: APIMessage & { guild_id?: string; member?: unknown }): APIMessage {
  const { nonce: _nonce, ...rest } = restMessage(message);
  return rest;
}
