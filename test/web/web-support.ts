/**
 * A web console on 127.0.0.1 over a fresh core (offline models, real
 * SQLite), wired as src/main.ts wires it, and a small HTTP client that keeps
 * a session cookie and reads the event stream, for the HTTP and browser tests.
 */
import { loadConfig } from '../../src/config.js';
import { createCore, type Core } from '../../src/core.js';
import { silentLogger } from '../../src/logger.js';
import { startWebConsole, type WebConsole } from '../../src/web/server.js';

export interface Running {
  core: Core;
  web: WebConsole;
  close(): Promise<void>;
}

export async function startWeb(databasePath: string, env: Record<string, string> = {}): Promise<Running> {
  const core = createCore(loadConfig({ MODEL_PROVIDER: 'offline', DATABASE_PATH: databasePath, KB_PATH: `${databasePath}-no-kb`, ...env }), silentLogger(), { watchKnowledgeBase: false });
  const web = await startWebConsole({ host: '127.0.0.1', port: 0, core: () => core, logger: silentLogger() });
  await web.surface.start(core.desk.attach(web.surface));
  return {
    core,
    web,
    close: async () => {
      await web.close();
      await core.workflow.finishWorkInHand();
      core.close();
    },
  };
}

export interface WebEventSeen {
  type: string;
  data: Record<string, unknown>;
}

/** A browser-like client: the session cookie a page GET set, its CSRF token, and the event stream. */
export class Client {
  cookie = '';
  csrf = '';
  private readonly seen: WebEventSeen[] = [];
  private readonly waiters: { test: (event: WebEventSeen) => boolean; resolve: (event: WebEventSeen) => void }[] = [];
  private stream: AbortController | null = null;

  constructor(readonly base: string) {}

  /** Opens the queue page (the session starts there) and reads the CSRF token as the page's script does. */
  async signIn(): Promise<void> {
    const page = await fetch(this.base);
    this.cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    await page.text();
    const session = (await (await this.get('/api/session')).json()) as { csrfToken: string };
    this.csrf = session.csrfToken;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(new URL(path, this.base), { headers: { cookie: this.cookie, ...headers } });
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(new URL(path, this.base), {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  async postJson<T = Record<string, unknown>>(path: string, body: unknown): Promise<{ status: number; body: T }> {
    const response = await this.post(path, body);
    return { status: response.status, body: (await response.json()) as T };
  }

  /** Opens the event stream; resolves once the server said `ready`. */
  async listen(): Promise<void> {
    this.stream = new AbortController();
    const response = await fetch(new URL('/api/events', this.base), { headers: { cookie: this.cookie }, signal: this.stream.signal });
    if (!response.body) throw new Error('no event stream');
    const ready = this.waitFor((event) => event.type === 'ready');
    void this.read(response.body);
    await ready;
  }

  /** The first event (seen already, or to come) that passes `test`. */
  waitFor(test: (event: WebEventSeen) => boolean): Promise<WebEventSeen> {
    const found = this.seen.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  events(): readonly WebEventSeen[] {
    return this.seen;
  }

  close(): void {
    this.stream?.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          this.take(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Aborted by close().
    }
  }

  private take(block: string): void {
    let type = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) type = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (!data) return;
    const event = { type, data: JSON.parse(data) as Record<string, unknown> };
    this.seen.push(event);
    for (const waiter of [...this.waiters]) {
      if (!waiter.test(event)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  }
}

/** The card event for `ticketId` in `state`. */
export const cardIn =
  (ticketId: number, state: string) =>
  (event: WebEventSeen): boolean => {
    const card = event.data.card as { ticketId?: number; state?: string } | undefined;
    return event.type === 'card' && card?.ticketId === ticketId && card.state === state;
  };

/** A bot message in `threadId`. */
export const botMessageIn =
  (threadId: string) =>
  (event: WebEventSeen): boolean =>
    event.type === 'message' && event.data.threadId === threadId && (event.data.message as { from?: string }).from === 'bot';
