/**
 * Errors by kind, each with a stable `code` and the `cause` kept. Subclasses
 * carry the fields a caller needs to decide what to do:
 *
 * - configuration: a setting is wrong (ConfigError, naming the variable), or
 *   the provider refuses our key or does not know a model
 *   (ModelConfigurationError): another attempt will not help, a person must;
 * - model behaviour (ModelBehaviourError): the model answered, but unusably
 *   (invalid, refused, cut short): a pricier tier may do better;
 * - transient (ModelTransientError): the network or the provider's load (429,
 *   5xx, a timeout, a broken answer): the same call may work in a moment;
 * - platform (PlatformError): Slack or Discord said no, with its own code.
 *
 * Every class has its own `isInstance`, which works across module copies (a
 * brand of kind names rather than `instanceof`): `ModelBehaviourError.isInstance(e)`.
 */
import type { TokenUsage } from './domain/model.js';

/** Where each error keeps the kinds of every class in its chain. */
const KINDS = Symbol.for('support-triage-bot.error-kinds');

export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'PRICE_MISSING'
  | 'PROMPT_NOT_FOUND'
  | 'MODEL_RATE_LIMITED'
  | 'MODEL_TIMEOUT'
  | 'MODEL_REFUSED'
  | 'MODEL_INCOMPLETE'
  | 'MODEL_INVALID_OUTPUT'
  | 'MODEL_BAD_RESPONSE'
  | 'MODEL_API_ERROR'
  | 'MODEL_AUTH_FAILED'
  | 'MODEL_NOT_FOUND'
  | 'MODEL_CONNECTION_FAILED'
  | 'PLATFORM_ERROR'
  | 'STORE_ERROR'
  | 'TICKET_NOT_FOUND'
  | 'INVALID_TRANSITION'
  | 'INPUT_INVALID'
  | 'BUDGET_EXHAUSTED'
  | 'CHANNEL_POST_FAILED'
  | 'KNOWLEDGE_BASE_UNAVAILABLE'
  | 'OPS_SERVER_FAILED'
  | 'WEB_SERVER_FAILED'
  | 'WEB_PUBLIC_URL_REQUIRED';

export class TriageError extends Error {
  static readonly kind: string = 'TriageError';
  readonly code: ErrorCode;
  readonly [KINDS]: ReadonlySet<string>;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
    const kinds = new Set<string>();
    for (let type: unknown = new.target; typeof type === 'function' && type !== Error; type = Object.getPrototypeOf(type)) {
      const kind = (type as { kind?: unknown }).kind;
      if (typeof kind === 'string') kinds.add(kind);
    }
    this[KINDS] = kinds;
  }

  /** True when `value` is an error of this class (or a subclass), from any copy of this module. */
  static isInstance<T extends TriageError>(this: { readonly kind: string; prototype: T }, value: unknown): value is T {
    if (typeof value !== 'object' || value === null) return false;
    const kinds = (value as { [KINDS]?: unknown })[KINDS];
    return kinds instanceof Set && kinds.has(this.kind);
  }
}

/** A setting is missing or wrong; names the environment variable. */
export class ConfigError extends TriageError {
  static override readonly kind: string = 'ConfigError';

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
  static override readonly kind: string = 'PriceMissingError';

  constructor(readonly model: string) {
    super('PRICE_MISSING', `No price for model "${model}". Add it to the price table (MODEL_PRICES) before using it.`);
  }
}

export class PromptNotFoundError extends TriageError {
  static override readonly kind: string = 'PromptNotFoundError';

  constructor(readonly promptName: string, options?: { cause?: unknown }) {
    super('PROMPT_NOT_FOUND', `Prompt "${promptName}" not found in prompts/`, options);
  }
}

export type ModelErrorCode = Extract<ErrorCode, `MODEL_${string}`>;

export interface ModelErrorDetails {
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
}

/**
 * A model call failed. `usage` is set when the call was billed anyway (e.g.
 * the output failed validation), so the ledger can record what it cost. Use
 * `modelError(code, …)` to get the subclass of the code's kind.
 */
export class ModelError extends TriageError {
  static override readonly kind: string = 'ModelError';

  constructor(
    code: ModelErrorCode,
    message: string,
    readonly details: ModelErrorDetails,
  ) {
    super(code, message, { cause: details.cause });
  }

  get retryable(): boolean {
    return this.details.retryable;
  }
}

/** The provider refuses our key, or does not know a configured model: a person must fix the configuration. */
export class ModelConfigurationError extends ModelError {
  static override readonly kind: string = 'ModelConfigurationError';

  /** The variable to fix: OPENAI_API_KEY, or the tier's MODEL_* setting. */
  get variable(): string {
    return this.code === 'MODEL_NOT_FOUND' ? 'MODEL_NANO / MODEL_MINI / MODEL_FLAGSHIP' : 'OPENAI_API_KEY';
  }
}

/** The model answered, but unusably (invalid, refused, cut short): a pricier tier may do better. */
export class ModelBehaviourError extends ModelError {
  static override readonly kind: string = 'ModelBehaviourError';
}

/** The network or the provider's load: the same call may work in a moment. */
export class ModelTransientError extends ModelError {
  static override readonly kind: string = 'ModelTransientError';
}

const CONFIGURATION_CODES: ReadonlySet<ModelErrorCode> = new Set(['MODEL_AUTH_FAILED', 'MODEL_NOT_FOUND']);
const BEHAVIOUR_CODES: ReadonlySet<ModelErrorCode> = new Set(['MODEL_INVALID_OUTPUT', 'MODEL_REFUSED', 'MODEL_INCOMPLETE']);

/** A model failure of the kind its code names. */
export function modelError(code: ModelErrorCode, message: string, details: ModelErrorDetails): ModelError {
  if (CONFIGURATION_CODES.has(code)) return new ModelConfigurationError(code, message, { ...details, retryable: false });
  if (BEHAVIOUR_CODES.has(code)) return new ModelBehaviourError(code, message, details);
  return new ModelTransientError(code, message, details);
}

/** A configuration problem, found at start-up or while running: ConfigError or ModelConfigurationError. */
export function isConfigurationFailure(value: unknown): value is ConfigError | ModelConfigurationError {
  return ConfigError.isInstance(value) || ModelConfigurationError.isInstance(value);
}

/** Slack or Discord refused a call; `platformCode` is the platform's own (Slack's `error` string, Discord's numeric code). */
export class PlatformError extends TriageError {
  static override readonly kind: string = 'PlatformError';

  /** Whether the same call may work later (a rate limit, a 5xx). */
  readonly retryable: boolean;

  constructor(
    readonly platform: string,
    readonly platformCode: string | number | null,
    message: string,
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super('PLATFORM_ERROR', `${platform}${platformCode !== null ? ` (${String(platformCode)})` : ''}: ${message}`, options);
    this.retryable = options?.retryable ?? false;
  }
}

/** A scheduled post (weekly report, budget or model alert) did not reach its channel; the cause is the platform's error. */
export class ChannelPostError extends TriageError {
  static override readonly kind: string = 'ChannelPostError';

  constructor(
    readonly post: { kind: string; periodKey: string; platform: string; channelId: string },
    options?: { cause?: unknown },
  ) {
    super('CHANNEL_POST_FAILED', `the ${post.kind} for ${post.periodKey} could not be posted to ${post.platform} ${post.channelId}`, options);
  }
}

export class StoreError extends TriageError {
  static override readonly kind: string = 'StoreError';

  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_ERROR', message, options);
  }
}

/** A model call was refused before it was made: its worst case does not fit in what is left of a cap. */
export class BudgetExceededError extends TriageError {
  static override readonly kind: string = 'BudgetExceededError';

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
  static override readonly kind: string = 'TicketNotFoundError';

  constructor(readonly ticketId: string) {
    super('TICKET_NOT_FOUND', `Ticket ${ticketId} not found`);
  }
}

export class InvalidTransitionError extends TriageError {
  static override readonly kind: string = 'InvalidTransitionError';

  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super('INVALID_TRANSITION', `A ticket cannot go from "${from}" to "${to}"`);
  }
}

/** Input files or payloads that cannot be read; names where. */
export class InputError extends TriageError {
  static override readonly kind: string = 'InputError';

  constructor(message: string, options?: { cause?: unknown }) {
    super('INPUT_INVALID', message, options);
  }
}

/** The knowledge base folder (KB_PATH) cannot be read or indexed; names the path. */
export class KnowledgeBaseError extends TriageError {
  static override readonly kind: string = 'KnowledgeBaseError';

  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('KNOWLEDGE_BASE_UNAVAILABLE', `${message} (KB_PATH=${path})`, options);
  }
}

/** The health / metrics server could not listen on HEALTH_PORT (in use, say): start-up stops, naming the port. */
export class OpsServerError extends TriageError {
  static override readonly kind: string = 'OpsServerError';

  constructor(
    readonly port: number,
    cause: unknown,
  ) {
    super('OPS_SERVER_FAILED', `the health and metrics server cannot listen on HEALTH_PORT=${port}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * The web console cannot start: WEB_PORT is taken (WEB_SERVER_FAILED), or
 * WEB_HOST is not a loopback address and no WEB_PUBLIC_URL says where the
 * sign-in links, the only way in off this machine, should point
 * (WEB_PUBLIC_URL_REQUIRED).
 */
export class WebConsoleError extends TriageError {
  static override readonly kind: string = 'WebConsoleError';

  constructor(code: 'WEB_SERVER_FAILED' | 'WEB_PUBLIC_URL_REQUIRED', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
