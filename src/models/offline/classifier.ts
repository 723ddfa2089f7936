// Offline stand-in for the nano classifier: the written urgency rubric
// (src/domain/urgency-rubric.ts) applied to phrases in five languages, no network.
//
// It fills every field of `Classification` so the pipeline runs unchanged
// without an API key, and its confidence is what the deciding rule is worth
// on the labelled set (confidence.ts), so the routing policy sends its weak
// verdicts to a reviewer instead of auto-sending them.

import type { Classification } from '../../domain/index.js';
import { isAcknowledgementOnly } from './acknowledgement.js';
import { confidenceOf } from './confidence.js';
import { detectLanguage } from './language.js';
import { predictBayes, urgencyBayes } from './bayes.js';
import { judge, type RubricVerdict } from './rubric.js';
import { findSignals, withoutInstructions } from './rubric-signals.js';
import { detectSentiment } from './sentiment.js';
import { joinSubjectAndText } from './text.js';

export { MAX_OFFLINE_CONFIDENCE } from './confidence.js';

export interface ClassifyInput {
  subject?: string;
  text: string;
}

export function classifyOffline(input: ClassifyInput): Classification {
  const text = joinSubjectAndText(input);
  const language = detectLanguage(text);

  // "thanks!" / "ok": exact-match rules are reliable, so confidence is high,
  // and nothing else about the message matters for routing.
  if (isAcknowledgementOnly(text)) {
    return {
      urgency: 'low',
      category: 'general',
      language: language.language,
      sentiment: 'positive',
      riskFlags: [],
      needsReply: false,
      confidence: 0.8,
    };
  }

  // An instruction to the bot is not part of the customer's problem.
  // "offline mode" is a feature's name, not the service being offline.
  const { text: judged } = withoutInstructions(text.replace(/offline[- ]?(?:mode|modus)|modo offline|mode hors[- ]ligne/giu, 'local mode'));
  const judgedByRubric = judge(judged, findSignals(judged));
  // Where the lexicons see nothing, the naive Bayes over character n-grams guesses instead of "normal".
  const verdict: RubricVerdict = judgedByRubric.rule === 'normal_default' ? bayesVerdict(judgedByRubric, judged) : judgedByRubric;
  const detected = detectSentiment(text).sentiment;
  // A customer threatening a lawyer or a cancellation is not neutral, however
  // calmly worded: the threat itself is the displeasure.
  const threatens = verdict.riskFlags.includes('legal') || verdict.riskFlags.includes('churn_threat');
  const sentiment = threatens && (detected === 'neutral' || detected === 'positive') ? 'negative' : detected;

  return {
    urgency: verdict.urgency,
    category: verdict.category,
    language: language.language,
    sentiment,
    riskFlags: verdict.riskFlags,
    // Thanks, "never mind, found it", season's greetings: nothing to answer unless they ask something.
    needsReply: !(verdict.rule === 'low_small_talk' && !text.includes('?')),
    confidence: confidenceOf(verdict, language.confidence),
  };
}

/**
 * The naive Bayes's urgency where the lexicons saw nothing. A few words ("help",
 * "DRINGEND", "impeccable") cannot say that many people are blocked: what the
 * n-grams of urgent messages make of them is noise, so they stay normal.
 */
function bayesVerdict(verdict: RubricVerdict, text: string): RubricVerdict {
  const guess = predictBayes(urgencyBayes(), text);
  const words = text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  // Nothing left to read (an instruction was all there was) is no evidence at all: the priors would speak, not the text.
  if (words === 0) return verdict;
  return { ...verdict, urgency: (guess === 'urgent' && words <= 4) || (guess === 'high' && words <= 2) ? 'normal' : guess, rule: 'bayes_guess' };
}
