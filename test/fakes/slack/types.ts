/**
 * Public types of the fake Slack used by tests.
 *
 * The fake speaks the real wire protocols (Web API over HTTP, Socket Mode over a websocket,
 * signed Events API requests, response_url posts), so the real `@slack/bolt`, `@slack/web-api`
 * and `@slack/socket-mode` packages can be pointed at it with `clientOptions.slackApiUrl`.
 */

export interface FakeSlackOptions {
  /** Default 'xoxb-test-bot-token'. Web API calls must carry it as a Bearer header (or a `token` form field). */
  botToken?: string;
  /** Default 'xapp-test-app-token'. The only token `apps.connections.open` accepts, and only as a Bearer header. */
  appToken?: string;
  /** Default 'test-signing-secret'. Used by `sign()` and `postSigned()`. */
  signingSecret?: string;
  /** Default 'UBOT'. Returned by `auth.test` as `user_id`; the author of the bot's messages. */
  botUserId?: string;
  /** Default 'BBOT'. Returned by `auth.test` as `bot_id`. */
  botId?: string;
  /** Default 'T0001'. */
  teamId?: string;
  /** Default 'A0001'. Sent in the Socket Mode `hello` and on the bot's messages. */
  appId?: string;
  /** Directory for `users.info`. The bot user is always known (as a bot) unless overridden here. */
  users?: Record<string, { name: string; is_bot?: boolean }>;
  /** `usergroups.users.list`: group id → user ids. */
  usergroups?: Record<string, string[]>;
  /**
   * Channels for `conversations.info`. When omitted, any well-formed conversation id
   * (C…, G…, D…) is answered with a synthesized channel; when given, unknown ids are `channel_not_found`.
   */
  channels?: Record<string, { name: string; is_private?: boolean; is_im?: boolean }>;
}

/** One Web API call as the fake received it. */
export interface RecordedCall {
  /** The method name from the URL, e.g. 'chat.postMessage'. */
  method: string;
  /**
   * Arguments parsed from the query string and the JSON, form or multipart body, without `token`.
   * Form fields that look like JSON (`blocks`, `view`, `files`, …) are parsed; other form values stay strings.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary Slack arguments
  args: Record<string, any>;
  /** The token used (Bearer header, or the `token` form field), or null when none was sent. */
  token: string | null;
  at: Date;
  /** The request's content type, lower-cased, without parameters ('' when absent). */
  contentType: string;
  /** HTTP status the fake answered with (200, or 429 when rate limited). */
  status: number;
  /** The JSON body the fake answered with (or, under `setLatency`, is about to answer with: calls are recorded once applied). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary Slack response fields
  response: Record<string, any>;
}

/** Slack message metadata (event metadata): what `chat.postMessage` accepts as `metadata`. */
export interface SlackMessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

/** `ok:false` with the given error, or HTTP 429 with `Retry-After`. */
export type FakeFailure = { error: string } | { rateLimitedSeconds: number };

/** A message the bot posted, as it stands now (`chat.update` edits it in place, `chat.delete` removes it). */
export interface PostedMessage {
  channel: string;
  ts: string;
  thread_ts: string | undefined;
  text: string | undefined;
  blocks: unknown[] | undefined;
  /** For ephemeral messages: the user who sees it. Undefined for ordinary messages. */
  user?: string;
  /** The message's metadata: from `chat.postMessage`, kept by `chat.update` unless it passes new `metadata` (`{}` removes it). */
  metadata?: SlackMessageMetadata;
  ephemeral: boolean;
  updated: boolean;
}

export interface RecordedReaction {
  channel: string;
  timestamp: string;
  name: string;
}

export interface RecordedView {
  /** The trigger the view was opened with (kept when the view is updated). */
  trigger_id: string;
  /** The full view object the fake returned (the app's view plus id, hash, state, …). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary Block Kit fields
  view: any;
  id: string;
}

/** A file started with `files.getUploadURLExternal`, uploaded to its URL, shared by `files.completeUploadExternal`. */
export interface UploadedFile {
  id: string;
  filename: string;
  title: string | undefined;
  /** The declared `length`. */
  length: number;
  /** The bytes posted to the upload URL, or null until then. */
  data: Buffer | null;
  completed: boolean;
  channel_id: string | undefined;
  thread_ts: string | undefined;
  initial_comment: string | undefined;
}

export interface ResponseUrlPost {
  url: string;
  /** Parsed JSON, or the raw text when the body was not JSON. */
  body: unknown;
}

export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';
export type DisconnectReason = 'refresh_requested' | 'warning' | 'link_disabled';

export interface EnvelopeOptions {
  /** Default: a random UUID, like Slack's. */
  envelopeId?: string;
  /** events_api only; default 0. */
  retryAttempt?: number;
  /** events_api only; default ''. */
  retryReason?: string;
  /** Default: true for slash_commands and for view_submission / block_suggestion interactions, else false. */
  acceptsResponsePayload?: boolean;
  /** How long to wait for a connected client and then for its ack. Default 5000 ms. */
  timeoutMs?: number;
}

/** What the client sent back for an envelope. */
export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

export interface SignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

export interface PostSignedOptions {
  /**
   * Send `application/x-www-form-urlencoded`: an object with a `payload` key becomes `payload=<json>`
   * (interactivity), any other object becomes its fields (slash commands), a string is sent as-is.
   * Default false: JSON (Events API).
   */
  form?: boolean;
  /** Unix seconds for the signature; default now. */
  timestamp?: number;
  /** Sign with another secret (to test rejection). */
  secret?: string;
  /** Extra or overriding headers, e.g. `x-slack-retry-num`. */
  headers?: Record<string, string>;
}

export interface SignedPostResult {
  status: number;
  body: string;
  headers: Headers;
}

export interface FakeSlack {
  /** 'http://127.0.0.1:PORT/api/' — pass as Bolt's / WebClient's `slackApiUrl`. */
  apiUrl: string;
  /** Every Web API call, in order, including rejected ones. */
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Resolves with an existing or future matching call (after the fake has applied it); rejects after `timeoutMs` (default 5000). */
  waitForCall(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** The next `times` (default 1) calls to `method` fail: `ok:false` with the error, or HTTP 429 + Retry-After. */
  failNext(method: string, failure: FakeFailure, times?: number): void;
  /**
   * Slow Slack: calls to `method` are applied (and recorded, so `waitForCall` resolves) on receipt,
   * and answered `ms` later — or never, if the client goes away first. 0 turns it off. Kept by `reset()`.
   * Models a Slack under which a client killed mid-request has in fact posted.
   */
  setLatency(method: string, ms: number): void;

  /** Resolves when a Socket Mode client is connected and has been sent `hello` (at once if one already is). */
  socketConnected(timeoutMs?: number): Promise<void>;
  /** Pushes an envelope to the connected client; resolves with its ack. */
  sendEnvelope(type: EnvelopeType, payload: object, options?: EnvelopeOptions): Promise<SocketAck>;
  /** Sends `{type:'disconnect', reason}` to every connected client, then closes their sockets. Default reason 'warning'. */
  disconnect(reason?: DisconnectReason): void;

  /** Slack request signing: `v0=` + HMAC-SHA256(secret, `v0:{timestamp}:{body}`). Timestamp defaults to now. */
  sign(body: string, timestamp?: number, secret?: string): SignatureHeaders;
  /** POSTs a signed request the way Slack does (to a Bolt HTTP receiver, for instance). */
  postSigned(url: string, body: object | string, options?: PostSignedOptions): Promise<SignedPostResult>;

  /** A fresh, unique response_url on the fake; JSON posted to it is recorded in `responseUrlPosts`. */
  responseUrl(): string;
  responseUrlPosts: ResponseUrlPost[];

  messages: PostedMessage[];
  reactions: RecordedReaction[];
  views: RecordedView[];
  files: UploadedFile[];

  /** Clears calls, messages, reactions, views, files, response_url posts and queued failures. Sockets stay connected. */
  reset(): void;
  /** Closes the HTTP server, every websocket and every held socket; rejects pending acks and waits. */
  close(): Promise<void>;
}
