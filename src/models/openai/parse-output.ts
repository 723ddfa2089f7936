/**
 * Validates a model's JSON text against the stage schema. We parse ourselves
 * (rather than letting the SDK throw) so a billed but invalid answer keeps its
 * usage and lands in the ledger.
 */
import type { z } from 'zod';
import type { TokenUsage } from '../../domain/index.js';
import { modelError } from '../../errors.js';

export function parseStructuredOutput<T>(
  text: string,
  schema: z.ZodType<T>,
  context: { model: string; requestId: string | null; usage: TokenUsage; rawUsage: unknown },
): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw modelError('MODEL_INVALID_OUTPUT', `${context.model} returned text that is not JSON`, {
      ...context,
      retryable: true,
      cause,
    });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    throw modelError(
      'MODEL_INVALID_OUTPUT',
      `${context.model} returned JSON that does not match the schema: ${result.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ')}`,
      { ...context, retryable: true, cause: result.error },
    );
  }
  return result.data;
}
