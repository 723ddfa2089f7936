// Whom the offline drafter greets by name. A template that writes "Hello
// Console customer," or "Hello U012AB3CD," reads as a mail merge gone wrong
// and is sent under our name, so only a name that looks like a person's is
// used; anything else gets the plain greeting ("Hello,"), which is never wrong.

import { normalizeText } from './text.js';

/**
 * One word of a name: letters of any script (with their combining marks),
 * joined by an apostrophe or a hyphen (O'Brien, Jean-Luc), maybe ending in
 * the period of an initial or a title (J., Dr.). No digits, no @, no _,
 * no markup: handles, ids and e-mail addresses fail here.
 */
const NAME_WORD = /^\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*\.?$/u;
const MAX_WORDS = 4;
const MAX_LENGTH = 60;

/** Words that stand for "someone" rather than naming anyone: what platforms, tests and demos fill in. */
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set([
  'customer', 'customers', 'client', 'user', 'username', 'guest', 'visitor', 'member', 'account',
  'anonymous', 'anon', 'unknown', 'someone', 'somebody', 'nobody', 'name',
  'test', 'tester', 'testing', 'demo', 'example', 'sample', 'placeholder', 'dummy',
  'console', 'admin', 'administrator', 'root', 'support', 'team', 'bot', 'system',
  'null', 'undefined', 'none',
  'kunde', 'kundin', 'nutzer', 'benutzer', 'gast', 'unbekannt', 'anonym',
]);

/** The name as it should appear after "Hello", or undefined when it does not look like a person's. */
export function greetableName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  // Chat mentions and anonymisation placeholders (`<@U123>`, `<name>`) are no part of a name.
  const name = normalizeText(raw).normalize('NFC').replace(/\s+/g, ' ').trim();
  if (name.length === 0 || name.length > MAX_LENGTH) return undefined;
  const words = name.split(' ');
  if (words.length > MAX_WORDS || !words.every((word) => NAME_WORD.test(word))) return undefined;
  if (words.some((word) => PLACEHOLDER_WORDS.has(word.replace(/\.$/, '').toLowerCase()))) return undefined;
  // A lone letter or initial ("J.") is not what a person is called.
  if (name.replace(/[^\p{L}]/gu, '').length < 2) return undefined;
  return name;
}
