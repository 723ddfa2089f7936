import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveConfig } from './config.js';
import { GATEWAY_PATH, GatewayHub, RESUME_PATH } from './gateway.js';
import { sendJson } from './http.js';
import { messageIntent, redactForIntents } from './intents.js';
import { buttonInteraction, commandInteraction, modalSubmitInteraction, userMessage } from './payloads.js';
import { API_PREFIX, handleRest, isRoute, latencyKey } from './rest.js';
import type { RouteContext } from './routes/types.js';
import { FakeDiscordState, type StoredMessage } from './state.js';
import type { FakeDiscord, FakeDiscordOptions, RecordedRequest } from './types.js';

/** The fake's HTTP server: REST under /api, websocket upgrades on the gateway paths; wires the public API. */

const DEFAULT_WAIT_MS = 5000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- dispatched payloads are arbitrary JSON
type Payload = Record<string, any>;

/** Remembers what tests dispatch: interactions (so callbacks can be checked) and messages (so threads can start from them). */
function noteDispatch(state: FakeDiscordState, event: string, data: Payload): void {
  if (event === 'INTERACTION_CREATE' && typeof data.id === 'string' && typeof data.token === 'string' && !state.interactions.has(data.id)) {
    const message = data.message as StoredMessage | undefined;
    if (message?.id && !state.messageStore.has(message.id)) state.messageStore.set(message.id, { ...message, ...(data.guild_id ? { guild_id: data.guild_id } : {}) });
    state.interactions.set(data.id, {
      id: data.id,
      token: data.token,
      type: Number(data.type),
      applicationId: String(data.application_id ?? state.config.applicationId),
      channelId: data.channel?.id ?? data.channel_id,
      guildId: data.guild_id,
      user: data.member?.user ?? data.user,
      componentMessageId: message?.id,
      commandType: data.data?.type,
      dispatchedAt: Date.now(),
      responseType: null,
      originalMessageId: null,
      loading: false,
      ephemeral: false,
    });
  }
  if (event === 'MESSAGE_CREATE' && typeof data.id === 'string' && typeof data.channel_id === 'string' && !state.messageStore.has(data.id)) {
    const { member: _member, channel_type: _channelType, ...message } = data;
    state.messageStore.set(data.id, message as StoredMessage);
  }
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const config = resolveConfig(options);
  const state = new FakeDiscordState(config);
  const wsOrigin = () => config.origin.replace(/^http/, 'ws');
  const hub = new GatewayHub(config, state, { beforeDispatch: (event, data) => noteDispatch(state, event, data as Payload) }, () => `${wsOrigin()}${RESUME_PATH}`);
  const context: RouteContext = { config, state, gateway: hub, gatewayUrl: () => `${wsOrigin()}${GATEWAY_PATH}` };

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) return handleRest(context, req, res, url);
    req.resume();
    sendJson(res, 404, { message: '404: Not Found', code: 0 });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy(error instanceof Error ? error : undefined);
        return;
      }
      sendJson(res, 500, { message: `fake Discord: ${error instanceof Error ? error.message : String(error)}`, code: 0 });
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/$/, '');
    if (path === GATEWAY_PATH || path === RESUME_PATH) return hub.handleUpgrade(req, socket, head);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  config.origin = `http://127.0.0.1:${port}`;

  const waitForRequest = (method: string, pathPattern: RegExp, predicate: (request: RecordedRequest) => boolean = () => true, timeoutMs = DEFAULT_WAIT_MS) => {
    const wanted = method.toUpperCase();
    const matches = (request: RecordedRequest) => request.method === wanted && new RegExp(pathPattern.source, pathPattern.flags).test(request.path) && predicate(request);
    return state.requestLog.wait(matches, timeoutMs, () => {
      const seen = state.requests.map((request) => `${request.method} ${request.path} → ${request.status}`).join(', ') || 'none';
      return `fake Discord: no ${wanted} ${pathPattern} request matching the predicate (requests so far: ${seen})`;
    });
  };

  let closed: Promise<void> | null = null;

  return {
    restUrl: `${config.origin}${API_PREFIX}`,
    gatewayUrl: context.gatewayUrl(),
    resumeGatewayUrl: `${wsOrigin()}${RESUME_PATH}`,
    applicationId: config.applicationId,
    botUserId: config.botUserId,
    guildId: config.guildId,
    requests: state.requests,
    waitForRequest,
    failNext(method, pathPattern, failure, times = 1) {
      if (!Number.isInteger(times) || times < 1) throw new Error(`failNext: times must be a positive integer, got ${times}`);
      if (failure.status === 429 && !('retryAfter' in failure && failure.retryAfter >= 0)) throw new Error('failNext: a 429 needs retryAfter (seconds, >= 0)');
      state.queueFailure(method, pathPattern, failure, times);
    },
    setLatency(method, route, ms) {
      const wanted = method.toUpperCase();
      // A misspelt route would otherwise make a slow-Discord test silently fast.
      if (!isRoute(wanted, route)) throw new Error(`setLatency: the fake has no route ${wanted} ${route}`);
      if (!(Number.isFinite(ms) && ms >= 0)) throw new Error(`setLatency: ms must be a finite number >= 0, got ${ms}`);
      if (ms === 0) state.latency.delete(latencyKey(wanted, route));
      else state.latency.set(latencyKey(wanted, route), ms);
    },
    ready: (timeoutMs) => hub.ready(timeoutMs),
    dispatch: (event, data) => hub.dispatch(event, data),
    async messageCreate(fields) {
      const { message, isGuild } = userMessage(state, fields);
      await hub.ready();
      const intents = hub.intents() ?? 0;
      if (intents & messageIntent(isGuild)) await hub.dispatch('MESSAGE_CREATE', redactForIntents(message, intents, config.botUserId, isGuild));
      return message;
    },
    async interactionCreate(payload, timeoutMs = DEFAULT_WAIT_MS) {
      const { id, token } = payload as Payload;
      if (typeof id !== 'string' || typeof token !== 'string') throw new Error('interactionCreate: the payload needs an id and a token');
      await hub.dispatch('INTERACTION_CREATE', payload);
      const path = `/interactions/${id}/${token}/callback`;
      const callback = await state.requestLog.wait(
        (request) => request.method === 'POST' && request.path === path,
        timeoutMs,
        () => `fake Discord: the bot did not answer interaction ${id} (POST ${path})`,
      );
      return { callback };
    },
    interactionUserId: (interactionId) => state.interactions.get(interactionId)?.user?.id,
    buttonInteraction: (fields) => buttonInteraction(config, state, fields),
    modalSubmitInteraction: (fields) => modalSubmitInteraction(config, state, fields),
    commandInteraction: (fields) => commandInteraction(config, state, fields),
    requestReconnect: () => hub.requestReconnect(),
    invalidateSession: (resumable) => hub.invalidateSession(resumable),
    replayAfterResume: (events) => hub.replayAfterResume(events),
    gatewayFrames: state.gatewayFrames,
    waitForGatewayFrame: (op, predicate = () => true, timeoutMs = DEFAULT_WAIT_MS) =>
      state.frameLog.wait(
        (frame) => frame.direction === 'received' && frame.op === op && predicate(frame),
        timeoutMs,
        () => `fake Discord: the client sent no op ${op} payload matching the predicate`,
      ),
    messages: state.messages,
    threads: state.threads,
    interactionResponses: state.interactionResponses,
    commands: state.commands,
    reactions: state.reactions,
    reset: () => state.reset(),
    close() {
      closed ??= (async () => {
        state.requestLog.rejectAll('fake Discord: closed');
        state.frameLog.rejectAll('fake Discord: closed');
        await hub.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closed;
    },
  };
}
