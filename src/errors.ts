/**
 * One base error with a stable `code` and the `cause` kept. Subclasses carry
 * the fields a caller needs to decide what to do. `isInstance` works across
 * module copies (a symbol brand rather than `instanceof`).
 */
import type { TokenUsage } from './domain/model.js';

const BRAND = Symbol.for('support-triage-bot.error');

export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'PRICE_MISSING'
  | 'PROMPT_NOT_FOUND'
  | 'MODEL_RATE_LIMITED'
  | 'MODEL_TIMEOUT'
  | 'MODEL_REFUSED'
  | 'MODEL_INCOMPLETE'
  | 'MODEL_INVALID_OUTPUT'
  | 'MODEL_API_ERROR'
  | 'MODEL_AUTH_FAILED'
  | 'MODEL_CONNECTION_FAILED'
  | 'STORE_ERROR'
  | 'TICKET_NOT_FOUND'
  | 'INVALID_TRANSITION'
  | 'INPUT_INVALID'
  | 'BUDGET_EXHAUSTED'
  | 'REPORT_POST_FAILED';

export class TriageError extends Error {
  readonly [BRAND] = true;
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }

  static isInstance(value: unknown): value is TriageError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** A setting is missing or wrong; names the environment variable. */
export class ConfigError extends TriageError {
  constructor(
    readonly variable: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('CONFIG_INVALID', `${variable}: ${message}`, options);
  }
}

/** A configured model has no price: refusing to run beats recording $0. */
export class PriceMissingError extends TriageError {
  constructor(readonly model: string) {
    super('PRICE_MISSING', `No price for model "${model}". Add it to the price table (MODEL_PRICES) before using it.`);
  }
}

export class PromptNotFoundError extends TriageError {
  constructor(readonly promptName: string, options?: { cause?: unknown }) {
    super('PROMPT_NOT_FOUND', `Prompt "${promptName}" not found in prompts/`, options);
  }
}

export type ModelErrorCode = Extract<ErrorCode, `MODEL_${string}`>;

/**
 * The model misbehaved or could not be reached. `usage` is set when the call
 * was billed anyway (e.g. the output failed validation), so the ledger can
 * record what it cost.
 */
export class ModelError extends TriageError {
  constructor(
    code: ModelErrorCode,
    message: string,
    readonly details: {
      model: string;
      retryable: boolean;
      requestId?: string | null;
      usage?: TokenUsage | null;
      rawUsage?: unknown;
      retryAfterMs?: number | null;
      /**
       * For a failure without usage: whether the provider may have billed it.
       * `none`: the request was refused or never arrived; `unknown`: it may have
       * run (a timeout, a body cut off), so the ledger prices it at its worst case.
       */
      billing?: 'none' | 'unknown';
      cause?: unknown;
    },
  ) {
    super(code, message, { cause: details.cause });
  }

  get retryable(): boolean {
    return this.details.retryable;
  }
}

export class StoreError extends TriageError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_ERROR', message, options);
  }
}

/** A model call was refused before it was made: its worst case does not fit in what is left of a cap. */
export class BudgetExceededError extends TriageError {
  constructor(
    readonly period: 'daily' | 'monthly',
    readonly details: { worstCaseUsd: number; availableUsd: number; capUsd: number; stage: string },
  ) {
    super(
      'BUDGET_EXHAUSTED',
      `${period} budget: the ${details.stage} call may cost up to $${details.worstCaseUsd.toFixed(4)} but $${details.availableUsd.toFixed(4)} of $${details.capUsd} is available`,
    );
  }
}

export class TicketNotFoundError extends TriageError {
  constructor(readonly ticketId: string) {
    super('TICKET_NOT_FOUND', `Ticket ${ticketId} not found`);
  }
}

export class InvalidTransitionError extends TriageError {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super('INVALID_TRANSITION', `A ticket cannot go from "${from}" to "${to}"`);
  }
}

/** Input files or payloads that cannot be read; names where. */
export class InputError extends TriageError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INPUT_INVALID', message, options);
  }
}
