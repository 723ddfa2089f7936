/**
 * secret: trips when a draft contains a configured secret (as is, URL- or
 * JSON-escaped, or with its punctuation stripped) or a token-like string the
 * scrubber recognises, whoever's it is. A key in a reply is a key handed to
 * whoever asked for it; the trip's info says what kind, never the value.
 */
import { scrubSecrets } from '../redaction.js';
import { prepare, squash } from './text.js';
import type { GuardCheckResult, GuardContext, GuardDraft, OutputGuard } from './types.js';

/** Configured values shorter than this are not looked for: they would match ordinary words. */
const MIN_SECRET_LENGTH = 8;

function secret(draft: GuardDraft, context: GuardContext): GuardCheckResult {
  const text = prepare(draft.text);
  const flat = squash(text);
  const lower = text.toLowerCase();
  const hits = context.secrets.filter((value) => {
    const raw = value.trim();
    if (raw.length < MIN_SECRET_LENGTH) return false;
    const forms = [raw, encodeURIComponent(raw), JSON.stringify(raw).slice(1, -1)].map((form) => form.toLowerCase());
    const whole = squash(raw);
    return forms.some((form) => lower.includes(form)) || (whole.length >= MIN_SECRET_LENGTH && flat.includes(whole));
  });
  const patterned = scrubSecrets(text) !== text;
  // Never echo the value: info is shown on a card and stored.
  const parts = [
    ...(hits.length > 0 ? [`${hits.length === 1 ? 'a configured secret' : `${hits.length} configured secrets`}`] : []),
    ...(patterned ? ['a token-like string (API key, bot token or bearer credential)'] : []),
  ];
  return parts.length > 0 ? { tripped: true, info: `contains ${parts.join(' and ')}` } : { tripped: false };
}

export const secretGuard: OutputGuard = { name: 'secret', reason: 'guard_secret', check: secret };
