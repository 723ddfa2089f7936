/**
 * What the offline classifier looks for, by the urgency rubric
 * (src/domain/urgency-rubric.ts): one list of phrases per signal, per
 * language. Syntax as in `compileKeyword` (text.ts): whole words,
 * case-insensitive, `*` for extra letters on that side.
 */
export interface RubricLexicon {
  // ── urgent: many blocked, down, breach or data loss in progress, money moving wrongly now
  /** Many people affected: "everyone", "whole team", "all our customers", "nobody can". */
  breadth: readonly string[];
  /** The service is down or unreachable: "down", "502", "not loading", "offline". */
  down: readonly string[];
  /** Money moving wrongly at scale, now: "charging customers twice", "every checkout". */
  moneyNow: readonly string[];
  /** It is happening as we speak: "right now", "gerade", "en direct", "every hour". */
  ongoing: readonly string[];
  /** Anyone can see it: "public", "anyone can", "n'importe qui". */
  exposed: readonly string[];
  /** Repetition words that make a charge wrong: "twice", "3x", "dos veces", "doppelt". */
  repeated: readonly string[];
  // ── high: one customer blocked, money already wrong, legal, churn
  /** This customer cannot work or get in: "can't log in", "locked out", "can't access". */
  blocked: readonly string[];
  /** Money already wrong: "charged twice", "double charge", "renewed without asking". */
  moneyWrong: readonly string[];
  /** Asks for money back. */
  refund: readonly string[];
  /** A legal request or threat: lawyers, lawsuits, GDPR access or deletion requests. */
  legal: readonly string[];
  /** Threatens to leave: cancel, switch to a competitor. */
  churn: readonly string[];
  /** Something happened to security: hacked, breach, leaked, a login that was not them. */
  security: readonly string[];
  /** Data gone: deleted, lost, disappeared, corrupted. */
  dataLoss: readonly string[];
  // ── normal
  /** How do I / where is / can I. */
  howTo: readonly string[];
  /** A bug or error report (without breadth it is normal). */
  bug: readonly string[];
  /** There is a way around it. */
  workaround: readonly string[];
  /** Billing paperwork: invoice copy, VAT id, receipt, billing address. */
  paperwork: readonly string[];
  // ── low
  featureRequest: readonly string[];
  praise: readonly string[];
  thanks: readonly string[];
  smallTalk: readonly string[];
  // ── modifiers
  /** Asking about a topic, not having the problem: "do you support", "what is your … policy". */
  topicQuestion: readonly string[];
  /** "no need for a refund", "not asking for": the next risk word is not a request. */
  noNeed: readonly string[];
  /** Instructions aimed at the bot: not evidence of anything but the attempt. */
  injection: readonly string[];
  /** The customer says it is pressing; weak on its own (people say it about how-tos too). */
  pressing: readonly string[];
  // ── categories beyond the risk signals
  account: readonly string[];
  sales: readonly string[];
  technical: readonly string[];
  billing: readonly string[];
}
