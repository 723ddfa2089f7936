/**
 * Events API bodies that Bolt cannot handle, caught before they reach it.
 *
 * Bolt 5 reads `body.event` without checking it: `getTypeAndConversation`
 * runs `'channel' in event`, which throws a TypeError for `null`, a string
 * or a number. Over HTTP the receiver turns that into a 500, and Slack
 * retries the event for hours; in Socket Mode nothing is acked, so Slack
 * retries too. Without any `event` Bolt cannot tell the body's type and never
 * acks (HTTP answers 404 after three seconds). Worse, in Socket Mode the
 * `@slack/socket-mode` client reads `payload.event.type` itself before Bolt
 * sees the envelope: a missing or null `event` throws inside its message
 * handler, an unhandled rejection that stops the process.
 *
 * A body like that is a payload we can never process, so retrying it helps
 * nobody: it is acked (HTTP 200 / socket ack) without running any listener,
 * and logged once with its `event_id` and why it was rejected.
 */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Why Bolt cannot process this body as an Events API event, or null when it
 * can (or when it is no event at all: url_verification, interactivity and
 * commands are Bolt's business). Bolt treats a body as an event when it has
 * an `event` field; an `event_callback` without one is an event gone wrong.
 */
export function malformedEventReason(body: unknown): string | null {
  if (!isRecord(body)) return `the body is ${kindOf(body)}, not an object`;
  if (body.type !== 'event_callback' && body.event === undefined) return null;
  const event = body.event;
  if (event === undefined) return 'event is missing';
  if (event === null) return 'event is null';
  if (!isRecord(event)) return `event is ${kindOf(event)}, not an object`;
  if (typeof event.type !== 'string') return 'event has no string type';
  return null;
}

/** The `event_id` of a body, for the log line; null when it has none. */
export function eventIdOf(body: unknown): string | null {
  return isRecord(body) && typeof body.event_id === 'string' ? body.event_id : null;
}

/** The SocketModeClient's internal event for every frame it receives (`@slack/socket-mode` 2.x and 3.x). */
const WS_MESSAGE = 'ws_message';

/**
 * The envelope type a malformed `events_api` envelope is relabelled to. The
 * client only dereferences `payload.event` for `events_api`; under any other
 * type it hands the payload to Bolt's receiver untouched, where
 * `malformedEventReason` rejects and acks it.
 */
export const REJECTED_ENVELOPE_TYPE = 'events_api_rejected';

function relabelMalformed(data: unknown): unknown {
  let text: string;
  if (typeof data === 'string') text = data;
  else if (data instanceof ArrayBuffer || data instanceof Uint8Array) text = new TextDecoder().decode(data);
  else return data;
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    return data;
  }
  if (!isRecord(envelope) || envelope.type !== 'events_api' || malformedEventReason(envelope.payload) === null) return data;
  return JSON.stringify({ ...envelope, type: REJECTED_ENVELOPE_TYPE });
}

type FrameHandler = (data: unknown, isBinary: unknown) => unknown;

/** The part of the SocketModeClient (an EventEmitter) the guard uses. */
export interface FrameEmitter {
  listeners(event: 'ws_message'): unknown[];
  removeAllListeners(event: 'ws_message'): unknown;
  on(event: 'ws_message', handler: FrameHandler): unknown;
}

/**
 * Puts a filter in front of a Socket Mode client's frame handler, so an
 * `events_api` envelope with a malformed payload reaches Bolt (which acks it
 * through our receiver) instead of crashing the client. Everything else
 * passes unchanged. Returns false when the client has no such handler (a
 * future version of the client): then nothing is changed.
 */
export function guardSocketModeClient(client: FrameEmitter): boolean {
  const handlers = client.listeners(WS_MESSAGE) as FrameHandler[];
  if (handlers.length === 0) return false;
  client.removeAllListeners(WS_MESSAGE);
  client.on(WS_MESSAGE, (data: unknown, isBinary: unknown) => {
    const forwarded = isBinary === true ? data : relabelMalformed(data);
    for (const handler of handlers) handler.call(client, forwarded, isBinary);
  });
  return true;
}
