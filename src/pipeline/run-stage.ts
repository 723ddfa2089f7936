/**
 * Runs one stage through the gateway, and re-runs it one tier up when the
 * cheap tier's answer is unusable (fails the schema, stops early, refuses).
 * Transport failures (timeouts, rate limits after the SDK's own retries) are
 * not retried on a pricier tier: the cause is not the model's skill.
 */
import type { z } from 'zod';
import type { ModelTier, Stage } from '../domain/index.js';
import { ModelError } from '../errors.js';
import type { ModelGateway } from '../models/model-gateway.js';
import type { ModelTask } from '../models/provider.js';
import type { Prompt } from './prompt-library.js';
import { STAGE_SETTINGS } from './stage-settings.js';

const ESCALATE_ON: ReadonlySet<string> = new Set(['MODEL_INVALID_OUTPUT', 'MODEL_INCOMPLETE', 'MODEL_REFUSED']);

export interface StageOutcome<T> {
  output: T;
  tier: ModelTier;
  promptVersion: string;
  /** True when the first tier failed and the fallback tier answered. */
  fellBack: boolean;
  costUsd: number;
}

/** Per-call choices the pipeline makes on top of the stage's settings. */
export interface StageOptions {
  /** Urgent tickets may spend the budget's reserve. */
  urgent?: boolean;
  /** Run on this tier instead of the stage's usual one (the budget's economy step). */
  tier?: ModelTier;
}

export async function runStage<T>(
  gateway: ModelGateway,
  call: { ticketId: number | null; stage: Stage; prompt: Prompt; user: string; task: ModelTask; schema: z.ZodType<T>; schemaName: string },
  options: StageOptions = {},
): Promise<StageOutcome<T>> {
  const defaults = STAGE_SETTINGS[call.stage];
  const setting = options.tier && options.tier !== defaults.tier ? { ...defaults, tier: options.tier, fallbackTier: null } : defaults;
  const attempt = (tier: ModelTier) =>
    gateway.call({
      ticketId: call.ticketId,
      urgent: options.urgent ?? false,
      stage: call.stage,
      tier,
      prompt: { name: call.prompt.name, version: call.prompt.version, system: call.prompt.system, user: call.user },
      schema: call.schema,
      schemaName: call.schemaName,
      maxOutputTokens: setting.maxOutputTokens,
      reasoningEffort: setting.reasoningEffort,
      task: call.task,
    });
  try {
    const result = await attempt(setting.tier);
    return { output: result.output, tier: setting.tier, promptVersion: call.prompt.version, fellBack: false, costUsd: result.costUsd };
  } catch (error) {
    const canEscalate = setting.fallbackTier !== null && error instanceof ModelError && ESCALATE_ON.has(error.code);
    if (!canEscalate || setting.fallbackTier === null) throw error;
    const result = await attempt(setting.fallbackTier);
    return { output: result.output, tier: setting.fallbackTier, promptVersion: call.prompt.version, fellBack: true, costUsd: result.costUsd };
  }
}
