import type { FuzzCase } from './case.ts';
import { batchCase } from './gen/batch.ts';
import type { FuzzContext } from './gen/context.ts';
import { importCase } from './gen/imports.ts';
import { jsonCase } from './gen/json-bodies.ts';
import { queryCase, routesOf, type Route } from './gen/query.ts';
import { dice } from './gen/random.ts';

export type { FuzzCase } from './case.ts';
export type { FuzzContext } from './gen/context.ts';

/**
 * The seeded generator of malformed and hostile requests. `generateCase(seed, index, context)` is a pure
 * function: each case has its own random stream, so any one case is reproduced from (seed, index) and the
 * same context without generating those before it.
 */

export const families = ['batch', 'import', 'query', 'json'] as const;
export type Family = (typeof families)[number];

/** How often each family comes up; uploads weigh most because they hold most of the parsing. */
export const defaultFamilyWeights: Record<Family, number> = { batch: 35, import: 25, query: 28, json: 12 };

const routeCache = new WeakMap<object, Route[]>();

function routes(context: FuzzContext): Route[] {
  const key = typeof context.openapi === 'object' && context.openapi !== null ? context.openapi : null;
  const cached = key ? routeCache.get(key) : undefined;
  if (cached) return cached;
  const list = routesOf(context.openapi);
  if (key) routeCache.set(key, list);
  return list;
}

export function generateCase(seed: number, index: number, context: FuzzContext, weights: Partial<Record<Family, number>> = defaultFamilyWeights): FuzzCase {
  const d = dice(seed, index);
  const family = d.weighted(families.filter((f) => (weights[f] ?? 0) > 0).map((f) => [weights[f] ?? 0, f] as const));
  switch (family) {
    case 'batch':
      return batchCase(d, context, index);
    case 'import':
      return importCase(d, context, index);
    case 'query':
      return queryCase(d, context, routes(context));
    case 'json':
      return jsonCase(d, context);
  }
}

export function* generateCases(seed: number, count: number, context: FuzzContext, weights?: Partial<Record<Family, number>>): Generator<{ index: number; fuzzCase: FuzzCase }> {
  for (let index = 0; index < count; index++) yield { index, fuzzCase: generateCase(seed, index, context, weights) };
}
