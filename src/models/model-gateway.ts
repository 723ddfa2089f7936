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
 * Embeddings (`embed`, for the knowledge base) take the same path: same rows,
 * budget, retries and pricing, with stage `embed`.
 */
import { randomUUID } from 'node:crypto';
import { ZERO_USAGE, type ModelTier, type TokenUsage } from '../domain/index.js';
import { BudgetExceededError, ConfigError, ModelConfigurationError, modelError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AttemptResult, ModelCallRepository, Store } from '../store/types.js';
import { costNanos, type ModelPrice } from './pricing.js';
import type { EmbeddingResult, ModelProvider } from './provider.js';
import type { TierRegistry } from './tiers.js';
import { countTokens } from './tokenizer.js';
import { worstCaseCostNanos } from './worst-case.js';
import { backoffMs, DEFAULT_RETRY, failureCost, isTransient, unexpected, type RetryPolicy } from './attempt-failures.js';
import type { AttemptPlan, GatewayCall, GatewayOptions, GatewayResult, ProviderAnswer, RowIdentityInput } from './gateway-types.js';
import { EMBEDDING_FRAMING_TOKENS, EMBEDDING_PROMPTS, EMBEDDING_TOKEN_MARGIN, MAX_EMBEDDING_INPUTS, type EmbeddingCall, type EmbeddingCallResult } from './embedding-calls.js';

export type { EmbeddingCall, EmbeddingCallResult, EmbeddingPurpose } from './embedding-calls.js';
export type { RetryPolicy } from './attempt-failures.js';
export type { GatewayCall, GatewayOptions, GatewayResult, SettledCall } from './gateway-types.js';

/** The setting that names each tier's model. */
const TIER_VARIABLES: Record<ModelTier, string> = { nano: 'MODEL_NANO', mini: 'MODEL_MINI', flagship: 'MODEL_FLAGSHIP' };

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
   * At start-up: every tier's model (and the embeddings model), checked once at no cost. A refused key or
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
    const embeddings = this.embeddingModel;
    if (embeddings === null || checked.has(embeddings)) return;
    try {
      await this.provider.checkModel(embeddings);
    } catch (error) {
      if (ModelConfigurationError.isInstance(error)) {
        const variable = error.code === 'MODEL_NOT_FOUND' ? 'MODEL_EMBEDDINGS' : 'OPENAI_API_KEY';
        throw new ConfigError(variable, `${error.message} (checked at start-up; MODEL_EMBEDDINGS=off searches the knowledge base without embeddings)`, { cause: error });
      }
      this.logger.warn({ err: error, model: embeddings }, 'could not check the embeddings model at start-up; going on');
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
    const plan: AttemptPlan = { identity: call, model, price, worstCaseNanos: worstCaseCostNanos(call, price), urgent: call.urgent ?? false, reportsHealth: true };
    const { ticketId: _ticketId, urgent: _urgent, shadow: _shadow, onSettled: _onSettled, stage: _stage, tier: _tier, ...request } = call;
    const settled = await this.billedAttempts(
      plan,
      (attemptId) => this.provider.generate({ ...request, model, attemptId }),
      (result, rowId) => call.onSettled?.({ output: result.output, modelCallId: rowId }),
    );
    return { ...settled.result, tier: call.tier, model, costNanos: settled.costNanos, latencyMs: settled.latencyMs, modelCallId: settled.rowId };
  }

  /** The embeddings model, or null when there is none (not configured, or the provider has no embeddings endpoint). */
  get embeddingModel(): string | null {
    return this.provider.embed ? (this.tiers.embeddings()?.model ?? null) : null;
  }

  /**
   * Vectors for texts, through the same ledger, budget and retries as every
   * other call: one ledger row per attempt, stage `embed`, priced from the
   * usage the response reports. Throws BudgetExceededError when the budget
   * refuses it, a ModelError when the provider fails, and a configuration
   * ModelError when there is no embeddings model (check `embeddingModel`).
   */
  async embed(call: EmbeddingCall): Promise<EmbeddingCallResult> {
    const embeddings = this.tiers.embeddings();
    const embed = this.provider.embed?.bind(this.provider);
    if (!embeddings || !embed) {
      throw modelError('MODEL_NOT_FOUND', `no embeddings model: ${this.provider.name} has no embeddings endpoint or MODEL_EMBEDDINGS is off`, {
        model: embeddings?.model ?? 'none',
        retryable: false,
        billing: 'none',
      });
    }
    if (call.texts.length === 0) return { vectors: [], model: embeddings.model, usage: ZERO_USAGE, costNanos: 0, latencyMs: 0, modelCallId: 0 };
    if (call.texts.length > MAX_EMBEDDING_INPUTS) throw new RangeError(`embed: at most ${MAX_EMBEDDING_INPUTS} texts per call, got ${call.texts.length}`);
    const { model, price, tier } = embeddings;
    const identity: RowIdentityInput = { ticketId: call.ticketId, stage: 'embed', tier, prompt: EMBEDDING_PROMPTS[call.purpose] };
    const worstCaseTokens = call.texts.reduce((sum, text) => sum + Math.ceil(countTokens(text) * EMBEDDING_TOKEN_MARGIN) + EMBEDDING_FRAMING_TOKENS, 0);
    const worstCaseNanos = costNanos({ input: worstCaseTokens, cachedInput: 0, output: 0, reasoning: 0 }, price);
    const send = (attemptId: string | undefined): Promise<EmbeddingResult> =>
      embed({ model, input: call.texts, ...(attemptId === undefined ? {} : { attemptId }) });
    const settled = this.provider.capabilities.bills
      ? await this.billedAttempts({ identity, model, price, worstCaseNanos, urgent: call.urgent ?? false, reportsHealth: false }, send)
      : await this.unbilledAttempt(identity, model, price, () => send(undefined));
    const { vectors, usage } = settled.result;
    return { vectors, model, usage, costNanos: settled.costNanos, latencyMs: settled.latencyMs, modelCallId: settled.rowId };
  }

  /**
   * The attempt loop of a provider that bills: reserve and open a row, send,
   * close the row with what the attempt cost, retry what is worth retrying.
   */
  private async billedAttempts<R extends ProviderAnswer>(
    plan: AttemptPlan,
    send: (attemptId: string) => Promise<R>,
    onSettled?: (result: R, rowId: number) => Promise<void> | void,
  ): Promise<{ result: R; rowId: number; costNanos: number; latencyMs: number }> {
    const { identity, model, price, worstCaseNanos } = plan;
    for (let attempt = 0; ; attempt++) {
      const attemptId = randomUUID();
      // Throws BudgetExceededError before anything is sent when the worst case cannot fit.
      const rowId = await this.openAttempt(plan, attemptId);
      const started = this.now();
      let result: R;
      try {
        result = await send(attemptId);
      } catch (error) {
        const failure = unexpected(error, model);
        await this.closeAttempt(plan, rowId, {
          ...failureCost(failure, price, worstCaseNanos),
          rawUsage: failure.details.rawUsage ?? null,
          requestId: failure.details.requestId ?? null,
          estimatedCostNanos: null,
          latencyMs: this.now() - started,
          outcome: failure.code,
          errorMessage: this.redact(failure.message),
        });
        if (plan.reportsHealth && ModelConfigurationError.isInstance(failure)) this.options.health?.failed(failure);
        const retrying = isTransient(failure) && attempt < this.retry.maxRetries;
        this.logger.warn(
          { err: failure, code: failure.code, stage: identity.stage, tier: identity.tier, model, ticketId: identity.ticketId, attempt: attempt + 1, retrying },
          retrying ? 'model call attempt failed; retrying' : 'model call failed',
        );
        if (!retrying) throw failure;
        const delay = backoffMs(this.retry, attempt, failure.details.retryAfterMs ?? null, this.options.random ?? Math.random);
        if (delay === null) throw failure;
        await (this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))))(delay);
        continue;
      }
      // Pricing and recording sit outside the try: a store error is not a model failure.
      const latencyMs = this.now() - started;
      if (plan.reportsHealth) this.options.health?.worked();
      const priced = costNanos(result.usage, price);
      // A provider may say a particular answer was not billed (usage is then an estimate).
      const cost = result.billed ? priced : 0;
      await this.closeAttempt(
        plan,
        rowId,
        {
          usage: result.usage,
          rawUsage: result.rawUsage,
          requestId: result.requestId,
          costNanos: cost,
          costBasis: result.billed ? 'usage' : 'estimate',
          estimatedCostNanos: result.billed ? null : priced,
          latencyMs,
          outcome: 'ok',
          errorMessage: null,
        },
        () => onSettled?.(result, rowId),
      );
      return { result, rowId, costNanos: cost, latencyMs };
    }
  }

  /** Waits for budget room (attempts in flight ending), then writes the attempt's open row in the same transaction as the check. */
  private async openAttempt(plan: AttemptPlan, attemptId: string): Promise<number> {
    const budget = this.options.budget;
    const { identity, worstCaseNanos } = plan;
    for (;;) {
      const opened = await this.store.transaction(async () => {
        if (budget && await budget.admit(worstCaseNanos, { stage: identity.stage, urgent: plan.urgent, shadow: identity.shadow ?? false }) === 'wait') return null;
        return await this.ledger.open({ ...this.rowIdentity(identity, plan.model), attemptId, owner: this.workerId, worstCaseNanos, createdAt: this.wallClock() });
      });
      if (opened !== null) return opened;
      await budget?.waitForRoom();
    }
  }

  private async closeAttempt(plan: Pick<AttemptPlan, 'identity' | 'model'>, rowId: number, result: AttemptResult, alsoRecord?: () => Promise<void> | void): Promise<void> {
    try {
      await this.store.transaction(async () => {
        await this.ledger.close(rowId, result);
        await alsoRecord?.();
      });
    } finally {
      this.options.budget?.attemptEnded();
    }
    this.observe(plan.identity, plan.model, result);
  }

  /** Tells the observer (metrics) what the ledger now holds; an observer's failure is logged, never the call's. */
  private observe(identity: RowIdentityInput, model: string, result: AttemptResult): void {
    const observer = this.options.observer;
    if (!observer) return;
    try {
      observer.attemptEnded({ tier: identity.tier, model, stage: identity.stage, outcome: result.outcome, latencyMs: result.latencyMs, costNanos: result.costNanos });
    } catch (error) {
      this.logger.warn({ err: error }, 'the model call observer failed');
    }
  }

  /** Providers that do not bill (offline): one settled row per call, with what it would have cost. */
  private async callUnbilled<T>(call: GatewayCall<T>, model: string, price: ModelPrice): Promise<GatewayResult<T>> {
    const { ticketId: _ticketId, urgent: _urgent, shadow: _shadow, onSettled: _onSettled, stage: _stage, tier: _tier, ...request } = call;
    const settled = await this.unbilledAttempt(
      call,
      model,
      price,
      () => this.provider.generate({ ...request, model }),
      (result, rowId) => call.onSettled?.({ output: result.output, modelCallId: rowId }),
    );
    return { ...settled.result, tier: call.tier, model, costNanos: 0, latencyMs: settled.latencyMs, modelCallId: settled.rowId };
  }

  /**
   * One call to a provider that does not bill: one settled row, with what it
   * would have cost; `alsoRecord` (a stage's checkpoint) is written in the
   * same transaction as the row.
   */
  private async unbilledAttempt<R extends ProviderAnswer>(
    identity: RowIdentityInput,
    model: string,
    price: ModelPrice,
    send: () => Promise<R>,
    alsoRecord?: (result: R, rowId: number) => Promise<void> | void,
  ): Promise<{ result: R; rowId: number; costNanos: number; latencyMs: number }> {
    const started = this.now();
    const createdAt = this.wallClock();
    let result: R;
    try {
      result = await send();
    } catch (error) {
      const failure = unexpected(error, model);
      const usage: TokenUsage = failure.details.usage ?? ZERO_USAGE;
      this.logger.warn({ err: failure, code: failure.code, stage: identity.stage, tier: identity.tier, model, ticketId: identity.ticketId }, 'model call failed');
      const attempt: AttemptResult = {
        usage,
        rawUsage: failure.details.rawUsage ?? null,
        requestId: failure.details.requestId ?? null,
        costNanos: 0,
        costBasis: 'estimate',
        estimatedCostNanos: costNanos(usage, price),
        latencyMs: this.now() - started,
        outcome: failure.code,
        errorMessage: this.redact(failure.message),
      };
      await this.recordUnbilled(identity, model, createdAt, attempt);
      this.observe(identity, model, attempt);
      throw failure;
    }
    const latencyMs = this.now() - started;
    let rowId = 0;
    const attempt: AttemptResult = {
      usage: result.usage,
      rawUsage: result.rawUsage,
      requestId: result.requestId,
      costNanos: 0,
      costBasis: 'estimate',
      estimatedCostNanos: costNanos(result.usage, price),
      latencyMs,
      outcome: 'ok',
      errorMessage: null,
    };
    await this.store.transaction(async () => {
      rowId = await this.recordUnbilled(identity, model, createdAt, attempt);
      await alsoRecord?.(result, rowId);
    });
    this.observe(identity, model, attempt);
    return { result, rowId, costNanos: 0, latencyMs };
  }

  private async recordUnbilled(call: RowIdentityInput, model: string, createdAt: Date, result: AttemptResult): Promise<number> {
    return await this.ledger.record({ ...this.rowIdentity(call, model), ...result, createdAt });
  }

  /** What every ledger row says about its call: whose, which stage, tier, model, prompt and price table, and whether it was a shadow. */
  private rowIdentity(call: RowIdentityInput, model: string) {
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
