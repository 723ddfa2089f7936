/**
 * prompt_leak: trips when a draft contains a canary planted in the system
 * prompts (whole, squashed, or just its random part) or quotes LEAK_RUN_WORDS
 * consecutive words of a system prompt that the customer did not write
 * themselves. A draft that repeats its instructions shows an injection worked
 * and hands the attacker what to try next. Holds the guards' only state: a
 * bounded cache of each system prompt's phrases.
 */
import { tokenize } from '../../models/offline/text.js';
import { listed, prepare, squash } from './text.js';
import type { GuardCheckResult, GuardContext, GuardDraft, OutputGuard } from './types.js';

/** A quote of this many consecutive words of a system prompt is a leak. */
export const LEAK_RUN_WORDS = 8;
/** Canary pieces this long are distinctive enough to look for on their own. */
const CANARY_PIECE_LENGTH = 8;

const PHRASE_CACHE_LIMIT = 64;
const phraseCache = new Map<string, ReadonlySet<string>>();

function runsOf(words: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (let index = 0; index + LEAK_RUN_WORDS <= words.length; index++) set.add(words.slice(index, index + LEAK_RUN_WORDS).join(' '));
  return set;
}

/** Every run of LEAK_RUN_WORDS words of a system prompt, lower-cased, punctuation and spacing ignored. */
function phrases(text: string): ReadonlySet<string> {
  const cached = phraseCache.get(text);
  if (cached) return cached;
  const set = runsOf(tokenize(prepare(text)));
  if (phraseCache.size >= PHRASE_CACHE_LIMIT) phraseCache.delete(phraseCache.keys().next().value ?? '');
  phraseCache.set(text, set);
  return set;
}

function promptLeak(draft: GuardDraft, context: GuardContext): GuardCheckResult {
  const text = prepare(draft.text);
  const flat = squash(text);
  const lower = text.toLowerCase();
  const canaries = context.canaries.filter((canary) => {
    const whole = squash(canary);
    if (whole.length === 0) return false;
    if (lower.includes(canary.toLowerCase()) || flat.includes(whole)) return true;
    // The random part alone ("9664cd596272035c"), however the model dressed it up.
    return canary
      .split(/[^\p{L}\p{N}]+/u)
      .some((piece) => piece.length >= CANARY_PIECE_LENGTH && /\d/.test(piece) && flat.includes(piece.toLowerCase()));
  });
  if (canaries.length > 0) return { tripped: true, info: `contains ${canaries.length === 1 ? 'a prompt canary' : `${canaries.length} prompt canaries`}` };

  // Words the customer wrote are theirs to hear back: the prompts' examples
  // are ordinary support messages ("How do I export my reports to CSV?"), and
  // a reply that quotes the customer discloses nothing. Any run beyond what
  // the customer wrote still trips.
  const words = tokenize(text);
  const own = runsOf(tokenize(prepare(context.ticketText)));
  for (const system of context.systemPrompts) {
    const known = phrases(system);
    for (let index = 0; index + LEAK_RUN_WORDS <= words.length; index++) {
      const run = words.slice(index, index + LEAK_RUN_WORDS).join(' ');
      if (known.has(run) && !own.has(run)) return { tripped: true, info: `quotes a system prompt: ${listed([`${run}…`])}` };
    }
  }
  return { tripped: false };
}

export const promptLeakGuard: OutputGuard = { name: 'prompt_leak', reason: 'guard_prompt_leak', check: promptLeak };
