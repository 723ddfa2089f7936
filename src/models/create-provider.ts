import type { Config } from '../config.js';
import { OfflineProvider } from './offline-provider.js';
import { OpenAIChatProvider } from './openai/chat-provider.js';
import { createOpenAIClient } from './openai/client.js';
import { OpenAIResponsesProvider } from './openai/responses-provider.js';
import type { ModelProvider } from './provider.js';

/** The provider named by MODEL_PROVIDER. */
export function createProvider(models: Config['models']): ModelProvider {
  if (models.provider === 'offline') return new OfflineProvider();
  const options = {
    apiKey: models.apiKey,
    baseUrl: models.baseUrl,
    timeoutMs: models.timeoutMs,
  };
  const client = createOpenAIClient(options);
  return models.provider === 'openai'
    ? new OpenAIResponsesProvider(client, options)
    : new OpenAIChatProvider(client, options);
}
