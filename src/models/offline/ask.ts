// What the ticket asks, in the customer's own words, short enough to quote:
// the drafter restates it ("thank you for contacting us about …") and the
// summary leads with it.
//
// The result is echoed back into a chat channel, so it is sanitised: no
// `<…>` markup (Slack mentions such as `<!channel>`), no `@everyone` /
// `@here`, no backticks, no line breaks.

import { normalizeText, truncate } from './text.js';

export const MAX_ASK_LENGTH = 160;

const REPLY_PREFIX = /^(?:(?:re|aw|wg|fw|fwd|tr|sv)\s*:\s*)+/i;

/**
 * A salutation at the start of a sentence, up to its comma: "Hi,", "Dear
 * Support Team,", "Sehr geehrte Damen und Herren,". Removed, not skipped,
 * because chat messages put the request on the same line ("Hi, my order…").
 */
const SALUTATION =
  /^(?:dear|hi|hello|hey|good (?:morning|afternoon|evening)|greetings|sehr geehrte[rs]?|liebe[rs]?|hallo|guten (?:tag|morgen|abend)|moin|servus|bonjour|salut|hola|buenos días|olá|bom dia|ciao|buongiorno|beste|geachte)(?![\p{L}])[^,!.\n]{0,40}[,!.]?\s*/iu;

/** Sentences that say nothing about the request. */
const FILLER = [
  /^(?:to whom it may concern|i hope (?:this|you|all)|ich hoffe)(?![\p{L}])/iu,
  /^(?:thanks?|thank you|danke|vielen dank|best regards|kind regards|regards|mit freundlichen grüßen|viele grüße)(?![\p{L}])/iu,
];

/** Subjects too generic to stand for the request on their own. */
const GENERIC_SUBJECT_WORDS = 2;

export function sanitizeForQuote(text: string): string {
  return normalizeText(text)
    .replace(/<[^>]*>/g, ' ')
    .replace(/@(everyone|here|channel)\b/gi, '$1')
    .replace(/[`*_~]+/g, '')
    .replace(/["“”„«»]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

function sentences(text: string): string[] {
  return normalizeText(text)
    .split(/\n+|(?<=[.!?])\s+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

function isFiller(sentence: string): boolean {
  return sentence.length === 0 || FILLER.some((pattern) => pattern.test(sentence));
}

/**
 * The subject, unless it is a one- or two-word label ("Help", "Anfrage") and
 * the body has a question; then the first question; then the first sentence
 * that is not a greeting. Empty only for an empty ticket.
 */
export function describeAsk(input: { subject?: string; text: string }): string {
  const subject = sanitizeForQuote((input.subject ?? '').replace(REPLY_PREFIX, ''));
  const content = sentences(input.text)
    .map((sentence) => sentence.replace(SALUTATION, '').trim())
    .filter((sentence) => !isFiller(sentence));
  const question = content.find((sentence) => sentence.endsWith('?'));

  const subjectIsLabel = subject.split(' ').filter(Boolean).length <= GENERIC_SUBJECT_WORDS;
  const chosen =
    subject && !(subjectIsLabel && question) ? subject : (question ?? content[0] ?? subject);
  // A closing full stop would clash with the punctuation of the sentence it is quoted in.
  return truncate(sanitizeForQuote(chosen), MAX_ASK_LENGTH).replace(/[.,;:!]+$/, '');
}
