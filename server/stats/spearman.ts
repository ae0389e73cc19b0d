/**
 * Spearman's rank correlation (Spearman 1904), e.g. between a judge's scores and human scores, or between two
 * judges: Pearson's correlation of the ranks, ties getting the average of the ranks they span. With ties this
 * is the standard definition (and what scipy's `spearmanr` and R's `cor(method = "spearman")` compute); the
 * shortcut 1 − 6Σd²/(n(n² − 1)) holds only without ties.
 */

/** 1-based ranks, tied values sharing the mean of the ranks they occupy ("fractional ranking"). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1] ?? 0] === values[order[start] ?? 0]) end++;
    // Positions start..end (0-based) hold equal values: ranks start+1..end+1, whose mean is (start+end)/2 + 1.
    const rank = (start + end) / 2 + 1;
    for (let p = start; p <= end; p++) ranks[order[p] ?? 0] = rank;
    start = end + 1;
  }
  return ranks;
}

/**
 * Pearson's product-moment correlation, Σdxdy / √(Σdx²·Σdy²) (Pearson 1895) with deviations from the means;
 * null when fewer than two pairs or one side does not vary.
 */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length) throw new RangeError(`pearson: ${x.length} x values but ${y.length} y values`);
  const n = x.length;
  if (n < 2) return null;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += (x[i] ?? 0) / n;
    meanY += (y[i] ?? 0) / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - meanX;
    const dy = (y[i] ?? 0) - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  // Clamp: rounding can put a perfect correlation a hair outside [−1, 1].
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

export interface Spearman {
  value: number | null;
  n: number;
  reason?: string;
}

/** Spearman's ρ of paired values: `x[i]` and `y[i]` belong to one item. */
export function spearmanRho(x: readonly number[], y: readonly number[]): Spearman {
  if (x.length !== y.length) throw new RangeError(`spearmanRho: ${x.length} x values but ${y.length} y values`);
  const n = x.length;
  if (n < 2) return { value: null, n, reason: 'fewer than two pairs' };
  const value = pearson(averageRanks(x), averageRanks(y));
  if (value === null) return { value: null, n, reason: 'one side has the same value for every item: no ranking to correlate' };
  return { value, n };
}
