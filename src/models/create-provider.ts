import type { Config, LogLevel } from '../config.js';
import type { Logger } from '../logger.js';
import { OfflineProvider } from './offline-provider.js';
import { OpenAIChatProvider } from './openai/chat-provider.js';
import { createOpenAIClient } from './openai/client.js';
import { OpenAIResponsesProvider } from './openai/responses-provider.js';
import type { ModelProvider } from './provider.js';

/** The provider named by MODEL_PROVIDER; the SDK logs through `log` when given. */
export function createProvider(models: Config['models'], log?: { logger: Logger; level: LogLevel }): ModelProvider {
  if (models.provider === 'offline') return new OfflineProvider();
  const options = {
    apiKey: models.apiKey,
    baseUrl: models.baseUrl,
    timeoutMs: models.timeoutMs,
    ...(log ? { logger: log.logger, logLevel: log.level } : {}),
  };
  const client = createOpenAIClient(options);
  return models.provider === 'openai'
    ? new OpenAIResponsesProvider(client, options)
    : new OpenAIChatProvider(client, options);
}
