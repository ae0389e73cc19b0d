/**
 * Krippendorff's alpha: agreement among any number of raters (judge samples, human annotators) with missing
 * ratings, for nominal, ordinal, interval and ratio values.
 *
 * Formulas from Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability" (Annenberg School for
 * Communication, University of Pennsylvania; https://repository.upenn.edu/asc_papers/43):
 *   coincidences  o_ck = Σ_u (number of c–k pairs of values in unit u) / (m_u − 1), over units with m_u ≥ 2
 *   n_c = Σ_k o_ck, n = Σ_c n_c (the pairable values)
 *   α = 1 − D_o / D_e = 1 − (n − 1) · Σ_ck o_ck δ²_ck / Σ_ck n_c n_k δ²_ck
 * with the difference functions δ²: nominal 0 or 1; ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)², using the
 * frequencies n_g of the pairable values; interval (c − k)²; ratio ((c − k)/(c + k))².
 *
 * Input: a units × raters matrix, `ratings[unit][rater]`, null where that rater gave no rating. A unit
 * with fewer than two ratings cannot be paired and is left out, as in the paper.
 *
 * CI: percentile interval of α over resamples of the units with replacement (the unit is the independent
 * thing, as the scenario is for bootstrap.ts). This differs from Hayes & Krippendorff's (2007) macro, which
 * resamples pairs of judgments; its coverage is not checked here. Resamples in which α is undefined (no
 * variation left) are skipped.
 */
import { sortedQuantile } from './bootstrap.ts';
import { createRng, randomInt } from './random.ts';

/** The level of measurement, which picks the difference function δ². */
export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface AlphaOptions {
  metric: AlphaMetric;
  seed: number;
  /** Bootstrap resamples of the units; 0 for the point estimate only. */
  resamples?: number;
  /** Confidence level of the interval. */
  level?: number;
}

export interface KrippendorffAlpha {
  value: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Confidence level of the interval. */
  level: number;
  /** Units with at least two ratings (the ones alpha is computed over). */
  units: number;
  /** Pairable values n: ratings in those units. */
  pairable: number;
  reason?: string;
}

/** One unit's ratings as (value index, count) pairs, over the sorted distinct pairable values. */
interface PairableUnit {
  valueIndex: Int32Array;
  counts: Float64Array;
  size: number;
}

/**
 * Krippendorff's α of `ratings[unit][rater]` (null = not rated) for the given metric, with a percentile CI
 * from resampling units; formulas as in the file comment (Krippendorff 2011). Null with a reason when no
 * unit has two ratings or the pairable ratings do not vary.
 */
export function krippendorffAlpha(ratings: readonly (readonly (number | null)[])[], options: AlphaOptions): KrippendorffAlpha {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 0) throw new RangeError(`resamples must be a non-negative integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);

  const rows = ratings.map((row) => row.filter((v): v is number => v !== null));
  for (const row of rows) for (const v of row) if (!Number.isFinite(v)) throw new RangeError(`ratings must be finite numbers or null, got ${v}`);
  const pairableRows = rows.filter((row) => row.length >= 2);
  const values = [...new Set(pairableRows.flat())].sort((a, b) => a - b);
  const units = toUnits(pairableRows, values);
  const pairable = pairableRows.reduce((sum, row) => sum + row.length, 0);
  const base = { level, units: units.length, pairable };
  if (units.length === 0) return { ...base, value: null, ciLow: null, ciHigh: null, reason: 'no unit has ratings from two or more raters' };
  if (options.metric === 'ratio' && values.some((v) => v < 0)) throw new RangeError('ratio alpha needs non-negative values');

  const v = values.length;
  const coincidences = new Float64Array(v * v);
  for (const unit of units) addCoincidences(coincidences, unit, v);
  const value = alphaFromCoincidences(coincidences, values, options.metric);
  if (value === null) return { ...base, value: null, ciLow: null, ciHigh: null, reason: 'no variation: every pairable rating has the same value' };
  if (resamples === 0) return { ...base, value, ciLow: null, ciHigh: null };

  const rng = createRng(options.seed);
  const draws = new Float64Array(resamples);
  let defined = 0;
  for (let r = 0; r < resamples; r++) {
    coincidences.fill(0);
    for (let u = 0; u < units.length; u++) {
      const unit = units[randomInt(rng, units.length)];
      if (unit) addCoincidences(coincidences, unit, v);
    }
    const resampled = alphaFromCoincidences(coincidences, values, options.metric);
    if (resampled !== null) draws[defined++] = resampled;
  }
  if (defined === 0) return { ...base, value, ciLow: null, ciHigh: null, reason: 'no resample had any variation' };
  const sorted = draws.subarray(0, defined).sort();
  const tail = (1 - level) / 2;
  return { ...base, value, ciLow: sortedQuantile(sorted, tail), ciHigh: sortedQuantile(sorted, 1 - tail) };
}

function toUnits(rows: readonly number[][], values: readonly number[]): PairableUnit[] {
  const index = new Map(values.map((value, i) => [value, i]));
  return rows.map((row) => {
    const counts = new Map<number, number>();
    for (const value of row) {
      const i = index.get(value) ?? 0;
      counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    return { valueIndex: Int32Array.from(counts.keys()), counts: Float64Array.from(counts.values()), size: row.length };
  });
}

/** Adds a unit's pairs to the coincidence matrix: n_uc·n_uk/(m_u − 1) for c ≠ k, n_uc(n_uc − 1)/(m_u − 1) on the diagonal. */
function addCoincidences(o: Float64Array, unit: PairableUnit, v: number): void {
  const scale = 1 / (unit.size - 1);
  const distinct = unit.valueIndex.length;
  for (let x = 0; x < distinct; x++) {
    const c = unit.valueIndex[x] ?? 0;
    const nc = unit.counts[x] ?? 0;
    for (let y = 0; y < distinct; y++) {
      const k = unit.valueIndex[y] ?? 0;
      const nk = unit.counts[y] ?? 0;
      o[c * v + k] = (o[c * v + k] ?? 0) + scale * (x === y ? nc * (nc - 1) : nc * nk);
    }
  }
}

/** α from a coincidence matrix; null when the expected disagreement is 0 (no variation). */
function alphaFromCoincidences(o: Float64Array, values: readonly number[], metric: AlphaMetric): number | null {
  const v = values.length;
  const marginals = new Float64Array(v);
  let n = 0;
  for (let c = 0; c < v; c++) {
    let sum = 0;
    for (let k = 0; k < v; k++) sum += o[c * v + k] ?? 0;
    marginals[c] = sum;
    n += sum;
  }
  // Cumulative marginals for the ordinal metric: Σ_{g=c..k} n_g = cumulative[k + 1] − cumulative[c].
  const cumulative = new Float64Array(v + 1);
  for (let c = 0; c < v; c++) cumulative[c + 1] = (cumulative[c] ?? 0) + (marginals[c] ?? 0);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < v; c++) {
    for (let k = 0; k < v; k++) {
      if (c === k) continue;
      const delta = squaredDifference(metric, c, k, values, marginals, cumulative);
      observed += (o[c * v + k] ?? 0) * delta;
      expected += (marginals[c] ?? 0) * (marginals[k] ?? 0) * delta;
    }
  }
  if (!(expected > 0)) return null;
  return 1 - ((n - 1) * observed) / expected;
}

function squaredDifference(metric: AlphaMetric, c: number, k: number, values: readonly number[], marginals: Float64Array, cumulative: Float64Array): number {
  const a = values[c] ?? 0;
  const b = values[k] ?? 0;
  switch (metric) {
    case 'nominal':
      return 1;
    case 'ordinal': {
      const [low, high] = c < k ? [c, k] : [k, c];
      const between = (cumulative[high + 1] ?? 0) - (cumulative[low] ?? 0) - ((marginals[low] ?? 0) + (marginals[high] ?? 0)) / 2;
      return between * between;
    }
    case 'interval':
      return (a - b) * (a - b);
    case 'ratio':
      // c ≠ k here, so c + k > 0 for non-negative values.
      return ((a - b) / (a + b)) ** 2;
  }
}
