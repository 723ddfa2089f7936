// Detects messages that need no reply: "thanks!", "ok", "got it, thank you",
// "Danke, jetzt klappt es". Answering them wastes a model call and annoys the
// customer, so the design routes them to `no_reply`.
//
// The rule is deliberately narrow: short, no question mark, and made only of
// acknowledgement words. "Thanks, but it still fails" contains "but", "still",
// "fails" and therefore needs a reply.

import { ACKNOWLEDGEMENT_TOKENS } from './lexicon.js';
import { tokenize } from './text.js';

/** Longer messages carry content even when polite; they always get a reply. */
const MAX_ACKNOWLEDGEMENT_TOKENS = 14;

/** A cry for help is the opposite of an acknowledgement, however short. */
const HELP_WORDS: ReadonlySet<string> = new Set(['help', 'hilfe', 'ayuda', 'socorro', 'aide', 'sos', 'urgent', 'dringend', 'urgente', 'please', 'pls', 'bitte']);

export function isAcknowledgementOnly(text: string): boolean {
  if (text.includes('?')) return false;
  const tokens = tokenize(text);
  if (tokens.length > 0 && tokens.every((token) => HELP_WORDS.has(token))) return false;
  if (tokens.length > MAX_ACKNOWLEDGEMENT_TOKENS) return false;
  // Emoji-only ("👍") or empty messages are acknowledgements too.
  if (tokens.length === 0) return text.trim().length <= 16;
  return tokens.every((token) => ACKNOWLEDGEMENT_TOKENS.has(token));
}
