import { randomBytes } from 'node:crypto';

/** Identifiers in the shapes the real API uses. */

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export const newRequestId = (): string => `req_${hex(16)}`;
export const newResponseId = (): string => `resp_${hex(24)}`;
export const newMessageId = (): string => `msg_${hex(24)}`;
export const newReasoningId = (): string => `rs_${hex(24)}`;
export const newChatCompletionId = (): string => `chatcmpl-${randomBytes(21).toString('base64url')}`;

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);
