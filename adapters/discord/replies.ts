/** The approved reply as Create Message bodies: split, unable to ping, and deduplicated by nonce. */
import { createHash } from 'node:crypto';
import { DISCORD_LIMITS as L, splitMessage } from './limits.js';
import { breakMaskedLinks, neutraliseMentions } from './markdown.js';

export interface ReplyPayload {
  content: string;
  allowed_mentions: { parse: []; replied_user: false };
  nonce: string;
  enforce_nonce: true;
}

/**
 * A nonce for chunk `index` of the reply keyed `nonceBase`: 25 hex
 * characters (Discord's limit) of a SHA-256, so any key length works and the
 * same (key, chunk) always gives the same nonce.
 */
export function replyNonce(nonceBase: string, index: number): string {
  return createHash('sha256').update(`${nonceBase}\u0000${index}`).digest('hex').slice(0, L.nonce);
}

/**
 * The approved reply as Create Message bodies, split at paragraph, line,
 * sentence or word boundaries within 2,000 characters. Each carries a nonce
 * stable per (`nonceBase`, chunk index) with `enforce_nonce`, so a send
 * retried within Discord's window (a few minutes) returns the message
 * already created instead of posting it twice. Markdown is kept (the reply
 * is meant to be read formatted), except masked links, which could hide
 * where a link goes; mentions are broken and none may ping. Blank text gives
 * no payloads.
 */
export function replyPayloads(text: string, nonceBase: string): ReplyPayload[] {
  return splitMessage(breakMaskedLinks(neutraliseMentions(text)), L.messageContent).map((content, index) => ({
    content,
    allowed_mentions: { parse: [], replied_user: false },
    nonce: replyNonce(nonceBase, index),
    enforce_nonce: true,
  }));
}
