/**
 * Every model call goes through here: resolve the tier, reserve the budget,
 * call the provider, price the usage, record the ledger. The pipeline never
 * talks to a provider directly.
 *
 * The gateway owns retries (the SDK's are off), so every attempt a provider
 * may bill has its own ledger row: written before the attempt is sent
 * (`in_flight`, at its worst case: the budget's reservation, visible to every
 * process), completed when it ends. An attempt whose usage cannot be known
 * (a timeout, a body cut off, a broken envelope) is priced at its worst case;
 * one cut off by a crash is closed the same way by whoever finds it
 * (src/pipeline/leases.ts). So the ledger never undercounts the provider's bill.
 */
import { randomUUID } from 'node:crypto';
import { ZERO_USAGE, type ModelTier, type Stage, type TokenUsage } from '../domain/index.js';
import { BudgetExceededError, ConfigError, ModelConfigurationError, ModelError, ModelTransientError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BudgetGuard } from '../policy/budget.js';
import type { AttemptResult, ModelCallRepository, Store } from '../store/types.js';
import { costUsd, type ModelPrice } from './pricing.js';
import type { ModelProvider, ModelRequest, ModelResult } from './provider.js';
import type { ModelHealth } from './model-health.js';
import type { TierRegistry } from './tiers.js';
import { worstCaseCostUsd } from './worst-case.js';

/** What a settled call hands to `onSettled`, inside the transaction that records it. */
export interface SettledCall<T> {
  output: T;
  /** The ledger row of the successful attempt. */
  modelCallId: number;
}

/** A provider request without the model (the gateway resolves it from the tier), and what the call is for. */
export interface GatewayCall<T> extends Omit<ModelRequest<T>, 'model' | 'attemptId'> {
  ticketId: number | null;
  stage: Stage;
  tier: ModelTier;
  /** Urgent tickets may spend the budget's reserve. */
  urgent?: boolean;
  /**
   * An evaluation's call (the replay's `--shadow`): its ledger row is marked,
   * so spend and budgets count it while the ticket's own cost leaves it out.
   */
  shadow?: boolean;
  /**
   * Runs in the same transaction that records the successful attempt, so what
   * the caller keeps of the output (a stage checkpoint) is stored exactly when
   * its cost is: a crash can lose neither one without the other.
   */
  onSettled?: (settled: SettledCall<T>) => void;
}

export interface RetryPolicy {
  /** Retries after the first attempt, for rate limits, server errors, timeouts and broken connections. */
  maxRetries: number;
  /** First backoff; doubles each retry, with jitter, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface GatewayOptions {
  /** Latency clock. */
  now?: () => number;
  /** Wall clock: stamps ledger rows, so budgets and reports see the same time. */
  clock?: () => Date;
  /** Checked before every attempt to a provider that bills. */
  budget?: BudgetGuard;
  retry?: Partial<RetryPolicy>;
  /** The worker (process) id stamped on open rows, so others can close them if it dies. */
  workerId?: string;
  /** Scrubs configured secrets from error text before it is stored. */
  redact?: (text: string) => string;
  /** Jitter source (tests make it deterministic). */
  random?: () => number;
  /** Backoff timer (tests skip the wait). */
  sleep?: (ms: number) => Promise<void>;
  /** Told about configuration failures and calls that work (see model-health.ts). */
  health?: ModelHealth;
}

/** The setting that names each tier's model. */
const TIER_VARIABLES: Record<ModelTier, string> = { nano: 'MODEL_NANO', mini: 'MODEL_MINI', flagship: 'MODEL_FLAGSHIP' };

export interface GatewayResult<T> extends ModelResult<T> {
  tier: ModelTier;
  model: string;
  costUsd: number;
  latencyMs: number;
  modelCallId: number;
}

const DEFAULT_RETRY: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000 };
/** A provider's retry-after is honoured up to this long; beyond it, the attempt fails. */
const MAX_RETRY_AFTER_MS = 30_000;

/**
 * Failures worth another attempt on the same model: the network or the
 * provider's load. A model's unusable answer is not (run-stage tries a
 * pricier tier), nor a configuration problem (a person must fix it).
 */
function isTransient(failure: ModelError): boolean {
  return ModelTransientError.isInstance(failure) && failure.retryable;
}

/**
 * A provider turns what its SDK throws into ModelErrors; anything else that
 * reaches here is unexpected. The request may have been sent, so it is
 * priced at its worst case and not retried.
 */
function unexpected(error: unknown, model: string): ModelError {
  if (ModelError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ModelTransientError('MODEL_API_ERROR', `${model} call failed: ${message}`, { model, retryable: false, billing: 'unknown', cause: error });
}

/** What a failed attempt cost: its reported usage, nothing, or (usage unknown) its worst case. */
function failureCost(failure: ModelError, price: ModelPrice, worstCaseUsd: number): Pick<AttemptResult, 'usage' | 'costUsd' | 'costBasis'> {
  const usage = failure.details.usage;
  if (usage) return { usage, costUsd: costUsd(usage, price), costBasis: 'usage' };
  if (failure.details.billing === 'none') return { usage: ZERO_USAGE, costUsd: 0, costBasis: 'usage' };
  return { usage: ZERO_USAGE, costUsd: worstCaseUsd, costBasis: 'worst_case' };
}

export class ModelGateway {
  private readonly retry: RetryPolicy;
  private readonly workerId: string;

  constructor(
    private readonly provider: ModelProvider,
    private readonly tiers: TierRegistry,
    private readonly store: Pick<Store, 'modelCalls' | 'transaction'>,
    private readonly logger: Logger,
    private readonly options: GatewayOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.workerId = options.workerId ?? 'local';
  }

  private get ledger(): ModelCallRepository {
    return this.store.modelCalls;
  }

  private now(): number {
    return this.options.now ? this.options.now() : performance.now();
  }

  private wallClock(): Date {
    return this.options.clock ? this.options.clock() : new Date();
  }

  get providerName(): string {
    return this.provider.name;
  }

  /**
   * At start-up: every tier's model, checked once at no cost. A refused key or
   * an unknown model stops start-up with a ConfigError naming the variable to
   * fix; a provider that cannot be reached right now is logged, not fatal.
   */
  async checkModels(): Promise<void> {
    if (!this.provider.checkModel) return;
    const checked = new Set<string>();
    for (const { tier, model } of this.tiers.all()) {
      if (checked.has(model)) continue;
      checked.add(model);
      try {
        await this.provider.checkModel(model);
      } catch (error) {
        if (ModelConfigurationError.isInstance(error)) {
          const variable = error.code === 'MODEL_NOT_FOUND' ? TIER_VARIABLES[tier] : 'OPENAI_API_KEY';
          throw new ConfigError(variable, `${error.message} (checked at start-up)`, { cause: error });
        }
        this.logger.warn({ err: error, model }, 'could not check the model at start-up; going on');
      }
    }
  }

  /** While the models are unavailable: whether they work again, at no cost. True when they do. */
  async probe(): Promise<boolean> {
    const health = this.options.health;
    if (!health || health.available) return true;
    if (!this.provider.checkModel) return false;
    try {
      for (const model of new Set(this.tiers.all().map((tier) => tier.model))) await this.provider.checkModel(model);
      health.worked();
      return true;
    } catch {
      return false;
    }
  }

  async call<T>(call: GatewayCall<T>): Promise<GatewayResult<T>> {
    const { model, price } = this.tiers.get(call.tier);
    if (!this.provider.capabilities.bills) return this.callUnbilled(call, model, price);
    const worstCaseUsd = worstCaseCostUsd(call, price);
    for (let attempt = 0; ; attempt++) {
      const attemptId = randomUUID();
      // Throws BudgetExceededError before anything is sent when the worst case cannot fit.
      const rowId = await this.openAttempt(call, model, worstCaseUsd, attemptId);
      const started = this.now();
      let result: ModelResult<T>;
      try {
        const { ticketId: _ticketId, urgent: _urgent, shadow: _shadow, onSettled: _onSettled, stage: _stage, tier: _tier, ...request } = call;
        result = await this.provider.generate({ ...request, model, attemptId });
      } catch (error) {
        const failure = unexpected(error, model);
        this.closeAttempt(rowId, {
          ...failureCost(failure, price, worstCaseUsd),
          rawUsage: failure.details.rawUsage ?? null,
          requestId: failure.details.requestId ?? null,
          estimatedCostUsd: null,
          latencyMs: this.now() - started,
          outcome: failure.code,
          errorMessage: this.redact(failure.message),
        });
        if (ModelConfigurationError.isInstance(failure)) this.options.health?.failed(failure);
        const retrying = isTransient(failure) && attempt < this.retry.maxRetries;
        this.logger.warn(
          { err: failure, code: failure.code, stage: call.stage, tier: call.tier, model, ticketId: call.ticketId, attempt: attempt + 1, retrying },
          retrying ? 'model call attempt failed; retrying' : 'model call failed',
        );
        if (!retrying) throw failure;
        const delay = this.backoff(attempt, failure.details.retryAfterMs ?? null);
        if (delay === null) throw failure;
        await (this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))))(delay);
        continue;
      }
      // Pricing and recording sit outside the try: a store error is not a model failure.
      const latencyMs = this.now() - started;
      this.options.health?.worked();
      const priced = costUsd(result.usage, price);
      // A provider may say a particular answer was not billed (usage is then an estimate).
      const cost = result.billed ? priced : 0;
      this.closeAttempt(
        rowId,
        {
          usage: result.usage,
          rawUsage: result.rawUsage,
          requestId: result.requestId,
          costUsd: cost,
          costBasis: result.billed ? 'usage' : 'estimate',
          estimatedCostUsd: result.billed ? null : priced,
          latencyMs,
          outcome: 'ok',
          errorMessage: null,
        },
        () => call.onSettled?.({ output: result.output, modelCallId: rowId }),
      );
      return { ...result, tier: call.tier, model, costUsd: cost, latencyMs, modelCallId: rowId };
    }
  }

  /** Waits for budget room (attempts in flight ending), then writes the attempt's open row in the same transaction as the check. */
  private async openAttempt<T>(call: GatewayCall<T>, model: string, worstCaseUsd: number, attemptId: string): Promise<number> {
    const budget = this.options.budget;
    for (;;) {
      const opened = this.store.transaction(() => {
        if (budget && budget.admit(worstCaseUsd, { stage: call.stage, urgent: call.urgent ?? false, shadow: call.shadow ?? false }) === 'wait') return null;
        return this.ledger.open({ ...this.rowIdentity(call, model), attemptId, owner: this.workerId, worstCaseUsd, createdAt: this.wallClock() });
      });
      if (opened !== null) return opened;
      await budget?.waitForRoom();
    }
  }

  private closeAttempt(rowId: number, result: AttemptResult, alsoRecord?: () => void): void {
    try {
      this.store.transaction(() => {
        this.ledger.close(rowId, result);
        alsoRecord?.();
      });
    } finally {
      this.options.budget?.attemptEnded();
    }
  }

  /** Exponential backoff with full jitter, or the provider's retry-after; null when that is too long to wait. */
  private backoff(attempt: number, retryAfterMs: number | null): number | null {
    if (retryAfterMs !== null) return retryAfterMs > MAX_RETRY_AFTER_MS ? null : retryAfterMs;
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
    const random = this.options.random ?? Math.random;
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  }

  /** Providers that do not bill (offline): one settled row per call, with what it would have cost. */
  private async callUnbilled<T>(call: GatewayCall<T>, model: string, price: ModelPrice): Promise<GatewayResult<T>> {
    const started = this.now();
    const createdAt = this.wallClock();
    let result: ModelResult<T>;
    try {
      const { ticketId: _ticketId, urgent: _urgent, shadow: _shadow, onSettled: _onSettled, stage: _stage, tier: _tier, ...request } = call;
      result = await this.provider.generate({ ...request, model });
    } catch (error) {
      const failure = unexpected(error, model);
      const usage: TokenUsage = failure.details.usage ?? ZERO_USAGE;
      this.logger.warn({ err: failure, code: failure.code, stage: call.stage, tier: call.tier, model, ticketId: call.ticketId }, 'model call failed');
      this.recordUnbilled(call, model, createdAt, {
        usage,
        rawUsage: failure.details.rawUsage ?? null,
        requestId: failure.details.requestId ?? null,
        costUsd: 0,
        costBasis: 'estimate',
        estimatedCostUsd: costUsd(usage, price),
        latencyMs: this.now() - started,
        outcome: failure.code,
        errorMessage: this.redact(failure.message),
      });
      throw failure;
    }
    const latencyMs = this.now() - started;
    let modelCallId = 0;
    this.store.transaction(() => {
      modelCallId = this.recordUnbilled(call, model, createdAt, {
        usage: result.usage,
        rawUsage: result.rawUsage,
        requestId: result.requestId,
        costUsd: 0,
        costBasis: 'estimate',
        estimatedCostUsd: costUsd(result.usage, price),
        latencyMs,
        outcome: 'ok',
        errorMessage: null,
      });
      call.onSettled?.({ output: result.output, modelCallId });
    });
    return { ...result, tier: call.tier, model, costUsd: 0, latencyMs, modelCallId };
  }

  private recordUnbilled(call: Pick<GatewayCall<unknown>, 'ticketId' | 'stage' | 'tier' | 'prompt' | 'shadow'>, model: string, createdAt: Date, result: AttemptResult): number {
    return this.ledger.record({ ...this.rowIdentity(call, model), ...result, createdAt });
  }

  /** What every ledger row says about its call: whose, which stage, tier, model, prompt and price table, and whether it was a shadow. */
  private rowIdentity(call: Pick<GatewayCall<unknown>, 'ticketId' | 'stage' | 'tier' | 'prompt' | 'shadow'>, model: string) {
    return {
      ticketId: call.ticketId,
      stage: call.stage,
      tier: call.tier,
      provider: this.provider.name,
      model,
      promptName: call.prompt.name,
      promptVersion: call.prompt.version,
      priceVersion: this.tiers.priceTable.version,
      shadow: call.shadow ?? false,
    };
  }

  private redact(text: string): string {
    return this.options.redact ? this.options.redact(text) : text;
  }
}

/** True for the error the gateway throws when a call's worst case does not fit in the budget. */
export function refusedByBudget(error: unknown): boolean {
  return BudgetExceededError.isInstance(error);
}
