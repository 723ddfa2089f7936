/**
 * Checks shared by both adapters' message-splitting tests: a split must keep
 * the text whole and in order, and random inputs must be replayable.
 */
import { expect } from 'vitest';

/** Chunks must be the original's text in order, with only whitespace left out between them. */
export function expectFaithfulSplit(text: string, chunks: string[], max: number): void {
  let position = 0;
  for (const chunk of chunks) {
    expect(chunk.length, 'chunk within max').toBeLessThanOrEqual(max);
    expect(chunk.trim().length, 'no empty chunk').toBeGreaterThan(0);
    expect(chunk, 'no lone high surrogate at the end').not.toMatch(/[\ud800-\udbff]$/);
    expect(chunk, 'no lone low surrogate at the start').not.toMatch(/^[\udc00-\udfff]/);
    const found = text.indexOf(chunk, position);
    expect(found, 'chunk found in order').toBeGreaterThanOrEqual(position);
    expect(text.slice(position, found).trim(), 'only whitespace skipped').toBe('');
    position = found + chunk.length;
  }
  expect(text.slice(position).trim(), 'nothing lost at the end').toBe('');
}

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
