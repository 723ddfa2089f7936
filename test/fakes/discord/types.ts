/**
 * Public types of the fake Discord used by tests.
 *
 * The fake speaks the real wire protocols (REST API v10 over HTTP, the gateway over a websocket with
 * JSON encoding and optional zlib-stream transport compression), so the real `discord.js` 14 client
 * can be pointed at it with `new Client({ rest: { api: fake.restUrl } })`.
 */

export interface FakeChannelSeed {
  id: string;
  name: string;
  /** 0 text, 5 announcement, 11 public thread, 12 private thread, 15 forum, 1 DM. */
  type: number;
  /** Parent channel for threads (required for 11 / 12), or a category. */
  parent_id?: string;
}

export interface FakeRoleSeed {
  id: string;
  name: string;
  /** Permission bitfield as a decimal string. Default '0' (the @everyone role has Discord's defaults). */
  permissions?: string;
}

export interface FakeMemberSeed {
  userId: string;
  username: string;
  /** Role ids (not including @everyone, as Discord sends them). */
  roles: string[];
  bot?: boolean;
}

export interface FakeDiscordOptions {
  /** Default 'fake-bot-token'. REST calls must carry `Authorization: Bot <token>`; IDENTIFY / RESUME must carry it too. */
  token?: string;
  /** Default '900000000000000001'. */
  applicationId?: string;
  /**
   * Default '900000000000000002': deliberately NOT the application id, so code that confuses the
   * two (for example ignoring "self" messages by application id) fails in tests. Modern apps often
   * have bot user id == application id; pass `botUserId: applicationId` to model that.
   */
  botUserId?: string;
  /** Default 'support-bot'. */
  botUsername?: string;
  /** Default '800000000000000001'. */
  guildId?: string;
  /** Default 'Fake Support Guild'. */
  guildName?: string;
  /** Seeded into GUILD_CREATE (threads go to its `threads` list). Default: support (text), review (text), forum. */
  channels?: FakeChannelSeed[];
  /** Extra roles besides @everyone (id = guild id) and the bot's managed role. Default: agent, reviewer. */
  roles?: FakeRoleSeed[];
  /** Guild members besides the bot. Default: a customer and a reviewer (with the reviewer role). */
  members?: FakeMemberSeed[];
  /** HELLO's heartbeat_interval. Default 41250 (what Discord sends). */
  heartbeatIntervalMs?: number;
  /** How long after INTERACTION_CREATE the initial callback is accepted. Default 3000 (Discord's deadline). */
  interactionDeadlineMs?: number;
  /**
   * Dispatch the gateway events Discord sends back for the bot's own REST actions (MESSAGE_CREATE /
   * MESSAGE_UPDATE / MESSAGE_DELETE for its messages, THREAD_CREATE for its threads), subject to the
   * identified intents. Default true, like Discord: a bot sees its own messages.
   */
  echoOwnActions?: boolean;
  /**
   * Which privileged intents are switched on for the app in the developer portal. Identifying with one
   * that is off closes the gateway with 4014 Disallowed intent(s). Default: all on.
   */
  privilegedIntents?: { guildMembers?: boolean; guildPresences?: boolean; messageContent?: boolean };
}

/** A file part of a multipart request. */
export interface RecordedFile {
  /** The form field name, e.g. 'files[0]'. */
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

/** One REST request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** The path after `/api/v10`, each segment percent-decoded, e.g. '/channels/1/messages', '/webhooks/1/tok/messages/@original'. */
  path: string;
  query: Record<string, string>;
  /**
   * Parsed JSON body, or for multipart requests the parsed `payload_json` part
   * (files are in `files`). Null when there was no body.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary Discord request fields
  body: any;
  files: RecordedFile[];
  /** Lower-cased header names. */
  headers: Record<string, string>;
  status: number;
  /** The JSON the fake answered with (null for 204). */
  response: unknown;
  at: Date;
}

/** `status: 429` → a documented rate-limit response; anything else → `{message, code}` with that status. */
export type FakeFailure =
  | { status: 429; retryAfter: number; global?: boolean; scope?: 'user' | 'shared' }
  | { status: number; code?: number; message?: string };

/** A message the bot created or edited through REST (channel messages, interaction responses, follow-ups). */
export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  nonce: string | number | undefined;
  allowed_mentions: unknown;
  edited: boolean;
  flags: number;
  /** Present for replies: the referenced message. */
  message_reference: unknown;
  /** File names of attachments uploaded with the message. */
  attachments: string[];
  /** The interaction this message answers (callback type 4 / 5, follow-ups, @original edits). */
  interaction_id: string | undefined;
}

export interface FakeThread {
  id: string;
  parent_id: string;
  name: string;
  type: number;
  /** The message the thread was started from; for forum posts, the starter message (same id as the thread). */
  message_id?: string;
  applied_tags?: string[];
}

export interface FakeInteractionResponse {
  interactionId: string;
  type: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary callback data
  data: any;
}

export interface FakeReaction {
  channel_id: string;
  message_id: string;
  /** Decoded: '👍' or 'name:id'. */
  emoji: string;
}

/** A gateway payload, as sent by the fake or received from a client. */
export interface GatewayFrame {
  /** 1, 2, 3, … per websocket connection accepted by the fake. */
  connection: number;
  direction: 'received' | 'sent';
  op: number;
  t: string | null;
  s: number | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary payload data
  d: any;
  at: Date;
}

export interface MessageCreateFields {
  channelId: string;
  authorId: string;
  /** Default: the seeded member's username, else 'user' + the id's last 4 digits. */
  username?: string;
  content: string;
  bot?: boolean;
  /** Default: true unless the channel is a DM channel (type 1). A guild:false message registers a DM channel. */
  guild?: boolean;
  id?: string;
  nonce?: string;
  /** Make this a reply to that message (type 19 with message_reference). */
  replyToMessageId?: string;
}

export interface ButtonInteractionFields {
  customId: string;
  userId: string;
  /** Default: the seeded member's roles. */
  roles?: string[];
  channelId: string;
  /** The message carrying the button; a message the fake knows is embedded as-is, else one is synthesized. */
  messageId: string;
  guild?: boolean;
  username?: string;
}

export interface ModalSubmitInteractionFields {
  customId: string;
  userId: string;
  roles?: string[];
  channelId: string;
  /** Text input custom_id → value, sent as action rows of text inputs. */
  values: Record<string, string>;
  /** Set when the modal was opened from a component on this message. */
  messageId?: string;
  guild?: boolean;
  username?: string;
}

export interface CommandInteractionFields {
  name: string;
  options?: object[];
  userId: string;
  roles?: string[];
  channelId: string;
  guild?: boolean;
  username?: string;
}

export interface FakeDiscord {
  /** 'http://127.0.0.1:PORT/api' — pass as `rest: { api: restUrl }`; discord.js appends '/v10'. */
  restUrl: string;
  /** 'ws://127.0.0.1:PORT/gateway' — what GET /gateway/bot returns. */
  gatewayUrl: string;
  /** 'ws://127.0.0.1:PORT/gateway-resume' — READY's resume_gateway_url. */
  resumeGatewayUrl: string;
  applicationId: string;
  botUserId: string;
  guildId: string;

  /** Every REST call, in order, including rejected ones. */
  requests: RecordedRequest[];
  /**
   * Resolves with an existing or future matching request, once the fake has applied it and decided its answer
   * (under `setLatency` that is before the answer is sent); rejects after `timeoutMs` (default 5000).
   */
  waitForRequest(method: string, pathPattern: RegExp, predicate?: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** The next `times` (default 1) matching requests fail with the given response. */
  failNext(method: string, pathPattern: RegExp, failure: FakeFailure, times?: number): void;
  /**
   * Slow Discord: requests to this route are applied on receipt (stored, recorded, and their gateway
   * events dispatched) and answered `ms` later — or never, if the client goes away first. `route` is
   * the route template as Discord's docs write it, e.g. `setLatency('POST', '/channels/:channel/messages', 500)`
   * for Create Message; an unknown one throws. 0 turns it off. Kept by `reset()`.
   */
  setLatency(method: string, route: string, ms: number): void;

  /** Resolves once a client has identified and been sent READY (+ GUILD_CREATE when it asked for the Guilds intent). */
  ready(timeoutMs?: number): Promise<void>;
  /** Sends a DISPATCH (op 0) with the session's next sequence number; waits (default 5 s) for a session if there is none yet. */
  dispatch(event: string, data: object): Promise<void>;
  /** Builds a documented MESSAGE_CREATE (member + mentions for guild messages), dispatches it when the intents allow, returns the message. */
  messageCreate(fields: MessageCreateFields): Promise<Record<string, unknown>>;
  /** Dispatches INTERACTION_CREATE and resolves with the bot's callback request (the first one, whatever its status). */
  interactionCreate(payload: object, timeoutMs?: number): Promise<{ callback: RecordedRequest }>;
  /** The user id a dispatched interaction came from (its member's user, or its user in DMs); undefined for an unknown id. */
  interactionUserId(interactionId: string): string | undefined;
  /** A MESSAGE_COMPONENT (type 3) button interaction payload. */
  buttonInteraction(fields: ButtonInteractionFields): Record<string, unknown>;
  /** A MODAL_SUBMIT (type 5) interaction payload. */
  modalSubmitInteraction(fields: ModalSubmitInteractionFields): Record<string, unknown>;
  /** An APPLICATION_COMMAND (type 2, chat input) interaction payload; uses the registered command's id when there is one. */
  commandInteraction(fields: CommandInteractionFields): Record<string, unknown>;

  /** Sends op 7 RECONNECT; events dispatched until the client RESUMEs are replayed to it then. */
  requestReconnect(): void;
  /** Sends op 9 INVALID_SESSION; when not resumable the session is forgotten (a RESUME would fail). */
  invalidateSession(resumable: boolean): void;
  /** Extra events to dispatch after the missed ones when the next successful RESUME arrives. */
  replayAfterResume(events: { event: string; data: object }[]): void;
  /** Every gateway payload sent and received, in order. */
  gatewayFrames: GatewayFrame[];
  /** Resolves with an existing or future payload the client sent with this op. */
  waitForGatewayFrame(op: number, predicate?: (frame: GatewayFrame) => boolean, timeoutMs?: number): Promise<GatewayFrame>;

  messages: FakeMessage[];
  threads: FakeThread[];
  interactionResponses: FakeInteractionResponse[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- application command objects as Discord returns them
  commands: any[];
  reactions: FakeReaction[];

  /** Clears recorded requests, messages, threads, responses, commands, reactions, gateway frames and queued failures. Connections and sessions stay. */
  reset(): void;
  /** Closes every websocket and the HTTP server; rejects pending waits. */
  close(): Promise<void>;
}
