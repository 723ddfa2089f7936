import type { Fault, RandomFaultOptions } from './types.js';

/**
 * The seeded random fault mode: a small PRNG written here (so the sequence never changes under a
 * dependency upgrade) decides, request by request, whether to fault and which fault to inject.
 */

export const DEFAULT_RANDOM_FAULTS: readonly Fault[] = [
  { kind: 'rate_limit', retryAfterSeconds: 0 },
  { kind: 'server_error' },
  { kind: 'lost_response' },
  { kind: 'cut_body' },
  { kind: 'malformed_json' },
  { kind: 'invalid_output' },
  { kind: 'refusal' },
  { kind: 'incomplete' },
];

/** mulberry32: a 32-bit state PRNG, uniform on [0, 1). Plenty for picking faults, and tiny. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class RandomFaults {
  readonly seed: number;
  readonly #rate: number;
  readonly #kinds: readonly Fault[];
  readonly #next: () => number;

  constructor(options: RandomFaultOptions) {
    if (!(options.rate >= 0 && options.rate <= 1)) throw new Error(`randomFaults: rate must be within 0..1, got ${options.rate}`);
    if (!Number.isSafeInteger(options.seed)) throw new Error(`randomFaults: seed must be an integer, got ${options.seed}`);
    const kinds = options.kinds ?? DEFAULT_RANDOM_FAULTS;
    if (kinds.length === 0) throw new Error('randomFaults: kinds must not be empty');
    this.seed = options.seed;
    this.#rate = options.rate;
    this.#kinds = [...kinds];
    this.#next = mulberry32(options.seed);
  }

  /**
   * The fault for the next request, or undefined. Always draws twice, so whether one request faults
   * never shifts which kind later requests get: the sequence depends only on the seed and the request count.
   */
  draw(): Fault | undefined {
    const roll = this.#next();
    const pick = this.#next();
    if (roll >= this.#rate) return undefined;
    return this.#kinds[Math.floor(pick * this.#kinds.length)];
  }
}
