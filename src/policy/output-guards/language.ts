/**
 * language: trips when a draft clearly reads as another language than the
 * customer's (the classification's, else the ticket's when detection on it is
 * sure). A reply the customer cannot read is no answer; only a confident
 * detection with enough evidence trips, so short or mixed drafts pass.
 */
import { detectLanguage } from '../../models/offline/language.js';
import { prepare, primaryLanguage } from './text.js';
import type { GuardCheckResult, GuardContext, GuardDraft, OutputGuard } from './types.js';

/**
 * Detection on the draft must be at least this sure before the guard trips.
 * `detectLanguage` scores 0.3 for "no evidence" and rises with the margin over
 * the runner-up and the amount of evidence; a one-line "Danke!" stays near 0.45.
 */
export const LANGUAGE_MIN_CONFIDENCE = 0.6;
/** ...and must rest on at least this much weighted function-word evidence. */
export const LANGUAGE_MIN_EVIDENCE = 3;

function language(draft: GuardDraft, context: GuardContext): GuardCheckResult {
  let expected = context.customerLanguage ? primaryLanguage(context.customerLanguage) : '';
  if (!expected) {
    const ticket = detectLanguage(context.ticketText);
    if (ticket.confidence < LANGUAGE_MIN_CONFIDENCE || ticket.evidence < LANGUAGE_MIN_EVIDENCE) return { tripped: false };
    expected = ticket.language;
  }
  const detected = detectLanguage(prepare(draft.text));
  const sure = detected.confidence >= LANGUAGE_MIN_CONFIDENCE && detected.evidence >= LANGUAGE_MIN_EVIDENCE;
  if (!sure || detected.language === expected) return { tripped: false };
  const declared = primaryLanguage(draft.language);
  const note = declared && declared !== detected.language ? ` (the drafter said "${declared}")` : '';
  return { tripped: true, info: `draft reads as "${detected.language}" (confidence ${detected.confidence}), the customer's language is "${expected}"${note}` };
}

export const languageGuard: OutputGuard = { name: 'language', reason: 'guard_language', check: language };
