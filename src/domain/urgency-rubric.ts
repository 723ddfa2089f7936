/**
 * The written urgency rubric: the one definition of what each urgency means.
 * The nano classify prompt (prompts/classify.md), the README and the offline
 * classifier (src/models/offline/urgency.ts) all say it in these words; a
 * test checks that the prompt and the README carry every line verbatim, so
 * they cannot drift apart.
 */
import type { Urgency } from './ticket.js';

export const URGENCY_RUBRIC: Readonly<Record<Urgency, string>> = {
  urgent: 'many users blocked, an outage, a breach or data loss in progress, money moving wrongly right now',
  high: 'one customer blocked, money already wrong (double charge, unwanted renewal), a legal request or threat, a churn threat',
  normal: 'how-to questions, bugs with a workaround, billing paperwork',
  low: 'feature requests, praise, thanks, small talk',
};

/** Asking about a topic is not having the problem. */
export const TOPIC_QUESTION_RULE =
  'A question about a topic ("do you support SSO?", "what is your refund policy?") raises no risk flag.';

