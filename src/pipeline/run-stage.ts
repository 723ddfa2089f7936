/**
 * Runs one stage through the gateway, and re-runs it one tier up when the
 * cheap tier's answer is unusable (fails the schema, stops early, refuses).
 * Transport failures (timeouts, rate limits after the gateway's own retries)
 * are not retried on a pricier tier: the cause is not the model's skill.
 *
 * A stage with a checkpoint is looked up first: a finished stage's output is
 * stored with its ledger row (one transaction), so a ticket resumed after a
 * crash, or by another process, never pays for that stage again.
 */
import type { z } from 'zod';
import type { ModelTier, ReasonCode, Stage } from '../domain/index.js';
import { isConfigurationFailure, ModelBehaviourError } from '../errors.js';
import { refusedByBudget, type ModelGateway } from '../models/model-gateway.js';
import type { ReasoningEffort } from '../models/provider.js';
import type { StageResultRepository } from '../store/types.js';
import type { Prompt } from './prompt-library.js';
import { STAGE_SETTINGS } from './stage-settings.js';

/** What a stage answered, on which tier, and what this run of it cost (nothing when read from its checkpoint). */
export interface StageResult<T> {
  output: T;
  tier: ModelTier;
  promptVersion: string;
  /** True when the first tier failed and the fallback tier answered. */
  fellBack: boolean;
  costNanos: number;
}

/** Per-call choices the pipeline makes on top of the stage's settings. */
export interface StageOptions {
  /** Urgent tickets may spend the budget's reserve. */
  urgent?: boolean;
  /** Run on this tier instead of the stage's usual one (the budget's economy step, a simple ticket's nano draft). */
  tier?: ModelTier;
  /** With `tier`: where an unusable answer is re-run (a nano draft on mini); none by default. */
  fallbackTier?: ModelTier;
  /**
   * An evaluation's call (the replay's `--shadow`): marked in the ledger, and
   * never re-run on another tier, since the question is what this tier says.
   */
  shadow?: boolean;
  /** Think this hard instead of the stage's usual effort (a review whose verdict is only advice). */
  reasoningEffort?: ReasoningEffort;
  /** Where the finished stage is kept, under `key` (unique within the ticket). */
  checkpoint?: { results: StageResultRepository; key: string };
}

export async function runStage<T>(
  gateway: ModelGateway,
  call: { ticketId: number | null; stage: Stage; prompt: Prompt; user: string; schema: z.ZodType<T>; schemaName: string },
  options: StageOptions = {},
): Promise<StageResult<T>> {
  const defaults = STAGE_SETTINGS[call.stage];
  const overridden = (options.tier && options.tier !== defaults.tier) || options.shadow;
  const setting = overridden ? { ...defaults, tier: options.tier ?? defaults.tier, fallbackTier: options.shadow ? null : (options.fallbackTier ?? null) } : defaults;
  const checkpoint = options.checkpoint && call.ticketId !== null ? { ...options.checkpoint, ticketId: call.ticketId } : null;
  if (checkpoint) {
    const stored = await checkpoint.results.find(checkpoint.ticketId, checkpoint.key);
    const output = stored ? call.schema.safeParse(stored.output) : null;
    if (stored && output?.success) {
      return { output: output.data, tier: stored.tier, promptVersion: stored.promptVersion, fellBack: stored.fellBack, costNanos: 0 };
    }
  }
  const attempt = (tier: ModelTier, fellBack: boolean) =>
    gateway.call({
      ticketId: call.ticketId,
      urgent: options.urgent ?? false,
      ...(options.shadow ? { shadow: true } : {}),
      stage: call.stage,
      tier,
      prompt: { name: call.prompt.name, version: call.prompt.version, system: call.prompt.system, user: call.user },
      schema: call.schema,
      schemaName: call.schemaName,
      maxOutputTokens: setting.maxOutputTokens,
      reasoningEffort: options.reasoningEffort ?? setting.reasoningEffort,
      ...(checkpoint
        ? {
            onSettled: async ({ output, modelCallId }: { output: T; modelCallId: number }) =>
              await checkpoint.results.save({ ticketId: checkpoint.ticketId, key: checkpoint.key, stage: call.stage, tier, promptVersion: call.prompt.version, fellBack, output, modelCallId }),
          }
        : {}),
    });
  try {
    const result = await attempt(setting.tier, false);
    return { output: result.output, tier: setting.tier, promptVersion: call.prompt.version, fellBack: false, costNanos: result.costNanos };
  } catch (error) {
    const canFallBack = setting.fallbackTier !== null && ModelBehaviourError.isInstance(error);
    if (!canFallBack || setting.fallbackTier === null) throw error;
    const result = await attempt(setting.fallbackTier, true);
    return { output: result.output, tier: setting.fallbackTier, promptVersion: call.prompt.version, fellBack: true, costNanos: result.costNanos };
  }
}

/**
 * The reason a failed stage hands its ticket over for: the budget refused the
 * call, the models are unavailable (a configuration problem, not the model's
 * fault, and no reason for a second opinion), or the stage itself failed.
 */
export function failureReason(error: unknown, stageFailed: ReasonCode, budgetReason: ReasonCode): ReasonCode {
  if (refusedByBudget(error)) return budgetReason;
  if (isConfigurationFailure(error)) return 'models_unavailable';
  return stageFailed;
}
