import type { Database } from '../../db/client.ts';

/** Results kept per database: the overview asks for the same few figures over and over between writes. */
const CAPACITY = 32;
const caches = new WeakMap<Database, { version: number; entries: Map<string, Promise<unknown>> }>();

/**
 * `compute()`'s result, computed once per `name`, `query` and data version. The statistics are seeded, so
 * they are a function of the data and the query alone, and `database.version()` moves with every write but
 * the bookkeeping ones no figure reads (db/client.ts `WriteOptions`): a kept figure is exactly the one a fresh
 * computation would give, and a write empties the cache. Concurrent identical requests share one
 * computation; a failure is not kept; the least recently used entry goes first.
 */
export function memoRead<T>(database: Database, name: string, query: unknown, compute: () => Promise<T>): Promise<T> {
  const version = database.version();
  let cache = caches.get(database);
  if (!cache || cache.version !== version) caches.set(database, (cache = { version, entries: new Map() }));
  const { entries } = cache;
  const key = `${name}\u0000${JSON.stringify(query)}`;
  const hit = entries.get(key);
  if (hit) {
    entries.delete(key);
    entries.set(key, hit);
    return hit as Promise<T>;
  }
  const result = compute();
  entries.set(key, result);
  result.catch(() => entries.delete(key));
  for (const old of entries.keys()) {
    if (entries.size <= CAPACITY) break;
    entries.delete(old);
  }
  return result;
}
