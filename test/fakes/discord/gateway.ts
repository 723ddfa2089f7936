import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { ZlibStreamEncoder } from './compression.js';
import type { FakeDiscordConfig } from './config.js';
import { guildCreatePayload, readyPayload } from './guild-create.js';
import { guildShard, sessionId as newSessionId } from './ids.js';
import { ALL_INTENTS, Intent } from './intents.js';
import type { GatewayEcho } from './routes/types.js';
import type { FakeDiscordState } from './state.js';

/**
 * The gateway. A client connects to GATEWAY_PATH (or, to resume, READY's resume_gateway_url),
 * gets HELLO, and IDENTIFYs (READY, then GUILD_CREATE) or RESUMEs (missed events replayed, then
 * RESUMED). Heartbeats are ACKed. The fake logs every dispatch per session with its sequence
 * number so a RESUME can replay what the client missed; op 7 and op 9 are sent on request.
 *
 * Sharding as Discord does it: each IDENTIFY names its shard [id, count]; one session per
 * shard id receives dispatches; a guild's events go to shard (guild_id >> 22) % count (its
 * GUILD_CREATE and its place in READY too), and direct messages to shard 0.
 */

export const GATEWAY_PATH = '/gateway';
export const RESUME_PATH = '/gateway-resume';

const Op = { Dispatch: 0, Heartbeat: 1, Identify: 2, PresenceUpdate: 3, VoiceStateUpdate: 4, Resume: 6, Reconnect: 7, RequestGuildMembers: 8, InvalidSession: 9, Hello: 10, HeartbeatAck: 11, RequestSoundboardSounds: 31, RequestChannelInfo: 43 } as const;
const CLIENT_OPS = new Set<number>([Op.Heartbeat, Op.Identify, Op.PresenceUpdate, Op.VoiceStateUpdate, Op.Resume, Op.RequestGuildMembers, Op.RequestSoundboardSounds, Op.RequestChannelInfo]);
const Close = { UnknownError: 4000, UnknownOpcode: 4001, DecodeError: 4002, NotAuthenticated: 4003, AuthenticationFailed: 4004, AlreadyAuthenticated: 4005, InvalidSeq: 4007, InvalidShard: 4010, InvalidApiVersion: 4012, InvalidIntents: 4013, DisallowedIntents: 4014 } as const;
const DEFAULT_WAIT_MS = 5000;

interface LoggedDispatch {
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  /** [shard id, shard count] from IDENTIFY ([0, 1] when the client does not shard). */
  shard: [number, number];
  seq: number;
  intents: number;
  log: LoggedDispatch[];
  connection: Connection | null;
  invalid: boolean;
  /** READY (and GUILD_CREATE, when asked for) sent. */
  ready: boolean;
}

interface Connection {
  number: number;
  ws: WebSocket;
  encoder: ZlibStreamEncoder | null;
  /** Set once IDENTIFY or RESUME succeeded on this connection. */
  session: Session | null;
  /** Whether dispatches go out on this connection (false after op 7 / op 9, until RESUME). */
  live: boolean;
  chain: Promise<void>;
}

export interface GatewayHooks {
  /** Called for every event the tests dispatch (not for echoes), before it is sent. */
  beforeDispatch(event: string, data: object): void;
}

export class GatewayHub implements GatewayEcho {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Connection>();
  private readonly sessions = new Map<string, Session>();
  /** The session receiving each shard's dispatches. */
  private readonly byShard = new Map<number, Session>();
  private replayQueue: { event: string; data: object }[] = [];
  private readonly readyWaiters = new Set<{ wake: () => void; fail: (error: Error) => void }>();
  private connectionCount = 0;
  private closed = false;

  constructor(
    private readonly config: FakeDiscordConfig,
    private readonly state: FakeDiscordState,
    private readonly hooks: GatewayHooks,
    private readonly resumeUrl: () => string,
  ) {}

  /** Shard 0's session: the one an unsharded client has, and the one tests act on by default. */
  private get current(): Session | null {
    return this.byShard.get(0) ?? null;
  }

  /** Which shard a dispatch belongs to: its guild's, or 0 for what no guild owns (direct messages). */
  private shardOf(data: object): number {
    const guildId = (data as { guild_id?: unknown }).guild_id;
    const count = this.current?.shard[1] ?? [...this.byShard.values()][0]?.shard[1] ?? 1;
    return typeof guildId === 'string' && /^\d+$/.test(guildId) ? guildShard(guildId, count) : 0;
  }

  private forget(session: Session): void {
    if (this.byShard.get(session.shard[0]) === session) this.byShard.delete(session.shard[0]);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.closed) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, new URL(req.url ?? '/', 'http://127.0.0.1')));
  }

  private accept(ws: WebSocket, url: URL): void {
    const connection: Connection = { number: ++this.connectionCount, ws, encoder: null, session: null, live: false, chain: Promise.resolve() };
    this.connections.add(connection);
    ws.on('message', (data, isBinary) => this.onMessage(connection, data, isBinary));
    ws.on('close', (code) => this.onClose(connection, code));
    ws.on('error', () => ws.terminate());

    const version = url.searchParams.get('v');
    if (version !== '10' && version !== '9') return this.closeWith(connection, Close.InvalidApiVersion, 'Invalid API version');
    const encoding = url.searchParams.get('encoding') ?? 'json';
    if (encoding !== 'json') return this.closeWith(connection, Close.DecodeError, 'fake Discord speaks encoding=json only');
    const compress = url.searchParams.get('compress');
    if (compress === 'zlib-stream') connection.encoder = new ZlibStreamEncoder();
    else if (compress !== null) return this.closeWith(connection, Close.UnknownError, `fake Discord: compress=${compress} is not supported`);
    void this.send(connection, { op: Op.Hello, d: { heartbeat_interval: this.config.heartbeatIntervalMs }, s: null, t: null });
  }

  private closeWith(connection: Connection, code: number, reason: string): void {
    connection.live = false;
    void connection.chain.then(() => connection.ws.close(code, reason));
  }

  private send(connection: Connection, payload: { op: number; d: unknown; s: number | null; t: string | null }): Promise<void> {
    const text = JSON.stringify(payload);
    this.state.frameLog.push({ connection: connection.number, direction: 'sent', op: payload.op, t: payload.t, s: payload.s, d: payload.d, at: new Date() });
    const { encoder } = connection;
    connection.chain = connection.chain
      .then(async () => {
        const data = encoder ? await encoder.encode(text) : text;
        if (connection.ws.readyState !== connection.ws.OPEN) return;
        await new Promise<void>((resolve) => connection.ws.send(data, () => resolve()));
      })
      .catch(() => undefined);
    return connection.chain;
  }

  /** Logs a dispatch in the session (next sequence number) and sends it when the session has a live connection. */
  private sendDispatch(session: Session, event: string, data: unknown): Promise<void> {
    session.seq += 1;
    session.log.push({ s: session.seq, t: event, d: data });
    const connection = session.connection;
    if (!connection?.live) return Promise.resolve();
    return this.send(connection, { op: Op.Dispatch, d: data, s: session.seq, t: event });
  }

  private onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    let payload: { op?: unknown; d?: unknown } | null = null;
    try {
      payload = isBinary ? null : (JSON.parse(data.toString()) as { op?: unknown; d?: unknown });
    } catch {
      payload = null;
    }
    if (!payload || typeof payload !== 'object' || typeof payload.op !== 'number') return this.closeWith(connection, Close.DecodeError, 'Error while decoding payload.');
    this.state.frameLog.push({ connection: connection.number, direction: 'received', op: payload.op, t: null, s: null, d: payload.d ?? null, at: new Date() });
    const d = payload.d;
    switch (payload.op) {
      case Op.Heartbeat:
        void this.send(connection, { op: Op.HeartbeatAck, d: null, s: null, t: null });
        return;
      case Op.Identify:
        return this.identify(connection, (d ?? {}) as Record<string, unknown>);
      case Op.Resume:
        return this.resume(connection, (d ?? {}) as Record<string, unknown>);
      default:
        if (!CLIENT_OPS.has(payload.op)) return this.closeWith(connection, Close.UnknownOpcode, 'Unknown opcode.');
        if (!connection.session) return this.closeWith(connection, Close.NotAuthenticated, 'Not authenticated.');
        if (payload.op === Op.RequestGuildMembers) this.answerMemberRequest(connection.session, (d ?? {}) as Record<string, unknown>);
    }
  }

  private identify(connection: Connection, d: Record<string, unknown>): void {
    if (connection.session) return this.closeWith(connection, Close.AlreadyAuthenticated, 'Already authenticated.');
    if (d.token !== this.config.token) return this.closeWith(connection, Close.AuthenticationFailed, 'Authentication failed.');
    const intents = d.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0 || (intents & ~ALL_INTENTS) !== 0) {
      return this.closeWith(connection, Close.InvalidIntents, 'Invalid intent(s).');
    }
    if (intents & this.config.disallowedIntents) return this.closeWith(connection, Close.DisallowedIntents, 'Disallowed intent(s).');
    const shard = d.shard;
    if (shard !== undefined && !(Array.isArray(shard) && shard.length === 2 && Number.isInteger(shard[0]) && Number.isInteger(shard[1]) && shard[0] >= 0 && shard[0] < shard[1])) {
      return this.closeWith(connection, Close.InvalidShard, 'Invalid shard.');
    }
    this.state.identifies += 1;
    const shardPair: [number, number] = Array.isArray(shard) ? [shard[0] as number, shard[1] as number] : [0, 1];
    const session: Session = { id: newSessionId(), shard: shardPair, seq: 0, intents, log: [], connection, invalid: false, ready: false };
    this.sessions.set(session.id, session);
    const previous = this.byShard.get(shardPair[0]);
    if (previous && previous !== session) previous.invalid = true;
    this.byShard.set(shardPair[0], session);
    connection.session = session;
    connection.live = true;
    const ownsGuild = guildShard(this.config.guildId, shardPair[1]) === shardPair[0];
    void this.sendDispatch(session, 'READY', readyPayload(this.config, session.id, this.resumeUrl(), shardPair, ownsGuild));
    if (ownsGuild && intents & Intent.Guilds) void this.sendDispatch(session, 'GUILD_CREATE', guildCreatePayload(this.config, this.state, intents));
    session.ready = true;
    for (const waiter of [...this.readyWaiters]) waiter.wake();
  }

  private resume(connection: Connection, d: Record<string, unknown>): void {
    if (connection.session && connection.live) return this.closeWith(connection, Close.AlreadyAuthenticated, 'Already authenticated.');
    if (d.token !== this.config.token) return this.closeWith(connection, Close.AuthenticationFailed, 'Authentication failed.');
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    if (!session || session.invalid) {
      // The session cannot be resumed: the client must IDENTIFY again.
      void this.send(connection, { op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    if (seq > session.seq) return this.closeWith(connection, Close.InvalidSeq, 'Invalid seq.');
    const previous = session.connection;
    if (previous && previous !== connection) {
      previous.session = null;
      previous.live = false;
      previous.ws.close(Close.UnknownError, 'Session resumed elsewhere');
    }
    session.connection = connection;
    connection.session = session;
    connection.live = true;
    for (const missed of session.log.filter((entry) => entry.s > seq)) {
      void this.send(connection, { op: Op.Dispatch, d: missed.d, s: missed.s, t: missed.t });
    }
    const extra = this.replayQueue;
    this.replayQueue = [];
    for (const { event, data } of extra) {
      this.hooks.beforeDispatch(event, data);
      void this.sendDispatch(session, event, data);
    }
    void this.sendDispatch(session, 'RESUMED', {});
  }

  private answerMemberRequest(session: Session, d: Record<string, unknown>): void {
    const ids = Array.isArray(d.user_ids) ? d.user_ids.map(String) : typeof d.user_ids === 'string' ? [d.user_ids] : null;
    const query = typeof d.query === 'string' ? d.query.toLowerCase() : '';
    const limit = typeof d.limit === 'number' && d.limit > 0 ? d.limit : Number.POSITIVE_INFINITY;
    const members = [...this.state.members.values()]
      .filter((member) => (ids ? ids.includes(member.user.id) : member.user.username.toLowerCase().startsWith(query)))
      .slice(0, limit);
    const notFound = ids ? ids.filter((id) => !this.state.members.has(id)) : [];
    void this.sendDispatch(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: this.config.guildId,
      members: members.map((member) => ({ user: member.user, roles: member.roles, joined_at: member.joined_at, nick: null, avatar: null, banner: null, premium_since: null, deaf: false, mute: false, flags: 0, pending: false, communication_disabled_until: null })),
      chunk_index: 0,
      chunk_count: 1,
      ...(notFound.length ? { not_found: notFound } : {}),
      ...(typeof d.nonce === 'string' ? { nonce: d.nonce } : {}),
    });
  }

  private onClose(connection: Connection, code: number): void {
    this.connections.delete(connection);
    connection.encoder?.close();
    const session = connection.session;
    connection.live = false;
    if (!session || session.connection !== connection) return;
    session.connection = null;
    // Closing with 1000 / 1001 ends the session (the bot goes offline); other codes keep it resumable.
    if (code === 1000 || code === 1001) {
      session.invalid = true;
      this.forget(session);
    }
  }

  /** The session that receives a shard's dispatches, waiting for one to be identified if needed. */
  async session(timeoutMs = DEFAULT_WAIT_MS, shardId = 0): Promise<Session> {
    await this.ready(timeoutMs, shardId);
    const session = this.byShard.get(shardId);
    if (!session) throw new Error(`fake Discord: no gateway session for shard ${shardId}`);
    return session;
  }

  /** Resolves once a client has identified as `shardId` (0: an unsharded client) and got READY. */
  async ready(timeoutMs = DEFAULT_WAIT_MS, shardId = 0): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.byShard.get(shardId)?.ready) await this.nextIdentify(deadline - Date.now(), shardId);
  }

  private nextIdentify(timeoutMs: number, shardId: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error('fake Discord: closed'));
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer);
        this.readyWaiters.delete(waiter);
        if (error) reject(error);
        else resolve();
      };
      const waiter = { wake: () => settle(), fail: (error: Error) => settle(error) };
      const timer = setTimeout(
        () => settle(new Error(`fake Discord: no client identified as shard ${shardId} in time (did it log in with rest.api = fake.restUrl?)`)),
        Math.max(1, timeoutMs),
      );
      this.readyWaiters.add(waiter);
    });
  }

  async dispatch(event: string, data: object, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    if (this.closed) throw new Error('fake Discord: closed');
    const session = await this.session(timeoutMs, this.shardOf(data));
    this.hooks.beforeDispatch(event, data);
    await this.sendDispatch(session, event, data);
  }

  /** The intents of the current session, or null when no client has identified. */
  intents(): number | null {
    return this.current?.intents ?? null;
  }

  echo(event: string, data: object, intent: number): void {
    const session = this.byShard.get(this.shardOf(data)) ?? null;
    if (!this.config.echoOwnActions || !session || (session.intents & intent) !== intent) return;
    void this.sendDispatch(session, event, data);
  }

  private liveConnection(what: string): Connection {
    const connection = this.current?.connection;
    if (!connection?.live) throw new Error(`fake Discord: ${what} needs a connected, identified client`);
    return connection;
  }

  requestReconnect(): void {
    const connection = this.liveConnection('requestReconnect()');
    connection.live = false;
    void this.send(connection, { op: Op.Reconnect, d: null, s: null, t: null });
  }

  invalidateSession(resumable: boolean): void {
    const connection = this.liveConnection('invalidateSession()');
    const session = connection.session;
    connection.live = false;
    connection.session = null;
    if (session && !resumable) {
      session.invalid = true;
      this.forget(session);
    }
    void this.send(connection, { op: Op.InvalidSession, d: resumable, s: null, t: null });
  }

  replayAfterResume(events: { event: string; data: object }[]): void {
    this.replayQueue.push(...events);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of [...this.readyWaiters]) waiter.fail(new Error('fake Discord: closed'));
    for (const connection of this.connections) {
      connection.encoder?.close();
      connection.ws.terminate();
    }
    this.connections.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
