import type { APIMessage, APIUser } from 'discord.js';
import type { FakeDiscordConfig } from './config.js';
import { dmChannelObject, guildChannelObject, threadObject, userObject, type ChannelObject, type MemberRecord } from './objects.js';
import type {
  FakeFailure,
  FakeInteractionResponse,
  FakeMessage,
  FakeReaction,
  FakeThread,
  GatewayFrame,
  RecordedRequest,
} from './types.js';
import { WaitableLog } from './waiters.js';

/** The fake Discord's mutable world: users, members, channels, messages, interactions, and what the bot did. */

/** A message as Discord holds it; guild messages also carry the gateway-only guild_id. */
export type StoredMessage = APIMessage & { guild_id?: string };

export interface InteractionRecord {
  id: string;
  token: string;
  /** Interaction type: 2 command, 3 component, 5 modal submit, … */
  type: number;
  applicationId: string;
  channelId: string | undefined;
  guildId: string | undefined;
  user: APIUser | undefined;
  /** The message a component (or a modal opened from one) is attached to. */
  componentMessageId: string | undefined;
  /** For application commands, the command type (1 chat input). */
  commandType: number | undefined;
  dispatchedAt: number;
  /** Callback type once responded. */
  responseType: number | null;
  /** The message @original refers to. */
  originalMessageId: string | null;
  /** Whether @original is still a deferred "thinking…" message. */
  loading: boolean;
  ephemeral: boolean;
}

interface QueuedFailure {
  method: string;
  pattern: RegExp;
  failure: FakeFailure;
  remaining: number;
}

const NONCE_WINDOW_MS = 2 * 60_000;

export class FakeDiscordState {
  readonly requests: RecordedRequest[] = [];
  readonly requestLog = new WaitableLog(this.requests);
  readonly gatewayFrames: GatewayFrame[] = [];
  readonly frameLog = new WaitableLog(this.gatewayFrames);

  readonly messages: FakeMessage[] = [];
  readonly threads: FakeThread[] = [];
  readonly interactionResponses: FakeInteractionResponse[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- application command objects as Discord returns them
  readonly commands: any[] = [];
  readonly reactions: FakeReaction[] = [];

  readonly users = new Map<string, APIUser>();
  readonly members = new Map<string, MemberRecord>();
  readonly channels = new Map<string, ChannelObject>();
  readonly messageStore = new Map<string, StoredMessage>();
  readonly interactions = new Map<string, InteractionRecord>();
  /** `${channel}:${author}:${nonce}` → message id and time, for enforce_nonce. */
  private readonly nonces = new Map<string, { id: string; at: number }>();
  private failures: QueuedFailure[] = [];
  /** `${METHOD} ${route template}` → ms between applying a request and answering it (`setLatency`; kept across `reset()`). */
  readonly latency = new Map<string, number>();
  /** IDENTIFYs so far: session_start_limit.remaining counts down from 1000. Never reset. */
  identifies = 0;

  constructor(readonly config: FakeDiscordConfig) {
    this.users.set(config.botUserId, userObject(config.botUserId, config.botUsername, true));
    this.members.set(config.botUserId, { user: this.user(config.botUserId), roles: [config.botRoleId], joined_at: config.startedAt });
    for (const seed of config.members) {
      const user = userObject(seed.userId, seed.username, seed.bot ?? false);
      this.users.set(seed.userId, user);
      this.members.set(seed.userId, { user, roles: [...seed.roles], joined_at: config.startedAt });
    }
    config.channels.forEach((seed, position) => {
      if (seed.type === 11 || seed.type === 12) {
        const init = { id: seed.id, type: seed.type, name: seed.name, parentId: seed.parent_id ?? '', ownerId: config.botUserId, autoArchiveDuration: 1440 };
        this.channels.set(seed.id, threadObject(config, init, false));
      } else if (seed.type === 1) {
        this.channels.set(seed.id, dmChannelObject(seed.id, undefined));
      } else {
        this.channels.set(seed.id, guildChannelObject(config, seed, position, true));
      }
    });
  }

  user(id: string): APIUser {
    const user = this.users.get(id);
    if (!user) throw new Error(`fake Discord: unknown user ${id}`);
    return user;
  }

  /** Registers (or renames) a user the tests talk about, keeping the existing record when there is one. */
  ensureUser(id: string, username: string | undefined, bot: boolean | undefined): APIUser {
    const existing = this.users.get(id);
    if (existing && username === undefined && bot === undefined) return existing;
    const user = userObject(id, username ?? existing?.username ?? `user${id.slice(-4)}`, bot ?? existing?.bot ?? false);
    this.users.set(id, user);
    const member = this.members.get(id);
    if (member) member.user = user;
    return user;
  }

  /** A guild member for this user, added (with these roles, or none) when it is not one yet. */
  ensureMember(user: APIUser, roles: string[] | undefined): MemberRecord {
    let member = this.members.get(user.id);
    if (!member) {
      member = { user, roles: roles ?? [], joined_at: new Date().toISOString() };
      this.members.set(user.id, member);
    } else if (roles) {
      member.roles = [...roles];
    }
    return member;
  }

  /** The DM channel with this user: existing, or the given id, or a new one. */
  ensureDmChannel(user: APIUser, id: string): ChannelObject {
    const existing = this.channels.get(id);
    if (existing?.type === 1) {
      existing.recipients = [user];
      return existing;
    }
    const channel = dmChannelObject(id, user);
    this.channels.set(id, channel);
    return channel;
  }

  isGuildChannel(channel: ChannelObject): boolean {
    return channel.type !== 1 && channel.type !== 3;
  }

  /** Returns the id of a message already created with this nonce (enforce_nonce), else remembers this one. */
  claimNonce(channelId: string, authorId: string, nonce: string | number, messageId: string): string | undefined {
    const key = `${channelId}:${authorId}:${nonce}`;
    const now = Date.now();
    const seen = this.nonces.get(key);
    if (seen && now - seen.at < NONCE_WINDOW_MS && this.messageStore.has(seen.id)) return seen.id;
    this.nonces.set(key, { id: messageId, at: now });
    return undefined;
  }

  /** The bot's record of a message it created or edited; created on first edit of a message it did not create. */
  botMessage(id: string): FakeMessage | undefined {
    return this.messages.find((message) => message.id === id);
  }

  queueFailure(method: string, pattern: RegExp, failure: FakeFailure, times: number): void {
    this.failures.push({ method: method.toUpperCase(), pattern, failure, remaining: times });
  }

  takeFailure(method: string, path: string): FakeFailure | undefined {
    const queued = this.failures.find((entry) => entry.method === method && new RegExp(entry.pattern.source, entry.pattern.flags).test(path));
    if (!queued) return undefined;
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.failures = this.failures.filter((entry) => entry !== queued);
    return queued.failure;
  }

  reset(): void {
    this.requestLog.clear();
    this.frameLog.clear();
    this.messages.length = 0;
    this.threads.length = 0;
    this.interactionResponses.length = 0;
    this.commands.length = 0;
    this.reactions.length = 0;
    this.failures = [];
    this.nonces.clear();
  }
}
