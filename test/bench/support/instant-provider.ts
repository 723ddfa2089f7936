/**
 * A model that answers at once and costs no CPU to speak of: the first value
 * every field of the requested schema allows (enums' first value, short
 * strings), billed with a fixed usage. With it, a ticket's time is the
 * pipeline's own: routing, guards, every ledger row opened and closed, every
 * checkpoint and store write. What `npm run bench` calls "our overhead".
 */
import { z } from 'zod';
import type { ModelProvider, ModelRequest, ModelResult } from '../../../src/models/provider.js';
import { sampleFromSchema } from '../../fakes/openai/index.js';

const USAGE = { input: 1_200, cachedInput: 1_024, output: 120, reasoning: 0 };

export function instantProvider(): ModelProvider {
  const answers = new WeakMap<object, unknown>();
  return {
    name: 'instant',
    capabilities: { bills: true, judgesDrafts: true },
    async generate<T>(request: ModelRequest<T>): Promise<ModelResult<T>> {
      let answer = answers.get(request.schema);
      if (answer === undefined) {
        answer = request.schema.parse(sampleFromSchema(z.toJSONSchema(request.schema)));
        answers.set(request.schema, answer);
      }
      return { output: structuredClone(answer) as T, usage: USAGE, rawUsage: null, requestId: null, billed: true };
    },
  };
}
