/**
 * The tier registry: nano / mini / flagship → model and price, and the
 * embeddings model when one is configured. Built once at start-up; an
 * unknown tier or a model without a price fails loudly here.
 */
import { MODEL_TIERS, type ModelTier } from '../domain/index.js';
import { priceFor, type ModelPrice, type PriceTable } from './pricing.js';

export interface TierModel {
  tier: ModelTier;
  model: string;
  price: ModelPrice;
}

/**
 * The model that turns text into vectors (MODEL_EMBEDDINGS). Its calls are
 * recorded under `tier`: the cascade's cheapest bucket, since an embedding
 * is the cheapest kind of call there is. So budgets, the per-tier report
 * and its chart need no new value; the ledger's model (`text-embedding-3-small`)
 * and stage (`embed`) tell embeddings apart from nano's own calls.
 */
export interface EmbeddingModel {
  tier: ModelTier;
  model: string;
  price: ModelPrice;
}

export class TierRegistry {
  private readonly tiers: Map<ModelTier, TierModel>;
  private readonly embeddingModel: EmbeddingModel | null;

  constructor(
    models: Record<ModelTier, string>,
    readonly priceTable: PriceTable,
    /** MODEL_EMBEDDINGS resolved (`config.models.embeddings`); null or absent: no embeddings. */
    embeddings: string | null = null,
  ) {
    this.tiers = new Map(
      MODEL_TIERS.map((tier) => [tier, { tier, model: models[tier], price: priceFor(priceTable, models[tier]) }]),
    );
    this.embeddingModel = embeddings === null ? null : { tier: 'nano', model: embeddings, price: priceFor(priceTable, embeddings) };
  }

  get(tier: ModelTier): TierModel {
    const entry = this.tiers.get(tier);
    if (!entry) throw new Error(`Unknown model tier "${String(tier)}"`);
    return entry;
  }

  all(): TierModel[] {
    return [...this.tiers.values()];
  }

  /** The embeddings model and its price, or null when none is configured. */
  embeddings(): EmbeddingModel | null {
    return this.embeddingModel;
  }
}
