import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveConfig } from './config.js';
import { sendText } from './http.js';
import { UPLOAD_PATH_PREFIX } from './methods/files.js';
import { METHODS } from './methods/registry.js';
import { handleResponseUrl, mintResponseUrl, RESPONSE_PATH_PREFIX } from './response-urls.js';
import { postSigned, signRequest } from './signing.js';
import { LINK_PATH, SocketModeHub } from './socket-mode.js';
import { FakeSlackState } from './state.js';
import type { FakeSlack, FakeSlackOptions } from './types.js';
import { handleUpload } from './uploads.js';
import { API_PATH_PREFIX, handleWebApi } from './web-api.js';

/** The fake's HTTP server: routes Web API, upload and response_url requests, hands websocket upgrades to Socket Mode. */

const DEFAULT_WAIT_MS = 5000;

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const config = resolveConfig(options);
  const state = new FakeSlackState(config);
  const hub = new SocketModeHub(config);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    if (path.startsWith(API_PATH_PREFIX) && (method === 'POST' || method === 'GET')) {
      const apiMethod = decodeURIComponent(path.slice(API_PATH_PREFIX.length));
      return handleWebApi(req, res, apiMethod, { state, config, socketUrl: () => hub.issueUrl() });
    }
    if (path.startsWith(UPLOAD_PATH_PREFIX) && method === 'POST') {
      return handleUpload(req, res, decodeURIComponent(path.slice(UPLOAD_PATH_PREFIX.length)), state);
    }
    if (path.startsWith(RESPONSE_PATH_PREFIX) && method === 'POST') {
      return handleResponseUrl(req, res, path.slice(RESPONSE_PATH_PREFIX.length), config, state);
    }
    req.resume();
    sendText(res, 404, `fake Slack: no route for ${method} ${path}`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy(error instanceof Error ? error : undefined);
        return;
      }
      sendText(res, 500, `fake Slack: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === LINK_PATH || path === `${LINK_PATH}/`) return hub.handleUpgrade(req, socket, head);
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

  let closed: Promise<void> | null = null;

  return {
    apiUrl: `${config.origin}${API_PATH_PREFIX}`,
    calls: state.calls,
    callsTo: (method) => state.calls.filter((call) => call.method === method),
    waitForCall: (method, predicate = () => true, timeoutMs = DEFAULT_WAIT_MS) => state.waitForCall(method, predicate, timeoutMs),
    failNext(method, failure, times = 1) {
      if (!Number.isInteger(times) || times < 1) throw new Error(`failNext: times must be a positive integer, got ${times}`);
      if ('rateLimitedSeconds' in failure && !(Number.isInteger(failure.rateLimitedSeconds) && failure.rateLimitedSeconds >= 0)) {
        throw new Error(`failNext: rateLimitedSeconds must be a whole number of seconds, got ${failure.rateLimitedSeconds}`);
      }
      state.queueFailure(method, failure, times);
    },
    setLatency(method, ms) {
      // A misspelt method would otherwise make a slow-Slack test silently fast.
      if (!Object.hasOwn(METHODS, method)) throw new Error(`setLatency: the fake does not implement ${method}`);
      if (!(Number.isFinite(ms) && ms >= 0)) throw new Error(`setLatency: ms must be a finite number >= 0, got ${ms}`);
      if (ms === 0) state.latency.delete(method);
      else state.latency.set(method, ms);
    },
    socketConnected: (timeoutMs) => hub.connected(timeoutMs),
    sendEnvelope: (type, payload, envelopeOptions) => hub.sendEnvelope(type, payload, envelopeOptions),
    disconnect: (reason) => hub.disconnect(reason),
    sign: (body, timestamp, secret) => signRequest(secret ?? config.signingSecret, body, timestamp),
    postSigned: (url, body, postOptions) => postSigned(config.signingSecret, url, body, postOptions),
    responseUrl: () => mintResponseUrl(config, state),
    responseUrlPosts: state.responseUrlPosts,
    messages: state.messages,
    reactions: state.reactions,
    views: state.views,
    files: state.files,
    reset: () => state.reset(),
    close() {
      closed ??= (async () => {
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
