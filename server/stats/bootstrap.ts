/**
 * The confidence interval of a model version's score: the mean over scenarios of per-scenario means, with a
 * bootstrap that resamples scenarios (the cluster), so that transcripts of one scenario, which share its
 * difficulty, are never treated as independent evidence.
 *
 * Interval method: BCa (Efron 1987, "Better bootstrap confidence intervals", JASA 82:171–185; acceleration
 * from the jackknife as in Efron & Tibshirani 1993, *An Introduction to the Bootstrap*, §14.3) evaluated at
 * Hesterberg's *expanded* probability levels (Hesterberg 2015, "What teachers should know about the
 * bootstrap", The American Statistician 69:371–386; the default of `CI.bca(expand = TRUE)` in his R package
 * `resample`). Why not plain percentile or plain BCa: both behave like x̄ ± z·σ̂ with σ̂ computed with divisor
 * n, so they are too narrow for few clusters. The expansion moves α to Φ(√(n/(n−1))·t_{α, n−1}), which makes
 * the interval match the t interval for symmetric data; the BCa step then corrects for skew and bias.
 *
 * Measured coverage of a nominal 95% interval, 10,000 simulated data sets each (30 scenarios unless noted,
 * random scenario effects, 1–3 transcripts per scenario; the design of tests/stats/bootstrap.test.ts):
 *   1–5 ratings around 3.2: percentile 93.7%, BCa 93.9%, this method 95.3%
 *   1–5 ratings near the ceiling (4.3): percentile 93.6%, BCa 94.1%, this method 95.2%
 *   normal values: percentile 93.7%, BCa 93.6%, this method 94.8%
 *   10 scenarios of 1–5 ratings: percentile 90.1%, BCa 90.5%, this method 94.7%; 100 scenarios: 95.2%
 * Known limit: strongly skewed scenario means (lognormal effects) under-cover with every bootstrap interval
 * we tried, at 30 scenarios 88–92%; this method 90.9%.
 */
import { normalCdf, normalQuantile, studentTQuantile } from './distributions.ts';
import { seedState } from './random.ts';

export interface BootstrapOptions {
  /** Seed of the resampling; the same data and seed always give the same interval. */
  seed: number;
  /** Number of bootstrap resamples; 2,000 keeps the Monte Carlo error of a 95% BCa endpoint small. */
  resamples?: number;
  /** Two-sided confidence level in (0, 1). */
  level?: number;
}

export const BOOTSTRAP_METHOD = 'bca-expanded';

export interface BootstrapMeanCi {
  /** Mean of the cluster values (the mean over scenarios); null without clusters. */
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  level: number;
  /** Number of clusters (scenarios) the mean is over. */
  clusters: number;
  resamples: number;
  method: typeof BOOTSTRAP_METHOD;
  /** Why the interval (or the mean) is null. */
  reason?: string;
}

/**
 * Mean and BCa-expanded bootstrap CI over clusters: each entry of `clusterValues` is one scenario's mean,
 * and each resample draws scenarios with replacement. One scenario gives a mean but no interval; scenarios
 * that all have the same value give the degenerate interval [mean, mean], since no resample can differ.
 * Runs in O(resamples · clusters) with no allocation per resample.
 */
export function clusterBootstrapMeanCi(clusterValues: readonly number[], options: BootstrapOptions): BootstrapMeanCi {
  const resamples = options.resamples ?? 2000;
  const level = options.level ?? 0.95;
  checkOptions(resamples, level);
  const n = clusterValues.length;
  const base: Pick<BootstrapMeanCi, 'level' | 'clusters' | 'resamples' | 'method'> = { level, clusters: n, resamples, method: BOOTSTRAP_METHOD };
  if (n === 0) return { ...base, mean: null, ciLow: null, ciHigh: null, reason: 'no scenario has a value' };
  const values = Float64Array.from(clusterValues);
  if (!values.every(Number.isFinite)) throw new RangeError('clusterBootstrapMeanCi: every cluster value must be a finite number');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] ?? 0;
  const mean = sum / n;
  if (n === 1) return { ...base, mean, ciLow: null, ciHigh: null, reason: 'only one scenario: a bootstrap over scenarios needs at least two' };
  if (values.every((v) => v === values[0])) return { ...base, mean, ciLow: mean, ciHigh: mean };

  const bootstrapMeans = resampleMeans(values, resamples, options.seed);
  const [ciLow, ciHigh] = bcaExpandedInterval(bootstrapMeans, mean, jackknifeAcceleration(values, sum), level, n);
  return { ...base, mean, ciLow, ciHigh };
}

function checkOptions(resamples: number, level: number): void {
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
}

/**
 * The sorted means of `resamples` resamples of `values` with replacement, drawing cluster indices exactly as
 * `randomInt(createRng(seed), n)` would (the test checks this). The hot loop: xoshiro128** (random.ts) runs
 * inline with its state in local variables, because a call per draw keeps the state in a closure on the heap
 * and was 4× slower (≈ 430 ms against ≈ 110 ms for 30,000 clusters × 2,000 resamples). No allocation per
 * resample.
 */
export function resampleMeans(values: Float64Array, resamples: number, seed: number): Float64Array {
  const n = values.length;
  const means = new Float64Array(resamples);
  let [s0, s1, s2, s3] = seedState(seed);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const scrambled = Math.imul(s1, 5);
      const draw = Math.imul((scrambled << 7) | (scrambled >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      sum += values[Math.floor((draw / 4294967296) * n)] ?? 0;
    }
    means[b] = sum / n;
  }
  return means.sort();
}

/**
 * The BCa acceleration for the mean from the jackknife (Efron & Tibshirani 1993, eq. 14.15):
 * a = Σ(θ̄ − θ₍ᵢ₎)³ / (6 · (Σ(θ̄ − θ₍ᵢ₎)²)^{3/2}), with θ₍ᵢ₎ the mean without cluster i. 0 when all θ₍ᵢ₎ agree.
 */
function jackknifeAcceleration(values: Float64Array, sum: number): number {
  const n = values.length;
  let jackknifeSum = 0;
  for (let i = 0; i < n; i++) jackknifeSum += (sum - (values[i] ?? 0)) / (n - 1);
  const jackknifeMean = jackknifeSum / n;
  let squares = 0;
  let cubes = 0;
  for (let i = 0; i < n; i++) {
    const d = jackknifeMean - (sum - (values[i] ?? 0)) / (n - 1);
    squares += d * d;
    cubes += d * d * d;
  }
  return squares > 0 ? cubes / (6 * squares ** 1.5) : 0;
}

/**
 * Hesterberg's expanded probability level (R `resample::ExpandProbs`): the α whose normal quantile, shrunk
 * by √((n−1)/n), equals the t quantile with n − 1 degrees of freedom.
 */
export function expandedProbability(probability: number, n: number): number {
  return normalCdf(Math.sqrt(n / (n - 1)) * studentTQuantile(probability, n - 1));
}

/** The BCa interval at the expanded levels, read off the sorted bootstrap distribution. */
function bcaExpandedInterval(sorted: Float64Array, estimate: number, acceleration: number, level: number, n: number): [number, number] {
  const resamples = sorted.length;
  // Bias correction z0 = Φ⁻¹(share of resamples below the estimate); resamples equal to it count half, so a
  // symmetric discrete bootstrap distribution with an atom at the estimate gives z0 = 0. Clamped to the
  // resolution of the resamples, since z0 = ±∞ would put the interval outside the distribution.
  let below = 0;
  let equal = 0;
  for (let b = 0; b < resamples; b++) {
    const v = sorted[b] ?? 0;
    if (v < estimate) below++;
    else if (v === estimate) equal++;
  }
  const share = Math.min(1 - 0.5 / resamples, Math.max(0.5 / resamples, (below + equal / 2) / resamples));
  const z0 = normalQuantile(share);
  const adjusted = (probability: number): number => {
    const z = normalQuantile(expandedProbability(probability, n));
    // With 2 clusters (t with 1 df) or an extreme level the expanded level underflows to 0 or 1; the
    // endpoint is then the bootstrap distribution's minimum or maximum (and ±∞ must not reach the BCa formula,
    // where ∞/∞ would give NaN).
    if (!Number.isFinite(z)) return z > 0 ? 1 : 0;
    const denominator = 1 - acceleration * (z0 + z);
    // A denominator ≤ 0 only happens with extreme acceleration; the endpoint then goes to the tail it leans to.
    if (denominator <= 0) return z0 + z > 0 ? 1 : 0;
    return normalCdf(z0 + (z0 + z) / denominator);
  };
  const alpha = (1 - level) / 2;
  return [sortedQuantile(sorted, adjusted(alpha)), sortedQuantile(sorted, adjusted(1 - alpha))];
}

/**
 * The p-quantile of a sorted sample by Hyndman & Fan's (1996) type 6, the (B+1)·p-th order statistic that
 * Efron & Tibshirani use for bootstrap percentiles (and `resample` uses), interpolated and clamped to the
 * sample's range.
 */
export function sortedQuantile(sorted: Float64Array, p: number): number {
  const count = sorted.length;
  const position = (count + 1) * p; // 1-based
  if (position <= 1) return sorted[0] ?? Number.NaN;
  if (position >= count) return sorted[count - 1] ?? Number.NaN;
  const lower = Math.floor(position);
  const fraction = position - lower;
  const a = sorted[lower - 1] ?? Number.NaN;
  const b = sorted[lower] ?? Number.NaN;
  return a + fraction * (b - a);
}
