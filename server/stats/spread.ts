/**
 * Judge self-consistency: a judge sampled k times on the same item (transcript and trait) should give
 * nearly the same score each time. The spread of those k values, per item, and the items where it is
 * largest, which are the ones worth reading.
 */
import { mean, sampleSd } from './describe.ts';

export interface SampledItem {
  id: string;
  /** The k sampled values for this item. */
  values: readonly number[];
}

export interface ItemSpread {
  id: string;
  /** Number of samples k. */
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1); null for fewer than two samples. */
  sd: number | null;
  /** max − min; null for fewer than two samples (one sample says nothing about spread). */
  range: number | null;
}

/** Per item: mean, sample SD (Bessel's n − 1, describe.ts) and range of its sampled values. */
export function itemSpreads(items: readonly SampledItem[]): ItemSpread[] {
  return items.map(({ id, values }) => ({
    id,
    n: values.length,
    mean: mean(values),
    sd: sampleSd(values),
    range: values.length >= 2 ? Math.max(...values) - Math.min(...values) : null,
  }));
}

/**
 * Items by largest spread first (by `sd` or `range`); items whose spread is null go last. Ties keep the
 * input order, so a caller's secondary order (e.g. by id) survives.
 */
export function rankBySpread(spreads: readonly ItemSpread[], by: 'sd' | 'range' = 'sd', limit = Infinity): ItemSpread[] {
  return [...spreads]
    .sort((x, y) => {
      const a = x[by];
      const b = y[by];
      if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
      return b - a;
    })
    .slice(0, limit);
}
