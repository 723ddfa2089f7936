/** Errors by kind: each class answers `isInstance` for itself and its subclasses only, and codes map to their kind. */
import { describe, expect, it } from 'vitest';
import {
  BudgetExceededError,
  ConfigError,
  isConfigurationFailure,
  ModelBehaviourError,
  ModelConfigurationError,
  ModelError,
  modelError,
  ModelTransientError,
  PlatformError,
  TriageError,
} from '../src/errors.js';

const details = { model: 'gpt-5.4-nano', retryable: true };

describe('error kinds', () => {
  it.each([
    ['MODEL_AUTH_FAILED', ModelConfigurationError],
    ['MODEL_NOT_FOUND', ModelConfigurationError],
    ['MODEL_INVALID_OUTPUT', ModelBehaviourError],
    ['MODEL_REFUSED', ModelBehaviourError],
    ['MODEL_INCOMPLETE', ModelBehaviourError],
    ['MODEL_RATE_LIMITED', ModelTransientError],
    ['MODEL_TIMEOUT', ModelTransientError],
    ['MODEL_BAD_RESPONSE', ModelTransientError],
    ['MODEL_API_ERROR', ModelTransientError],
  ] as const)('%s is a %s', (code, kind) => {
    const error = modelError(code, 'x', details);
    expect(kind.isInstance(error)).toBe(true);
    expect(ModelError.isInstance(error)).toBe(true);
    expect(TriageError.isInstance(error)).toBe(true);
    for (const other of [ModelConfigurationError, ModelBehaviourError, ModelTransientError].filter((k) => k !== kind)) {
      expect(other.isInstance(error)).toBe(false);
    }
  });

  it('never retries a configuration failure, whatever the caller said', () => {
    expect(modelError('MODEL_AUTH_FAILED', 'no', details).retryable).toBe(false);
  });

  it('tells configuration failures from everything else', () => {
    expect(isConfigurationFailure(new ConfigError('OPENAI_API_KEY', 'refused'))).toBe(true);
    expect(isConfigurationFailure(modelError('MODEL_AUTH_FAILED', 'no', details))).toBe(true);
    expect(isConfigurationFailure(modelError('MODEL_TIMEOUT', 'slow', details))).toBe(false);
    expect(ConfigError.isInstance(modelError('MODEL_AUTH_FAILED', 'no', details))).toBe(false);
  });

  it('keeps the platform\u2019s own code', () => {
    const error = new PlatformError('slack', 'channel_not_found', 'posting the reply failed', { retryable: false });
    expect(PlatformError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'PLATFORM_ERROR', platform: 'slack', platformCode: 'channel_not_found', retryable: false });
    expect(error.message).toBe('slack (channel_not_found): posting the reply failed');
    expect(ModelError.isInstance(error)).toBe(false);
  });

  it('recognises an error from another copy of the module by its brand, and nothing else', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('support-triage-bot.error-kinds')]: new Set(['TriageError', 'BudgetExceededError']) });
    expect(BudgetExceededError.isInstance(foreign)).toBe(true);
    expect(ModelError.isInstance(foreign)).toBe(false);
    expect(TriageError.isInstance(new Error('plain'))).toBe(false);
    expect(TriageError.isInstance(null)).toBe(false);
  });
});
