/** Polls `check` (awaited: a store read is async) every 20 ms until it returns something truthy, and returns that; throws naming `what` after `timeoutMs` (generous: a loaded CI machine runs many suites at once, and a positive signal returns at once anyway). */
export function until<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs?: number): Promise<T>;
export function until<T>(check: () => T | undefined | null | false, what: string, timeoutMs?: number): Promise<T>;
export async function until<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
