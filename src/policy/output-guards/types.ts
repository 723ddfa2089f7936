/**
 * The data model of the output guards: what a check is given (the draft, and
 * what is known about the ticket and the configuration), what one check
 * returns, and the verdict of a run. One definition that every guard and the
 * runner share, so no guard has to import another to speak the same shapes.
 */
import type { ReasonCode } from '../../domain/index.js';

export interface GuardDraft {
  text: string;
  /** The language the drafter says it wrote in (model output: a hint, not evidence). */
  language: string;
}

export interface GuardContext {
  /** Every customer message of the ticket, joined. */
  ticketText: string;
  /** The classification's language (ISO 639-1), or null when there is none. */
  customerLanguage: string | null;
  /** Canary strings planted in the system prompts (see PromptLibrary.canaries()). */
  canaries: readonly string[];
  /** Full system prompts the models saw (see PromptLibrary.systemPrompts()). */
  systemPrompts: readonly string[];
  /** Configured secret values (API keys, bot tokens, signing secrets). */
  secrets: readonly string[];
  /** Domains a draft may link to; subdomains included. Empty: no link passes. */
  linkDomains: readonly string[];
}

export interface GuardCheckResult {
  tripped: boolean;
  /** For the reviewer: what tripped, in a few words. Never contains a secret. */
  info?: string;
}

export interface OutputGuard {
  readonly name: string;
  readonly reason: ReasonCode;
  check(draft: GuardDraft, context: GuardContext): GuardCheckResult;
}

export interface GuardTrip {
  name: string;
  reason: ReasonCode;
  info: string;
}

export interface GuardVerdict {
  /** True when no guard tripped: the draft may be sent without a human (if policy allows). */
  passed: boolean;
  tripped: GuardTrip[];
}
