import type { APIUser } from 'discord.js';
import type { FakeDiscordConfig } from './config.js';
import { Intent } from './intents.js';
import { botUserObject, guildChannelObject, guildObject, memberObject } from './objects.js';
import type { FakeDiscordState } from './state.js';

/** The READY and GUILD_CREATE payloads a fresh session gets. */

export function readyPayload(config: FakeDiscordConfig, sessionId: string, resumeUrl: string, shard: [number, number], ownsGuild: boolean): Record<string, unknown> {
  const user: APIUser = botUserObject(config);
  return {
    v: 10,
    user,
    // A shard is told only of its own guilds (the client then waits for their GUILD_CREATE).
    guilds: ownsGuild ? [{ id: config.guildId, unavailable: true }] : [],
    session_id: sessionId,
    session_type: 'normal',
    resume_gateway_url: resumeUrl,
    shard,
    application: { id: config.applicationId, flags: 0 },
    private_channels: [],
    relationships: [],
    presences: [],
    guild_join_requests: [],
    geo_ordered_rtc_regions: [],
    auth: {},
    user_settings: {},
  };
}

/**
 * GUILD_CREATE: the guild plus its channels, active threads, roles and members. Without the
 * GUILD_PRESENCES intent Discord lists only the bot itself (and members in voice) in `members`.
 */
export function guildCreatePayload(config: FakeDiscordConfig, state: FakeDiscordState, intents: number): Record<string, unknown> {
  const members = [...state.members.values()].filter((member) => intents & Intent.GuildPresences || member.user.id === config.botUserId);
  const channels = config.channels
    .map((seed, position) => ({ seed, position }))
    .filter(({ seed }) => seed.type !== 11 && seed.type !== 12 && seed.type !== 1)
    .map(({ seed, position }) => guildChannelObject(config, seed, position, false));
  const threads = [...state.channels.values()].filter((channel) => channel.type === 10 || channel.type === 11 || channel.type === 12);
  return {
    ...guildObject(config),
    joined_at: config.startedAt,
    large: false,
    unavailable: false,
    member_count: state.members.size,
    voice_states: [],
    members: members.map(memberObject),
    channels,
    threads,
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
