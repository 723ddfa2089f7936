/**
 * The tier registry: nano / mini / flagship → model and price. Built once at
 * start-up; an unknown tier or a model without a price fails loudly here.
 */
import { MODEL_TIERS, type ModelTier } from '../domain/index.js';
import { priceFor, type ModelPrice, type PriceTable } from './pricing.js';

export interface TierModel {
  tier: ModelTier;
  model: string;
  price: ModelPrice;
}

export class TierRegistry {
  private readonly tiers: Map<ModelTier, TierModel>;

  constructor(
    models: Record<ModelTier, string>,
    readonly priceTable: PriceTable,
  ) {
    this.tiers = new Map(
      MODEL_TIERS.map((tier) => [tier, { tier, model: models[tier], price: priceFor(priceTable, models[tier]) }]),
    );
  }

  get(tier: ModelTier): TierModel {
    const entry = this.tiers.get(tier);
    if (!entry) throw new Error(`Unknown model tier "${String(tier)}"`);
    return entry;
  }

  all(): TierModel[] {
    return [...this.tiers.values()];
  }
}
