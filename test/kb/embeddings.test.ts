/**
 * Embeddings in the knowledge base, end to end through the real `openai`
 * SDK and the model gateway against the fake embeddings endpoint on
 * 127.0.0.1, into a real SQLite file: every call in the ledger and priced,
 * vectors stored and reused, a changed file re-embedded alone, fusion
 * finding what BM25 alone ranks wrong, and BM25 alone whenever embeddings
 * cannot be had (the endpoint fails, the budget refuses, none configured).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { gatewayEmbedder, startKnowledgeBase, type Embedder, type KnowledgeBase } from '../../src/kb/index.js';
import { RETRY_AFTER_MS } from '../../src/kb/vectors.js';
import type { Logger } from '../../src/logger.js';
import { embeddingModelSetting } from '../../src/models/embeddings-config.js';
import { ModelGateway } from '../../src/models/model-gateway.js';
import { OfflineProvider } from '../../src/models/offline-provider.js';
import { OpenAIChatProvider } from '../../src/models/openai/chat-provider.js';
import { createOpenAIClient } from '../../src/models/openai/client.js';
import { OpenAIResponsesProvider } from '../../src/models/openai/responses-provider.js';
import { costNanos, DEFAULT_PRICE_TABLE, type PriceTable } from '../../src/models/pricing.js';
import type { ModelProvider } from '../../src/models/provider.js';
import { TierRegistry } from '../../src/models/tiers.js';
import { BudgetGuard } from '../../src/policy/budget.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/types.js';
import { embedText, startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/index.js';
import { captureLogger, workspace, type Workspace } from './support.js';

const KEY = 'sk-test-embeddings-key';
const MODEL = 'text-embedding-3-small';
const MODELS = { nano: 'gpt-5.4-nano', mini: 'gpt-5.4-mini', flagship: 'gpt-5.4' };

/** Questions of the labelled set's kind (h-pt-03 is one) whose answer BM25 alone ranks second, under a page that shares its "limit". */
const INTEGRATIONS = `# Integrations

## API keys
Create API keys under Settings, then API. Each key may make 600 requests per minute; past that the API answers 429 and you retry later.

## API versions
The API is versioned by date. Every key works with every version; requests name the version they want in a header.
`;
const PLANS = `# Plans

## What happens when I go over my shipment limit?
Each plan includes a monthly shipment limit. Over the limit, each extra shipment costs 0.10 EUR. We never block shipping when you reach the limit.

## Plans at a glance
Starter includes 500 shipments a month, Growth 5,000.
`;
const SHIPPING = `# Shipping

## Creating a label
Open an order and click Create label. Labels are PDF files.
`;

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY });
});
afterAll(async () => {
  await fake.close();
});

interface Rig {
  space: Workspace;
  store: Store;
  gateway: ModelGateway;
  embedder: Embedder;
  logger: Logger;
  lines: () => Record<string, unknown>[];
  start(options?: { clock?: () => Date }): KnowledgeBase;
}

const rigs: Rig[] = [];
const started: KnowledgeBase[] = [];
afterEach(() => {
  for (const kb of started.splice(0)) kb.stop();
  for (const rig of rigs.splice(0)) {
    rig.store.close();
    rig.space.cleanup();
  }
  fake.reset();
});

function openAIProvider(kind: 'responses' | 'chat' = 'responses'): ModelProvider {
  const options = { apiKey: KEY, baseUrl: fake.url, timeoutMs: 5_000 };
  const client = createOpenAIClient(options);
  return kind === 'responses' ? new OpenAIResponsesProvider(client, options) : new OpenAIChatProvider(client, options);
}

function rig(options: { provider?: ModelProvider; budget?: (store: Store) => BudgetGuard; maxRetries?: number } = {}): Rig {
  const space = workspace('kb-embeddings');
  space.write('integrations.md', INTEGRATIONS);
  space.write('plans.md', PLANS);
  space.write('shipping.md', SHIPPING);
  const store = openSqliteStore(space.database);
  const { logger, lines } = captureLogger();
  const tiers = new TierRegistry(MODELS, DEFAULT_PRICE_TABLE, MODEL);
  const gateway = new ModelGateway(options.provider ?? openAIProvider(), tiers, store, logger, {
    retry: { maxRetries: options.maxRetries ?? 1 },
    sleep: async () => {},
    ...(options.budget ? { budget: options.budget(store) } : {}),
  });
  const embedder = gatewayEmbedder(gateway);
  if (!embedder) throw new Error('expected an embeddings model');
  const made: Rig = {
    space,
    store,
    gateway,
    embedder,
    logger,
    lines,
    start(startOptions = {}) {
      const kb = startKnowledgeBase({ sqlite: store.sqlite, path: space.kb, logger, watch: false, embedder, ...startOptions });
      started.push(kb);
      return kb;
    },
  };
  rigs.push(made);
  return made;
}

const embeddingRequests = () => fake.requests.filter((request) => request.path === '/v1/embeddings');

function ledger(store: Store) {
  return store.sqlite
    .prepare<[], { id: number; ticket_id: number | null; stage: string; tier: string; provider: string; model: string; prompt_name: string; input_tokens: number; output_tokens: number; cost_nanos: number; cost_basis: string; outcome: string; request_id: string | null; attempt_id: string | null }>(
      'select id, ticket_id, stage, tier, provider, model, prompt_name, input_tokens, output_tokens, cost_nanos, cost_basis, outcome, request_id, attempt_id from model_calls order by id',
    )
    .all();
}

function vectorRows(store: Store) {
  return store.sqlite
    .prepare<[], { passage_id: number; source: string; model: string; dims: number; bytes: number; created_at: number }>(
      'select v.passage_id, p.source, v.model, v.dims, length(v.vector) as bytes, v.created_at from kb_vectors v join kb_passages p on p.id = v.passage_id order by v.passage_id',
    )
    .all();
}

async function ticketIn(store: Store): Promise<number> {
  return (await store.tickets.intake({ thread: { platform: 'console', channelId: 'c', threadId: 't' }, messageId: 'm', customer: { id: 'u' }, text: 'hi', receivedAt: new Date() })).ticket.id;
}

describe('embeddings through the SDK and the gateway', () => {
  it('sends nothing at start-up: the first search (or syncVectors) embeds the passages, and answers with BM25 meanwhile', async () => {
    const { store, start } = rig();
    const kb = start();
    expect(kb.passageCount()).toBe(5);
    expect(fake.requests).toEqual([]);
    const question = { text: 'As chaves de API têm limite de requisições?' };
    expect(await kb.retriever.search(question, 3)).toEqual(kb.retriever.searchOffline(question, 3));
    expect(await kb.syncVectors()).toMatchObject({ embedded: 5, calls: 1 });
    expect(vectorRows(store)).toHaveLength(5);
    expect((await kb.retriever.search(question, 3))[0]?.heading).toBe('API keys');
  });


  it('embeds every passage in the ledger, priced from the usage the endpoint reports, and stores one unit vector each', async () => {
    const { store, start } = rig();
    const kb = start();
    const summary = await kb.syncVectors();
    expect(summary).toMatchObject({ model: MODEL, embedded: 5, kept: 0, pending: 0, calls: 1, failed: false });

    // The SDK asked for base64 (its default) and decoded it: what is stored is the fake's vector, normalised.
    const [request] = embeddingRequests();
    expect(request?.body).toMatchObject({ model: MODEL, encoding_format: 'base64' });
    expect(request?.body.input).toHaveLength(5);
    expect(request?.headers['x-client-request-id']).toMatch(/[0-9a-f-]{36}/);

    const rows = ledger(store);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    const billed = fake.billed[0];
    expect(billed).toMatchObject({ api: 'embeddings', model: MODEL, delivery: 'complete' });
    expect(row).toMatchObject({ ticket_id: null, stage: 'embed', tier: 'nano', provider: 'openai', model: MODEL, prompt_name: 'embed_passages', output_tokens: 0, cost_basis: 'usage', outcome: 'ok' });
    expect(row?.attempt_id).toBe(billed?.clientRequestId);
    expect(row?.request_id).toMatch(/^req_/);
    expect(row?.input_tokens).toBe(billed?.usage.input_tokens);
    expect(row?.input_tokens).toBeGreaterThan(100);
    const price = DEFAULT_PRICE_TABLE.prices[MODEL];
    expect(price).toEqual({ input: 0.02, cachedInput: 0.02, output: 0 });
    if (price) expect(row?.cost_nanos).toBe(costNanos({ input: row?.input_tokens ?? 0, cachedInput: 0, output: 0, reasoning: 0 }, price));

    const vectors = vectorRows(store);
    expect(vectors).toHaveLength(5);
    expect(vectors.every((vector) => vector.model === MODEL && vector.dims === 256 && vector.bytes === 256 * 4)).toBe(true);

    // A question is embedded for its ticket: the ledger row carries the ticket.
    const ticketId = await ticketIn(store);
    await kb.retriever.search({ text: 'As chaves de API têm limite de requisições?', ticketId }, 3);
    const query = ledger(store).at(-1);
    expect(query).toMatchObject({ ticket_id: ticketId, stage: 'embed', prompt_name: 'embed_query', outcome: 'ok' });
    expect((await store.modelCalls.forTicket(ticketId)).map((call) => `${call.stage}:${call.tier}:${call.model}`)).toEqual([`embed:nano:${MODEL}`]);
  });

  it('reuses stored vectors: an unchanged re-index and a restart make no embeddings call', async () => {
    const { store, start } = rig();
    const kb = start();
    await kb.syncVectors();
    const before = vectorRows(store);
    expect(embeddingRequests()).toHaveLength(1);

    expect(kb.reindex()).toMatchObject({ added: [], changed: [], removed: [], unchanged: 3 });
    expect(await kb.syncVectors()).toMatchObject({ embedded: 0, kept: 5, calls: 0 });
    kb.stop();
    const restarted = start();
    expect(await restarted.syncVectors()).toMatchObject({ embedded: 0, kept: 5, calls: 0 });

    expect(embeddingRequests()).toHaveLength(1);
    expect(ledger(store)).toHaveLength(1);
    expect(vectorRows(store)).toEqual(before);
  });

  it('re-embeds only the passages of a changed file, and drops the vectors of a removed one', async () => {
    const { space, store, start } = rig();
    const kb = start();
    await kb.syncVectors();
    const kept = vectorRows(store).filter((vector) => vector.source !== 'plans.md');

    space.write('plans.md', `${PLANS}\n## Annual billing\nPay yearly and get two months free.\n`);
    expect(kb.reindex().changed).toEqual(['plans.md']);
    const summary = await kb.syncVectors();
    expect(summary).toMatchObject({ embedded: 3, kept: 3, calls: 1 });
    const last = embeddingRequests().at(-1);
    expect(last?.body.input).toHaveLength(3);
    expect((last?.body.input as string[]).every((text) => text.startsWith('Plans\n'))).toBe(true);
    expect(vectorRows(store).filter((vector) => vector.source !== 'plans.md')).toEqual(kept);
    expect(vectorRows(store).filter((vector) => vector.source === 'plans.md')).toHaveLength(3);

    rmSync(join(space.kb, 'shipping.md'));
    expect(kb.reindex().removed).toEqual(['shipping.md']);
    expect(await kb.syncVectors()).toMatchObject({ embedded: 0, calls: 0 });
    expect(vectorRows(store).some((vector) => vector.source === 'shipping.md')).toBe(false);
    expect(ledger(store).filter((row) => row.prompt_name === 'embed_passages')).toHaveLength(2);
  });
});

describe('fused search', () => {
  it('ranks first the passage answering a cross-language question that BM25 alone ranks second', async () => {
    const { start } = rig();
    const kb = start();
    await kb.syncVectors();
    for (const question of ['As chaves de API têm limite de requisições?', "Les clés d'API ont-elles une limite de requêtes ?"]) {
      const bm25 = kb.retriever.searchOffline({ text: question }, 3);
      expect(bm25.map((hit) => hit.heading).slice(0, 2)).toEqual(['What happens when I go over my shipment limit?', 'API keys']);

      const fused = await kb.retriever.search({ text: question }, 3);
      expect(fused[0]).toMatchObject({ source: 'integrations.md', heading: 'API keys' });
      expect(fused[0]?.similarity).toBeGreaterThan(fused[1]?.similarity ?? 1);
      // Reciprocal rank fusion, k = 60: BM25's second and the vectors' first.
      expect(fused[0]?.score).toBeCloseTo(1 / 62 + 1 / 61, 6);
      expect(fused.map((hit) => hit.score)).toEqual([...fused.map((hit) => hit.score)].sort((a, b) => b - a));
    }
  });

  it('judges a passage relevant on its similarity alone at the threshold, and not below it', async () => {
    const { store, gateway, logger, space } = rig();
    const question = 'Gibt es ein Limit für Anfragen mit einem API-Schlüssel?';
    const similarityOf = async (minSimilarity: number) => {
      const embedder = gatewayEmbedder(gateway, { minSimilarity });
      if (!embedder) throw new Error('expected an embeddings model');
      const kb = startKnowledgeBase({ sqlite: store.sqlite, path: space.kb, logger, watch: false, embedder });
      started.push(kb);
      await kb.syncVectors();
      return (await kb.retriever.search({ text: question }, 3)).find((hit) => hit.heading === 'API keys');
    };
    const lenient = await similarityOf(0.1);
    expect(lenient?.coverage).toBeLessThan(0.4);
    expect(lenient?.relevant).toBe(true);
    const strict = await similarityOf(0.99);
    expect(strict?.relevant).toBe(false);
  });
});

describe('BM25 alone when embeddings cannot be had', () => {
  it('falls back when the endpoint answers 500, with a warning and every attempt in the ledger, and crashes nothing', async () => {
    let now = new Date('2026-11-20T10:00:00Z');
    const { store, start, lines } = rig({ maxRetries: 1 });
    const kb = start({ clock: () => now });
    await kb.syncVectors();
    const question = { text: 'As chaves de API têm limite de requisições?' };
    fake.failNext({ kind: 'server_error' }, 2);
    const hits = await kb.retriever.search(question, 3);
    expect(hits).toEqual(kb.retriever.searchOffline(question, 3));
    expect(hits.every((hit) => hit.similarity === undefined)).toBe(true);
    expect(lines().some((line) => line.level === 40 && line.msg === 'knowledge base: embedding the question failed; searching with BM25 alone for a minute')).toBe(true);
    const failed = ledger(store).filter((row) => row.prompt_name === 'embed_query');
    expect(failed.map((row) => [row.outcome, row.cost_nanos])).toEqual([
      ['MODEL_API_ERROR', 0],
      ['MODEL_API_ERROR', 0],
    ]);
    // For a minute, searches do not wait on an endpoint that just failed.
    const sent = embeddingRequests().length;
    expect(await kb.retriever.search(question, 3)).toEqual(kb.retriever.searchOffline(question, 3));
    expect(embeddingRequests()).toHaveLength(sent);
    // Then the endpoint is back: searches are fused again.
    now = new Date(now.getTime() + RETRY_AFTER_MS);
    expect((await kb.retriever.search(question, 3))[0]?.heading).toBe('API keys');
  });

  it('searches with BM25 while indexing fails, and embeds again on a search once the retry delay passed', async () => {
    let now = new Date('2026-11-20T10:00:00Z');
    const { store, start, lines } = rig({ maxRetries: 0 });
    fake.failNext({ kind: 'server_error' });
    const kb = start({ clock: () => now });
    const failed = await kb.syncVectors();
    expect(failed).toMatchObject({ failed: true, embedded: 0, pending: 5 });
    expect(lines().some((line) => line.level === 40 && String(line.msg).startsWith('knowledge base: embedding 5 passages failed'))).toBe(true);
    const question = { text: 'As chaves de API têm limite de requisições?' };
    // Nothing to compare a question with: no query is embedded, BM25 answers.
    expect(await kb.retriever.search(question, 3)).toEqual(kb.retriever.searchOffline(question, 3));
    expect(embeddingRequests()).toHaveLength(1);

    now = new Date(now.getTime() + RETRY_AFTER_MS);
    await kb.retriever.search(question, 3);
    expect(await kb.syncVectors()).toMatchObject({ failed: false });
    expect(vectorRows(store)).toHaveLength(5);
  });

  it('falls back when the budget refuses the call: nothing is sent, nothing is billed', async () => {
    const { store, start, lines } = rig({
      budget: (ledgerStore) => new BudgetGuard({ dailyUsd: 0.01, monthlyUsd: null, alertThreshold: 0.8, urgentReserve: 0, timeZone: 'UTC' }, ledgerStore.modelCalls),
    });
    const kb = start();
    await kb.syncVectors();
    const sent = embeddingRequests().length;
    // Today's spend reaches the cap.
    await store.modelCalls.record({
      ticketId: null,
      stage: 'draft',
      tier: 'mini',
      provider: 'openai',
      model: 'gpt-5.4-mini',
      requestId: null,
      promptName: 'draft',
      promptVersion: 'draft@test',
      usage: { input: 1_000, cachedInput: 0, output: 100, reasoning: 0 },
      costNanos: 10_000_000,
      estimatedCostNanos: null,
      priceVersion: 'test',
      latencyMs: 1,
      outcome: 'ok',
      errorMessage: null,
      rawUsage: null,
    });
    const rows = ledger(store).length;
    const question = { text: 'As chaves de API têm limite de requisições?' };
    expect(await kb.retriever.search(question, 3)).toEqual(kb.retriever.searchOffline(question, 3));
    expect(embeddingRequests()).toHaveLength(sent);
    expect(ledger(store)).toHaveLength(rows);
    expect(lines().some((line) => line.level === 30 && line.msg === 'knowledge base: embedding the question failed; searching with BM25 alone for a minute (over budget)')).toBe(true);
  });

  it('has no embedder with the offline provider or MODEL_EMBEDDINGS=off, and the knowledge base stores no vector', async () => {
    const { store, space, logger } = rig();
    const tiers = new TierRegistry(MODELS, DEFAULT_PRICE_TABLE, MODEL);
    expect(gatewayEmbedder(new ModelGateway(new OfflineProvider(), tiers, store, logger))).toBeUndefined();
    expect(gatewayEmbedder(new ModelGateway(openAIProvider(), new TierRegistry(MODELS, DEFAULT_PRICE_TABLE), store, logger))).toBeUndefined();
    const kb = startKnowledgeBase({ sqlite: store.sqlite, path: space.kb, logger, watch: false });
    started.push(kb);
    expect(await kb.syncVectors()).toBeNull();
    const question = { text: 'As chaves de API têm limite de requisições?' };
    expect(await kb.retriever.search(question, 3)).toEqual(kb.retriever.searchOffline(question, 3));
    expect(vectorRows(store)).toEqual([]);
    expect(fake.requests).toEqual([]);
  });
});

describe('MODEL_EMBEDDINGS', () => {
  it('defaults to text-embedding-3-small with OpenAI only, and off turns it off', () => {
    expect(loadConfig({ OPENAI_API_KEY: KEY }).models.embeddings).toBe(MODEL);
    expect(loadConfig({ OPENAI_API_KEY: KEY, MODEL_EMBEDDINGS: 'off' }).models.embeddings).toBeNull();
    expect(loadConfig({ OPENAI_API_KEY: KEY, MODEL_EMBEDDINGS: 'text-embedding-3-large' }).models.embeddings).toBe('text-embedding-3-large');
    expect(loadConfig({}).models.embeddings).toBeNull();
    expect(loadConfig({ MODEL_EMBEDDINGS: MODEL }).models.embeddings).toBeNull();
    expect(embeddingModelSetting('openai-compatible', undefined)).toBeNull();
    expect(embeddingModelSetting('openai-compatible', 'nomic-embed-text')).toBe('nomic-embed-text');
    expect(embeddingModelSetting('openai', 'None')).toBeNull();
  });

  it('needs a price at start-up, and an unknown model stops start-up naming MODEL_EMBEDDINGS', async () => {
    expect(() => new TierRegistry(MODELS, DEFAULT_PRICE_TABLE, 'embed-without-price')).toThrow(/No price for model "embed-without-price"/);
    const prices: PriceTable = { version: 'test', prices: { ...DEFAULT_PRICE_TABLE.prices, 'text-embedding-nope': { input: 0.02, cachedInput: 0.02, output: 0 } } };
    const { store, logger } = rig();
    const gateway = new ModelGateway(openAIProvider(), new TierRegistry(MODELS, prices, 'text-embedding-nope'), store, logger);
    const error = await gateway.checkModels().catch((caught: unknown) => caught);
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).variable).toBe('MODEL_EMBEDDINGS');
    await new ModelGateway(openAIProvider(), new TierRegistry(MODELS, DEFAULT_PRICE_TABLE, MODEL), store, logger).checkModels();
  });

  it('asks an OpenAI-compatible server for plain floats, which it stores the same', async () => {
    const { store, logger } = rig();
    const gateway = new ModelGateway(openAIProvider('chat'), new TierRegistry(MODELS, DEFAULT_PRICE_TABLE, MODEL), store, logger);
    const result = await gateway.embed({ texts: ['How do I get a refund?'], purpose: 'query', ticketId: null });
    expect(embeddingRequests().at(-1)?.body.encoding_format).toBe('float');
    expect(result.vectors[0]).toEqual(embedText('How do I get a refund?'));
    expect(result).toMatchObject({ model: MODEL, modelCallId: expect.any(Number) });
    expect(result.costNanos).toBe(result.usage.input * 20);
    expect(ledger(store).at(-1)).toMatchObject({ provider: 'openai-compatible', stage: 'embed', prompt_name: 'embed_query' });
  });
});
