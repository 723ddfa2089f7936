/**
 * The gateway's calls and answers as its callers and its attempt loop see
 * them (model-gateway.ts runs them).
 */
import type { LedgerStage, ModelTier, Stage, TokenUsage } from '../domain/index.js';
import type { BudgetGuard } from '../policy/budget.js';
import type { ModelCallObserver } from '../ports/ops.js';
import type { RetryPolicy } from './attempt-failures.js';
import type { ModelHealth } from './model-health.js';
import type { ModelPrice } from './pricing.js';
import type { ModelRequest, ModelResult, RenderedPrompt } from './provider.js';

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
  onSettled?: (settled: SettledCall<T>) => Promise<void> | void;
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
  /** Told after each attempt's ledger row is written (metrics); its failures never reach the call. */
  observer?: ModelCallObserver;
}

/** What the attempt loop needs to open, retry and close ledger rows, whatever the call. */
export interface AttemptPlan {
  identity: RowIdentityInput;
  model: string;
  price: ModelPrice;
  worstCaseNanos: number;
  urgent: boolean;
  /** Whether a configuration failure (or a success) tells the models' health: the cascade's calls do, embeddings do not (BM25 goes on without them). */
  reportsHealth: boolean;
}

/** What a provider answered, whatever the call: the attempt loop prices and records this. */
export interface ProviderAnswer {
  usage: TokenUsage;
  rawUsage: unknown;
  requestId: string | null;
  billed: boolean;
}

export interface RowIdentityInput {
  ticketId: number | null;
  stage: LedgerStage;
  tier: ModelTier;
  prompt: Pick<RenderedPrompt, 'name' | 'version'>;
  shadow?: boolean;
}

export interface GatewayResult<T> extends ModelResult<T> {
  tier: ModelTier;
  model: string;
  costNanos: number;
  latencyMs: number;
  modelCallId: number;
}
