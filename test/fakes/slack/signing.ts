import { createHmac } from 'node:crypto';
import type { PostSignedOptions, SignatureHeaders, SignedPostResult } from './types.js';

/**
 * Slack request signing, for driving an app's HTTP endpoint the way Slack does:
 * `x-slack-signature: v0=` + hex HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`),
 * with the Unix-seconds timestamp in `x-slack-request-timestamp`.
 */

export function signRequest(secret: string, body: string, timestamp: number = Math.floor(Date.now() / 1000)): SignatureHeaders {
  const digest = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestamp) };
}

function formEncode(fields: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    form.append(key, typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return form.toString();
}

/**
 * The raw body and content type Slack would send. Bolt compares the content type with
 * 'application/x-www-form-urlencoded' exactly, so no charset parameter is added.
 */
export function encodeSlackBody(body: object | string, form: boolean): { raw: string; contentType: string } {
  if (!form) return { raw: typeof body === 'string' ? body : JSON.stringify(body), contentType: 'application/json' };
  if (typeof body === 'string') return { raw: body, contentType: 'application/x-www-form-urlencoded' };
  const fields = body as Record<string, unknown>;
  if ('payload' in fields) {
    const payload = typeof fields.payload === 'string' ? fields.payload : JSON.stringify(fields.payload);
    return { raw: formEncode({ payload }), contentType: 'application/x-www-form-urlencoded' };
  }
  return { raw: formEncode(fields), contentType: 'application/x-www-form-urlencoded' };
}

export async function postSigned(
  defaultSecret: string,
  url: string,
  body: object | string,
  options: PostSignedOptions = {},
): Promise<SignedPostResult> {
  const { raw, contentType } = encodeSlackBody(body, options.form ?? false);
  const signature = signRequest(options.secret ?? defaultSecret, raw, options.timestamp);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, 'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)', ...signature, ...options.headers },
    body: raw,
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}
