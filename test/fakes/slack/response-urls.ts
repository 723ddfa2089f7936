import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeSlackConfig } from './config.js';
import { readBody, sendJson } from './http.js';
import { urlToken } from './ids.js';
import type { FakeSlackState } from './state.js';

/** response_url endpoints: minted by `responseUrl()`, posts recorded in `responseUrlPosts`. */

export const RESPONSE_PATH_PREFIX = '/response/';

export function mintResponseUrl(config: FakeSlackConfig, state: FakeSlackState): string {
  const token = urlToken();
  state.responseUrlTokens.add(token);
  return `${config.origin}${RESPONSE_PATH_PREFIX}${token}`;
}

export async function handleResponseUrl(req: IncomingMessage, res: ServerResponse, token: string, config: FakeSlackConfig, state: FakeSlackState): Promise<void> {
  const raw = (await readBody(req)).toString('utf8');
  if (!state.responseUrlTokens.has(token)) return sendJson(res, 404, { ok: false, error: 'expired_url' });
  let body: unknown = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    // Recorded as text.
  }
  state.responseUrlPosts.push({ url: `${config.origin}${RESPONSE_PATH_PREFIX}${token}`, body });
  sendJson(res, 200, { ok: true });
}
