/**
 * Server-sent events to every open page: cards as the desk shows them,
 * replies and marks in simulator threads. Each event has a sequence number,
 * so a page that reconnects (EventSource does, by itself) knows it may have
 * missed some and reloads its state.
 */
import type { ServerResponse } from 'node:http';

export type WebEvent =
  | { type: 'card'; card: unknown }
  | { type: 'message'; threadId: string; message: unknown }
  | { type: 'mark'; threadId: string; mark: unknown };

/** Comment lines keep idle connections open through proxies and tell a dead client apart. */
const HEARTBEAT_MS = 25_000;

export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private sequence = 0;
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Keeps `response` open as an event stream until the client goes away. */
  open(response: ServerResponse, headers: Readonly<Record<string, string>>): void {
    response.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    // `ready` is the positive sign a page (or a test) waits for before acting.
    response.write(`retry: 1000\nevent: ready\ndata: {"sequence":${this.sequence}}\n\n`);
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  publish(event: WebEvent): void {
    this.sequence += 1;
    this.write(`id: ${this.sequence}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  }

  get size(): number {
    return this.clients.size;
  }

  /** Ends every stream (the server is closing: open streams would hold it up). */
  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private write(text: string): void {
    for (const client of this.clients) client.write(text);
  }
}
