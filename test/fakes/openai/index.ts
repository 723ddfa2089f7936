/**
 * A protocol-faithful fake of the OpenAI API for tests: point the real `openai` SDK at
 * `fake.url` (baseURL) with the fake's key, then script answers or inject faults.
 */
export { startFakeOpenAI } from './server.js';
export { sampleFromSchema } from './schema-sample.js';
export { estimateTokens, CACHE_MIN_PREFIX_TOKENS, CACHE_INCREMENT_TOKENS } from './tokens.js';
export { DEFAULT_RANDOM_FAULTS, mulberry32 } from './random-faults.js';
export { DEFAULT_EMBEDDING_DIMS, embedText } from './embedding-model.js';
export type {
  BilledAttempt,
  FakeOpenAI,
  FakeOpenAIOptions,
  Fault,
  FaultLogEntry,
  ModelRequest,
  ModelSpeed,
  ModelTiming,
  RandomFaultOptions,
  RecordedRequest,
  ScriptHandler,
  ScriptedAnswer,
  ScriptedUsage,
} from './types.js';
