/**
 * Whether the models can be used at all. A key that stops working (revoked,
 * out of credit, a permission removed) fails every call the same way, and
 * retrying each ticket would only add failures; so the first configuration
 * failure marks the models unavailable, tickets go straight to reviewers
 * under their own reason (`models_unavailable`, neither a cause for a second
 * opinion nor a model failure), one alert goes out, and a free probe (listing a model) runs on a
 * timer until a call works again. Then the tickets left untriaged are triaged.
 */
import type { ModelOutage } from '../domain/index.js';
import type { ModelConfigurationError } from '../errors.js';

export type { ModelOutage };

export type HealthListener = (event: { kind: 'unavailable'; outage: ModelOutage } | { kind: 'available'; outage: ModelOutage }) => void;

export class ModelHealth {
  private current: ModelOutage | null = null;
  private readonly listeners: HealthListener[] = [];

  constructor(private readonly clock: () => Date = () => new Date()) {}

  get outage(): ModelOutage | null {
    return this.current;
  }

  get available(): boolean {
    return this.current === null;
  }

  onChange(listener: HealthListener): void {
    this.listeners.push(listener);
  }

  /** A configuration failure: from now on, tickets skip the models until a call works. */
  failed(error: ModelConfigurationError): void {
    if (this.current) return;
    this.current = { since: this.clock(), code: error.code, model: error.details.model, variable: error.variable, message: error.message };
    for (const listener of this.listeners) listener({ kind: 'unavailable', outage: this.current });
  }

  /** A call (or the probe) worked: the outage, if any, is over. */
  worked(): void {
    const outage = this.current;
    if (!outage) return;
    this.current = null;
    for (const listener of this.listeners) listener({ kind: 'available', outage });
  }
}
