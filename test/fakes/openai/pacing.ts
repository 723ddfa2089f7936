import { wait } from './http.js';
import type { ModelSpeed, ModelTiming } from './types.js';

/**
 * How long a model request takes on the fake: the configured latency, plus,
 * for a model with a speed, its time to first token before generation and
 * output tokens ÷ tokens per second after it (reasoning tokens are output
 * tokens, generated at the same speed). Every wait is multiplied by the time
 * scale, so a benchmark can run at a twentieth of real time; each wait is
 * recorded as slept (start and scaled length) with its real-time length, so
 * the caller can convert what it measured back to real time (see
 * test/bench/saving/real-time.ts).
 */
export class Pacing {
  constructor(
    private readonly latencyMs: number,
    private readonly speed: ModelSpeed | undefined,
    private readonly timeScale: number,
    readonly timing: ModelTiming,
    private readonly signal: AbortSignal,
  ) {}

  /** Before generation: latency and time to first token. False when the client or the fake gave up meanwhile. */
  beforeGeneration(): Promise<boolean> {
    return this.#sleep(this.latencyMs + (this.speed?.timeToFirstTokenMs ?? 0));
  }

  /** After generation: the output tokens, at the model's speed. */
  afterGeneration(outputTokens: number): Promise<boolean> {
    if (!this.speed) return Promise.resolve(true);
    return this.#sleep((outputTokens / this.speed.outputTokensPerSecond) * 1000);
  }

  #sleep(realMs: number): Promise<boolean> {
    if (realMs <= 0) return Promise.resolve(!this.signal.aborted);
    const ms = realMs * this.timeScale;
    this.timing.simulatedMs += realMs;
    this.timing.waits.push({ startedAt: performance.now(), ms });
    return wait(ms, this.signal);
  }
}

export function checkTimeScale(scale: number | undefined): number {
  if (scale === undefined) return 1;
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) throw new RangeError(`fake OpenAI: timeScale must be in (0, 1], got ${scale}`);
  return scale;
}

export function checkSpeed(model: string, speed: ModelSpeed): ModelSpeed {
  if (!(speed.outputTokensPerSecond > 0) || !(speed.timeToFirstTokenMs >= 0)) {
    throw new RangeError(`fake OpenAI: the speed of ${model} needs outputTokensPerSecond > 0 and timeToFirstTokenMs ≥ 0`);
  }
  return speed;
}
