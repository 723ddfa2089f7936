/**
 * Output guards: what every draft must pass before it may leave without a
 * human. A model that reads customer text can be talked into anything, so its
 * draft is checked by plain code, as data: each guard has a name, a reason
 * code (stored with the decision and shown on the card) and a pure check.
 *
 * The checks err towards tripping. A tripped draft is not lost, it only waits
 * for a reviewer; a bad draft that passes reaches the customer. Pure: no I/O,
 * no clock, no globals mutated (one bounded cache of system-prompt phrases).
 */
import { GUARD_REASON_CODES, type GuardReasonCode } from '../domain/index.js';
import { foreignDataGuard } from './output-guards/foreign-data.js';
import { languageGuard } from './output-guards/language.js';
import { linkGuard } from './output-guards/link.js';
import { moneyPromiseGuard } from './output-guards/money-promise.js';
import { promptLeakGuard } from './output-guards/prompt-leak.js';
import { secretGuard } from './output-guards/secret.js';
import type { GuardCheckResult, GuardContext, GuardDraft, GuardTrip, GuardVerdict, OutputGuard } from './output-guards/types.js';
import { scrubSecrets } from './redaction.js';

// Callers import from here only, so how the guards are split into files stays private.
export type { GuardCheckResult, GuardContext, GuardDraft, GuardTrip, GuardVerdict, OutputGuard } from './output-guards/types.js';
export { LANGUAGE_MIN_CONFIDENCE, LANGUAGE_MIN_EVIDENCE } from './output-guards/language.js';
export { LEAK_RUN_WORDS } from './output-guards/prompt-leak.js';
export { foreignDataGuard, languageGuard, linkGuard, moneyPromiseGuard, promptLeakGuard, secretGuard };

/** The reason codes of the built-in guards, in the order the guards run (defined with the other reason codes). */
export const OUTPUT_GUARD_REASONS = GUARD_REASON_CODES;
export type OutputGuardReason = GuardReasonCode;

export const OUTPUT_GUARDS: readonly OutputGuard[] = [
  moneyPromiseGuard,
  promptLeakGuard,
  secretGuard,
  linkGuard,
  foreignDataGuard,
  languageGuard,
];

/**
 * Runs every guard on the draft. A guard that throws counts as tripped (fail
 * closed): a check we could not run is not a check that passed.
 */
export function runOutputGuards(draft: GuardDraft, context: GuardContext, guards: readonly OutputGuard[] = OUTPUT_GUARDS): GuardVerdict {
  const tripped: GuardTrip[] = [];
  for (const guard of guards) {
    let result: GuardCheckResult;
    try {
      result = guard.check(draft, context);
    } catch (error) {
      result = { tripped: true, info: `check failed: ${scrubSecrets(error instanceof Error ? error.message : String(error))}` };
    }
    if (result.tripped) tripped.push({ name: guard.name, reason: guard.reason, info: result.info ?? guard.name.replace(/_/g, ' ') });
  }
  return { passed: tripped.length === 0, tripped };
}
