import { expect, test } from 'vitest';
import { clusterBootstrapMeanCi, expandedProbability, resampleMeans, sortedQuantile } from '../../server/stats/bootstrap.ts';
import { createRng, randomInt, type Rng } from '../../server/stats/random.ts';

test('no scenario: no mean; one scenario: a mean but no interval, each with a reason', () => {
  const none = clusterBootstrapMeanCi([], { seed: 1 });
  expect(none).toMatchObject({ mean: null, ciLow: null, ciHigh: null, clusters: 0 });
  expect(none.reason).toMatch(/no scenario/);
  const one = clusterBootstrapMeanCi([3.5], { seed: 1 });
  expect(one).toMatchObject({ mean: 3.5, ciLow: null, ciHigh: null, clusters: 1 });
  expect(one.reason).toMatch(/one scenario/);
});

test('scenarios that all agree give the degenerate interval [mean, mean]', () => {
  const ci = clusterBootstrapMeanCi([4, 4, 4], { seed: 1 });
  expect(ci).toMatchObject({ mean: 4, ciLow: 4, ciHigh: 4 });
  expect(ci).not.toHaveProperty('reason');
});

test('two scenarios, or an extreme level: the interval runs to the bootstrap extremes, never NaN', () => {
  // With 2 clusters the resample means are 1, 1.5 and 2; the expanded 2.5% level (t with 1 df) is ≈ 0.
  expect(clusterBootstrapMeanCi([1, 2], { seed: 1 })).toMatchObject({ mean: 1.5, ciLow: 1, ciHigh: 2 });
  const extreme = clusterBootstrapMeanCi([1, 2, 3, 4, 10], { seed: 1, level: 0.9999 });
  expect(Number.isFinite(extreme.ciLow)).toBe(true);
  expect(extreme.ciHigh).toBe(10);
});

test('a value that is not a finite number is refused', () => {
  expect(() => clusterBootstrapMeanCi([1, Number.NaN], { seed: 1 })).toThrow(RangeError);
});

test('the same data and seed give the same interval; the defaults are 2,000 resamples at 95%', () => {
  const values = [3, 4, 2.5, 5, 4.5, 3.5, 1, 4];
  const a = clusterBootstrapMeanCi(values, { seed: 9 });
  expect(clusterBootstrapMeanCi(values, { seed: 9 })).toEqual(a);
  expect(a).toMatchObject({ mean: 3.4375, resamples: 2000, level: 0.95, method: 'bca-expanded', clusters: 8 });
  expect(clusterBootstrapMeanCi(values, { seed: 10 }).ciLow).not.toBe(a.ciLow);
});

test('the inlined generator of the hot loop draws exactly what createRng and randomInt draw', () => {
  const values = Float64Array.from([1, 2, 3, 5, 8, 13, 21]);
  const rng = createRng(123);
  const expected = new Float64Array(50);
  for (let b = 0; b < 50; b++) {
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[randomInt(rng, values.length)] ?? 0;
    expected[b] = sum / values.length;
  }
  expect(resampleMeans(values, 50, 123)).toEqual(expected.sort());
});

test('type 6 quantiles of a sorted sample (numpy method="weibull" gives 1.25, 2.5, 4)', () => {
  const sorted = Float64Array.from([1, 2, 3, 4]);
  expect(sortedQuantile(sorted, 0.25)).toBe(1.25);
  expect(sortedQuantile(sorted, 0.5)).toBe(2.5);
  expect(sortedQuantile(sorted, 0.9)).toBe(4);
  expect(sortedQuantile(sorted, 0.01)).toBe(1);
});

test("expanded levels match Hesterberg's ExpandProbs: Φ(√(n/(n−1))·t(0.025, n−1))", () => {
  // Reference values from scipy 1.17.1: norm.cdf(sqrt(n/(n-1)) * t.ppf(0.025, n-1)); 6 places, since our Φ
  // (A&S 7.1.26) is good to 7.5e-8.
  expect(expandedProbability(0.025, 30)).toBeCloseTo(0.018753900278220513, 6);
  expect(expandedProbability(0.025, 10)).toBeCloseTo(0.00855063902440636, 6);
});

test('for symmetric data the interval is close to the t interval', () => {
  // 1..30: mean 15.5, t interval 15.5 ± 3.2872 (t(0.975, 29) · SD/√30, scipy). With 20,000 resamples the
  // Monte Carlo error of a bootstrap endpoint is ≈ 0.05, and discreteness of the bootstrap adds a little.
  const ci = clusterBootstrapMeanCi(Array.from({ length: 30 }, (_, i) => i + 1), { seed: 5, resamples: 20_000 });
  expect(ci.mean).toBe(15.5);
  expect(ci.ciLow).toBeCloseTo(15.5 - 3.2872, 0);
  expect(Math.abs((ci.ciLow ?? 0) - (15.5 - 3.2872))).toBeLessThan(0.15);
  expect(Math.abs((ci.ciHigh ?? 0) - (15.5 + 3.2872))).toBeLessThan(0.15);
});

test('right-skewed scenario means give an interval that reaches further up than down', () => {
  const skewed = [1, 1, 1, 1.2, 1.3, 1.5, 1.5, 2, 2, 2.5, 3, 4, 5, 8, 12];
  const ci = clusterBootstrapMeanCi(skewed, { seed: 3 });
  const mean = ci.mean ?? 0;
  expect((ci.ciHigh ?? 0) - mean).toBeGreaterThan(1.2 * (mean - (ci.ciLow ?? 0)));
});

test('bad options are refused', () => {
  expect(() => clusterBootstrapMeanCi([1, 2], { seed: 1, level: 1 })).toThrow(RangeError);
  expect(() => clusterBootstrapMeanCi([1, 2], { seed: 1, resamples: 0 })).toThrow(RangeError);
});

// Coverage: does a nominal 95% interval cover the true mean 95% of the time on data shaped like ours?
// Design: 30 scenarios, each with a random effect, 1–3 transcripts per scenario (uniform), and per-transcript
// noise. Seeds are fixed and were not tuned: data from COVERAGE_SEED, bootstrap r seeded with r.
const COVERAGE_SEED = 2024;
const REPLICATIONS = 1000;
const SCENARIOS = 30;

function standardNormal(rng: Rng): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function measureCoverage(scenarioMean: (rng: Rng) => number, trueMean: number): number {
  const rng = createRng(COVERAGE_SEED);
  let covered = 0;
  for (let r = 0; r < REPLICATIONS; r++) {
    const means = Array.from({ length: SCENARIOS }, () => scenarioMean(rng));
    const ci = clusterBootstrapMeanCi(means, { seed: r });
    if (ci.ciLow !== null && ci.ciHigh !== null && ci.ciLow <= trueMean && trueMean <= ci.ciHigh) covered++;
  }
  return covered / REPLICATIONS;
}

function transcriptsInScenario(rng: Rng): number {
  return 1 + randomInt(rng, 3);
}

/**
 * E[clamp(round(μ + Z·σ), 1, 5)] for Z standard normal, by Simpson's rule on the normal density over ±10σ:
 * the population mean of 1–5 ratings, computed without the library's own normal CDF.
 */
function roundedRatingMean(mu: number, sigma: number): number {
  const steps = 200_000;
  const low = mu - 10 * sigma;
  const width = (20 * sigma) / steps;
  let sum = 0;
  for (let k = 0; k <= steps; k++) {
    const x = low + k * width;
    const density = Math.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * Math.sqrt(2 * Math.PI));
    const rating = Math.min(5, Math.max(1, Math.round(x)));
    const weight = k === 0 || k === steps ? 1 : k % 2 === 1 ? 4 : 2;
    sum += weight * rating * density;
  }
  return (sum * width) / 3;
}

test('coverage on clustered 1–5 ratings is within 93–97%', () => {
  // Scenario effect SD 0.7, transcript noise SD 0.8 around 3.2, rounded and clamped to the 1–5 scale. Every
  // transcript's rating has the same marginal distribution, so the mean over scenarios of scenario means
  // estimates E[rating] with rating = clamp(round(3.2 + N(0, 0.7² + 0.8²))).
  const trueMean = roundedRatingMean(3.2, Math.hypot(0.7, 0.8));
  const coverage = measureCoverage((rng) => {
    const effect = 3.2 + 0.7 * standardNormal(rng);
    const k = transcriptsInScenario(rng);
    let sum = 0;
    for (let t = 0; t < k; t++) sum += Math.min(5, Math.max(1, Math.round(effect + 0.8 * standardNormal(rng))));
    return sum / k;
  }, trueMean);
  console.info(`bootstrap coverage, clustered 1–5 ratings: ${(100 * coverage).toFixed(1)}% (true mean ${trueMean.toFixed(4)})`);
  expect(coverage).toBeGreaterThanOrEqual(0.93);
  expect(coverage).toBeLessThanOrEqual(0.97);
});

test('coverage on clustered normal values is within 93–97%', () => {
  // Scenario effect N(0, 1), transcript noise N(0, 1): the true mean is 0.
  const coverage = measureCoverage((rng) => {
    const effect = standardNormal(rng);
    const k = transcriptsInScenario(rng);
    let sum = 0;
    for (let t = 0; t < k; t++) sum += effect + standardNormal(rng);
    return sum / k;
  }, 0);
  console.info(`bootstrap coverage, clustered normal values: ${(100 * coverage).toFixed(1)}%`);
  expect(coverage).toBeGreaterThanOrEqual(0.93);
  expect(coverage).toBeLessThanOrEqual(0.97);
});
