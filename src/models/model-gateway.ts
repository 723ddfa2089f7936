/**
 * Every model call goes through here: resolve the tier, call the provider,
 * price the usage, record the ledger row — for failures too, with whatever
 * usage was billed. The pipeline never talks to a provider directly.
 */
import type { ModelTier, TokenUsage } from '../domain/index.js';
import { ModelError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ModelCallRepository } from '../store/types.js';
import { costUsd, type ModelPrice } from './pricing.js';
import type { ModelProvider, ModelRequest, ModelResult } from './provider.js';
import type { BudgetGuard, Reservation } from '../policy/budget.js';
import type { TierRegistry } from './tiers.js';
import { worstCaseCostUsd } from './worst-case.js';
import { toModelError } from './openai/errors.js';
import { ZERO_USAGE } from './openai/usage.js';

/** A provider request without the model: the gateway resolves it from the tier. */
export interface GatewayCall<T> extends Omit<ModelRequest<T>, 'model'> {
  ticketId: number | null;
  /** Urgent tickets may spend the budget's reserve. */
  urgent?: boolean;
}

export interface GatewayOptions {
  /** Latency clock. */
  now?: () => number;
  /** Wall clock: stamps ledger rows, so budgets and reports see the same time. */
  clock?: () => Date;
  /** Checked before every call to a provider that bills. */
  budget?: BudgetGuard;
}

export interface GatewayResult<T> extends ModelResult<T> {
  tier: ModelTier;
  model: string;
  costUsd: number;
  latencyMs: number;
}

export class ModelGateway {
  constructor(
    private readonly provider: ModelProvider,
    private readonly tiers: TierRegistry,
    private readonly ledger: ModelCallRepository,
    private readonly logger: Logger,
    private readonly options: GatewayOptions = {},
  ) {}

  private now(): number {
    return this.options.now ? this.options.now() : performance.now();
  }

  get providerName(): string {
    return this.provider.name;
  }

  async call<T>(call: GatewayCall<T>): Promise<GatewayResult<T>> {
    const { model, price } = this.tiers.get(call.tier);
    // Throws BudgetExceededError before anything is sent when the worst case does not fit.
    const reservation: Reservation | null =
      this.options.budget && this.provider.bills
        ? this.options.budget.reserve(worstCaseCostUsd(call, price), { stage: call.stage, urgent: call.urgent ?? false })
        : null;
    try {
      return await this.callProvider(call, model, price);
    } finally {
      // Released after the ledger row is written: from then on the ledger carries the cost.
      reservation?.release();
    }
  }

  private async callProvider<T>(call: GatewayCall<T>, model: string, price: ModelPrice): Promise<GatewayResult<T>> {
    const started = this.now();
    let result: ModelResult<T>;
    try {
      const { ticketId: _ticketId, urgent: _urgent, ...request } = call;
      result = await this.provider.generate({ ...request, model });
    } catch (error) {
      const failure = error instanceof ModelError ? error : toModelError(error, model);
      const usage: TokenUsage = failure.details.usage ?? ZERO_USAGE;
      this.logger.warn(
        { err: failure, code: failure.code, stage: call.stage, tier: call.tier, model, ticketId: call.ticketId },
        'model call failed',
      );
      this.record(call, model, {
        usage,
        rawUsage: failure.details.rawUsage ?? null,
        requestId: failure.details.requestId ?? null,
        // A failure is billed only when the provider reported usage for it.
        costUsd: costUsd(usage, price),
        estimatedCostUsd: null,
        latencyMs: this.now() - started,
        outcome: failure.code,
        errorMessage: failure.message,
      });
      throw failure;
    }
    // Pricing and recording sit outside the try: a store error is not a model failure.
    const latencyMs = this.now() - started;
    const priced = costUsd(result.usage, price);
    const cost = result.billed ? priced : 0;
    this.record(call, model, {
      usage: result.usage,
      rawUsage: result.rawUsage,
      requestId: result.requestId,
      costUsd: cost,
      estimatedCostUsd: result.billed ? null : priced,
      latencyMs,
      outcome: 'ok',
      errorMessage: null,
    });
    return { ...result, tier: call.tier, model, costUsd: cost, latencyMs };
  }

  private record(
    call: GatewayCall<unknown>,
    model: string,
    outcome: {
      usage: TokenUsage;
      rawUsage: unknown;
      requestId: string | null;
      costUsd: number;
      estimatedCostUsd: number | null;
      latencyMs: number;
      outcome: string;
      errorMessage: string | null;
    },
  ): void {
    this.ledger.record({
      ticketId: call.ticketId,
      stage: call.stage,
      tier: call.tier,
      provider: this.provider.name,
      model,
      promptName: call.prompt.name,
      promptVersion: call.prompt.version,
      priceVersion: this.tiers.priceTable.version,
      ...outcome,
      ...(this.options.clock ? { createdAt: this.options.clock() } : {}),
    });
  }
}
