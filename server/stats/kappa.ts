/**
 * Cohen's kappa for two raters on ordinal categories given as numbers (a 1–5 rubric), unweighted or with
 * linear or quadratic weights, so that a 4-against-5 disagreement costs less than 1-against-5.
 *
 * Cohen (1960), "A coefficient of agreement for nominal scales"; weighted: Cohen (1968), "Weighted kappa",
 * Psychological Bulletin 70:213–220. With observed proportions p_ij, chance proportions e_ij = p_i· p_·j and
 * disagreement weights w_ij (0 on the diagonal): κ_w = 1 − Σ w_ij p_ij / Σ w_ij e_ij. Weights by category
 * index i, j: unweighted [i ≠ j], linear |i − j|, quadratic (i − j)² (scaling them cancels). Indices are
 * positions in the sorted category list, so pass the whole scale as `categories` when some points went
 * unused; with equally spaced scale points this equals weighting by the values themselves.
 */
import { confusionMatrix } from './confusion.ts';

export type KappaWeights = 'none' | 'linear' | 'quadratic';

export interface Kappa {
  value: number | null;
  /** Number of rated pairs. */
  n: number;
  weights: KappaWeights;
  reason?: string;
}

function disagreementWeight(weights: KappaWeights, i: number, j: number): number {
  if (weights === 'none') return i === j ? 0 : 1;
  return weights === 'linear' ? Math.abs(i - j) : (i - j) ** 2;
}

/**
 * Cohen's (weighted) kappa of paired ratings: `ratingsA[i]` and `ratingsB[i]` rate item i. Formula in the
 * file comment (Cohen 1960, 1968). Null with a reason without pairs, or when chance disagreement is 0.
 */
export function cohenKappa(ratingsA: readonly number[], ratingsB: readonly number[], options: { weights: KappaWeights; categories?: readonly number[] }): Kappa {
  const { counts, n, categories } = confusionMatrix(ratingsA, ratingsB, options.categories ?? []);
  const base = { n, weights: options.weights };
  if (options.categories && categories.length > options.categories.length) {
    throw new RangeError(`cohenKappa: a rating is not one of the categories ${options.categories.join(', ')}`);
  }
  if (n === 0) return { ...base, value: null, reason: 'no rated pairs' };
  const k = categories.length;
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = categories.map((_, j) => counts.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = disagreementWeight(options.weights, i, j);
      observed += (w * (counts[i]?.[j] ?? 0)) / n;
      expected += (w * (rowTotals[i] ?? 0) * (columnTotals[j] ?? 0)) / (n * n);
    }
  }
  if (!(expected > 0)) return { ...base, value: null, reason: 'both raters used one and the same category for every item: chance agreement is total' };
  return { ...base, value: 1 - observed / expected };
}
