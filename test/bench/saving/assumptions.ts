/**
 * What the saving benchmark assumes about the models, in one place, so the
 * printed figures can say what they rest on. Change a number here and both
 * sides (the cascade and the single-model baseline) see it.
 */
import type { ModelSpeed } from '../../fakes/openai/index.js';

export const MODELS = { nano: 'gpt-5.4-nano', mini: 'gpt-5.4-mini', flagship: 'gpt-5.4' } as const;

/**
 * Output speeds as the issue gives them (published figures for the GPT-5
 * family: nano about 200 tokens/s, mini about 185, the flagship about 55).
 * Time to first token is our choice, within the 0.4–1 s that public
 * measurements (Artificial Analysis) show for these models with little
 * reasoning, and ordered by size. It covers queueing and reading the prompt;
 * reasoning is not in it: reasoning tokens are output tokens, generated at
 * the model's speed (see REASONING_TOKENS).
 */
export const SPEEDS: Record<string, ModelSpeed> = {
  [MODELS.nano]: { timeToFirstTokenMs: 450, outputTokensPerSecond: 200 },
  [MODELS.mini]: { timeToFirstTokenMs: 550, outputTokensPerSecond: 185 },
  [MODELS.flagship]: { timeToFirstTokenMs: 850, outputTokensPerSecond: 55 },
};

/**
 * Hidden reasoning tokens per call, by the request's `reasoning.effort`. The
 * API reports them but nobody publishes typical counts; these are round
 * guesses for short structured answers (a triage, a reply, a verdict): a
 * little thought at `low`, a few paragraphs at `medium`. They are billed as
 * output and take output time, so they weigh on the flagship most: the
 * cascade's review runs at `medium` where its approval may send a reply
 * without a person and at `low` where a person reads the card first
 * (src/pipeline/orchestrator.ts), the baseline at `low` like the cascade's
 * drafts.
 */
export const REASONING_TOKENS: Record<string, number> = { none: 0, minimal: 0, low: 128, medium: 512, high: 2_048 };

/** The baseline's reasoning effort (see REASONING_TOKENS). */
export const BASELINE_REASONING_EFFORT = 'low';

/**
 * How the scripted model is sure of itself. The labels say what the right
 * answer is, not how sure a model would be; we say a model is sure of the
 * plain messages and unsure of the labelled hard cases (sarcasm, one word,
 * mixed languages, injections, mentions and questions about a topic), which
 * sends those to the flagship as low-confidence tickets.
 */
export const CONFIDENCE = { plain: 0.9, hardCase: 0.6 } as const;

/**
 * What the flagship says of a draft it reviews, drawn per ticket from a
 * seeded generator: mostly approvals, a rewrite in about a quarter of
 * reviews, a hand-over in the rest. Nothing public gives this mix; the
 * review prompt asks to rewrite "only when you must".
 */
export const REVIEW_VERDICTS = { approve: 0.6, rewrite: 0.25, human: 0.15 } as const;

/** How many tickets are in flight at once on each side (a steady stream, not a flood: see real-time.ts). */
export const IN_FLIGHT = 8;

/**
 * The time scale the fake runs at: a 10 s call sleeps 0.5 s. Measured times
 * are converted back to real speed (real-time.ts); the bench prints a check
 * of that conversion against a run at real speed when asked to.
 */
export const TIME_SCALE = { full: 0.05, quick: 0.05 } as const;
