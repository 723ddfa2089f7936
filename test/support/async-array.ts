/** Array helpers for async callbacks (a store read is async): Array's own `filter` would keep every item, each promise being truthy. */
export async function mapAsync<T, R>(items: Iterable<T>, map: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let index = 0;
  // One at a time: a test reads the store in order, as the code under test would.
  for (const item of items) results.push(await map(item, index++));
  return results;
}

export async function filterAsync<T>(items: Iterable<T>, keep: (item: T) => Promise<unknown>): Promise<T[]> {
  const kept: T[] = [];
  for (const item of items) if (await keep(item)) kept.push(item);
  return kept;
}

export async function flatMapAsync<T, R>(items: Iterable<T>, map: (item: T) => Promise<readonly R[]>): Promise<R[]> {
  return (await mapAsync(items, map)).flat() as R[];
}
