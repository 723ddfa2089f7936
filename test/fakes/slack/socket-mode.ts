import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { FakeSlackConfig } from './config.js';
import { envelopeId, urlToken } from './ids.js';
import type { DisconnectReason, EnvelopeOptions, EnvelopeType, SocketAck } from './types.js';

/**
 * The Socket Mode side of the fake. `apps.connections.open` hands out one-time `ws://…/link?ticket=…`
 * URLs; a client that connects with a valid ticket gets `hello` (which is what the SDK waits for
 * before it calls itself connected), then envelopes; it acks each with `{envelope_id, payload}`.
 * Pings from the client are answered by `ws` automatically; the fake never pings first (the SDK
 * only starts its server-ping watchdog after a first ping from the server).
 */

export const LINK_PATH = '/link';
const DEBUG_HOST = 'applink-fake-1';
const DEFAULT_TIMEOUT_MS = 5000;

interface Connection {
  ws: WebSocket;
  /** Hello sent and not told to disconnect: envelopes may be sent here. */
  ready: boolean;
}

interface PendingAck {
  connection: Connection;
  resolve(ack: SocketAck): void;
  reject(error: Error): void;
}

function defaultAcceptsResponsePayload(type: EnvelopeType, payload: object): boolean {
  if (type === 'slash_commands') return true;
  if (type !== 'interactive') return false;
  const kind = (payload as { type?: unknown }).type;
  return kind === 'view_submission' || kind === 'block_suggestion';
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: () => string, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new Error(message()));
    }, timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export class SocketModeHub {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly connections = new Set<Connection>();
  private readonly pending = new Map<string, PendingAck>();
  private readonly readyWaiters = new Set<(connection: Connection) => void>();
  private closed = false;

  constructor(private readonly config: FakeSlackConfig) {}

  /** A one-time websocket URL, as returned by apps.connections.open. */
  issueUrl(): string {
    const ticket = urlToken();
    this.tickets.add(ticket);
    const origin = this.config.origin.replace(/^http/, 'ws');
    return `${origin}${LINK_PATH}?ticket=${ticket}&app_id=${encodeURIComponent(this.config.appId)}`;
  }

  /** Handles an HTTP upgrade on LINK_PATH: accepts a valid unused ticket, refuses anything else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (this.closed || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    const connection: Connection = { ws, ready: false };
    this.connections.add(connection);
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => this.onClose(connection));
    ws.on('error', () => ws.terminate());
    connection.ready = true;
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.readyConnections().length,
        debug_info: { host: DEBUG_HOST, build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.config.appId },
      }),
    );
    for (const wake of [...this.readyWaiters]) wake(connection);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    const id = (message as { envelope_id?: unknown } | null)?.envelope_id;
    if (typeof id !== 'string') return;
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    const ack: SocketAck = { envelope_id: id };
    if ((message as { payload?: unknown }).payload !== undefined) ack.payload = (message as { payload?: unknown }).payload;
    waiting.resolve(ack);
  }

  private onClose(connection: Connection): void {
    connection.ready = false;
    this.connections.delete(connection);
    for (const [id, waiting] of this.pending) {
      if (waiting.connection !== connection) continue;
      this.pending.delete(id);
      waiting.reject(new Error(`fake Slack: the Socket Mode connection closed before envelope ${id} was acked`));
    }
  }

  private readyConnections(): Connection[] {
    return [...this.connections].filter((connection) => connection.ready);
  }

  /** The newest ready connection, waiting for one if there is none yet. */
  private waitForReady(timeoutMs: number): Promise<Connection> {
    const current = this.readyConnections().at(-1);
    if (current) return Promise.resolve(current);
    let wake: ((connection: Connection) => void) | undefined;
    const waiting = new Promise<Connection>((resolve) => {
      wake = (connection) => {
        if (wake) this.readyWaiters.delete(wake);
        resolve(connection);
      };
      this.readyWaiters.add(wake);
    });
    return withTimeout(
      waiting,
      timeoutMs,
      () => `fake Slack: no Socket Mode client connected within ${timeoutMs} ms (did the app start, and call apps.connections.open?)`,
      () => {
        if (wake) this.readyWaiters.delete(wake);
      },
    );
  }

  async connected(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    await this.waitForReady(timeoutMs);
  }

  async sendEnvelope(type: EnvelopeType, payload: object, options: EnvelopeOptions = {}): Promise<SocketAck> {
    if (this.closed) throw new Error('fake Slack: closed');
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const connection = await this.waitForReady(timeoutMs);
    const id = options.envelopeId ?? envelopeId();
    if (this.pending.has(id)) throw new Error(`fake Slack: envelope ${id} is already waiting for an ack`);
    const envelope: Record<string, unknown> = {
      envelope_id: id,
      type,
      payload,
      accepts_response_payload: options.acceptsResponsePayload ?? defaultAcceptsResponsePayload(type, payload),
    };
    if (type === 'events_api') {
      envelope.retry_attempt = options.retryAttempt ?? 0;
      envelope.retry_reason = options.retryReason ?? '';
    }
    const acked = new Promise<SocketAck>((resolve, reject) => this.pending.set(id, { connection, resolve, reject }));
    connection.ws.send(JSON.stringify(envelope));
    return withTimeout(
      acked,
      timeoutMs,
      () => `fake Slack: the client did not ack ${type} envelope ${id} within ${timeoutMs} ms`,
      () => this.pending.delete(id),
    );
  }

  /** Tells every connected client to go away, then closes the sockets; the SDK reconnects through apps.connections.open. */
  disconnect(reason: DisconnectReason = 'warning'): void {
    for (const connection of this.connections) {
      connection.ready = false;
      connection.ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: DEBUG_HOST } }));
      connection.ws.close(1000, reason);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [id, waiting] of this.pending) {
      this.pending.delete(id);
      waiting.reject(new Error(`fake Slack: closed before envelope ${id} was acked`));
    }
    for (const connection of this.connections) connection.ws.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
