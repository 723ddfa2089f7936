/**
 * Secret scrubbing for anything that leaves the process as text (logs, error
 * messages shown to reviewers). Tokens have recognisable prefixes; replacing
 * them is cheaper and safer than trusting every call site to remember.
 */
const SECRET_PATTERNS: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g, // OpenAI keys (sk-..., sk-proj-...)
  /\bxox[abposre]-[A-Za-z0-9-]{8,}/g, // Slack bot/user/refresh tokens
  /\bxapp-[A-Za-z0-9-]{8,}/g, // Slack app-level tokens
  /\b[MNO][A-Za-z\d_-]{22,26}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/g, // Discord bot tokens (base64 user id first)
  /\bBearer\s+[A-Za-z0-9._~+/-]{8,}=*/gi, // HTTP credentials; scrubbing a rare English phrase is the cheaper mistake
];

export const REDACTED = '[REDACTED]';

export function scrubSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, REDACTED);
  return out;
}

/** Object paths pino removes outright, whatever their value. */
export const SECRET_LOG_PATHS = [
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'signingSecret',
  '*.signingSecret',
  'OPENAI_API_KEY',
  '*.OPENAI_API_KEY',
];
