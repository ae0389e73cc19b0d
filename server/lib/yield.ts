import { setImmediate } from 'node:timers/promises';

/**
 * For long CPU work on the event loop (checking hundreds of evidence quotes against a 4 MiB message): call the
 * returned function between steps; it lets other requests run whenever `budgetMs` has passed since it last did.
 */
export function createYielder(budgetMs = 15): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < budgetMs) return;
    await setImmediate();
    last = performance.now();
  };
}
