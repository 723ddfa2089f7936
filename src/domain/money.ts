/**
 * Money as the ledger keeps it: whole nano-dollars (10⁻⁹ USD). A list price
 * per 1M tokens with up to three decimals is a whole number of nano-dollars
 * per token ($0.075 per 1M is 75), so every call's cost is an exact integer
 * and so is every sum of them; dollars exist only for display. Integers stay
 * exact in a JavaScript number up to 2⁵³ nano-dollars, about $9 million, far
 * past any ledger period this bot sums.
 */

/** An amount in nano-dollars: always a safe integer. */
export type Nanos = number;

export const NANOS_PER_USD = 1_000_000_000;

/** Dollars (a configured cap, a price) to the nearest nano-dollar. */
export function usdToNanos(usd: number): Nanos {
  return Math.round(usd * NANOS_PER_USD);
}

/** For display and for JSON readers that think in dollars. */
export function nanosToUsd(nanos: Nanos): number {
  return nanos / NANOS_PER_USD;
}
