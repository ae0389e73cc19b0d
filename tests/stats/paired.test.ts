import { expect, test } from 'vitest';
import { clusterBootstrapMeanCi } from '../../server/stats/bootstrap.ts';
import { NO_SHARED_SCENARIO, pairedComparison, signFlipTest } from '../../server/stats/paired.ts';
import { createRng } from '../../server/stats/random.ts';

/** The definition, written out independently: every one of the 2^n patterns, each sum computed afresh. */
function enumeratedPValue(deltas: readonly number[]): number {
  const n = deltas.length;
  const observed = Math.abs(deltas.reduce((a, b) => a + b, 0));
  let atLeast = 0;
  for (let mask = 0; mask < 2 ** n; mask++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (mask >> i) & 1 ? -(deltas[i] ?? 0) : (deltas[i] ?? 0);
    if (Math.abs(sum) >= observed - 1e-9) atLeast++;
  }
  return atLeast / 2 ** n;
}

test("Fisher's randomization test on Darwin's Zea mays pairs: 1,726 of 32,768 sign patterns", () => {
  // Fisher (1935), The Design of Experiments, §21: cross − self heights in eighths of an inch (the data as in
  // R's HistData::ZeaMays, diff × 8). Sum 314; 1,726 of the 2^15 patterns reach |sum| ≥ 314, p = 0.05267.
  const zeaMays = [49, -67, 8, 16, 6, 23, 28, 41, 14, 29, 56, 24, 75, 60, -48];
  const result = pairedComparison(zeaMays, { seed: 1 });
  expect(result.pValue).toBe(1726 / 32768);
  expect(result.pValueMethod).toBe('exact');
  expect(result.permutations).toBe(32768);
  expect(result.meanDelta).toBeCloseTo(314 / 15, 12);
  expect(enumeratedPValue(zeaMays)).toBe(1726 / 32768);
});

test('tiny cases by hand: ±1 ±2 ±3 reaches |6| in 2 of 8 patterns; five equal deltas in 2 of 32', () => {
  expect(signFlipTest([1, 2, 3], 10_000, 1).pValue).toBe(0.25);
  expect(signFlipTest([1, 1, 1, 1, 1], 10_000, 1).pValue).toBe(2 / 32);
  expect(signFlipTest([-4], 10_000, 1).pValue).toBe(1);
});

test('the exact p equals an independent full enumeration on random and on tied deltas', () => {
  const rng = createRng(77);
  const floats = Array.from({ length: 14 }, () => rng() - 0.35);
  expect(signFlipTest(floats, 10_000, 1).pValue).toBe(enumeratedPValue(floats));
  // Integer deltas on a 1–5 scale tie often; ties with the observed sum count as "at least as extreme".
  const ties = [1, -1, 2, 1, 0, 1, -2, 1, 1, 0.5, -0.5, 1];
  expect(signFlipTest(ties, 10_000, 1).pValue).toBe(enumeratedPValue(ties));
});

test('zero deltas change no sum: the p-value is that of the non-zero ones', () => {
  expect(signFlipTest([0, 0, 1, 2, 3, 0], 10_000, 1)).toEqual({ pValue: 0.25, pValueMethod: 'exact', permutations: 8 });
});

test('above 20 non-zero deltas: Monte Carlo with (b+1)/(M+1), close to the exact value', () => {
  // 22 deltas: the exact p (2^22 patterns) from the independent enumeration, against 10,000 random patterns,
  // whose standard error here is √(p(1 − p)/10⁴) < 0.005.
  const rng = createRng(5);
  const deltas = Array.from({ length: 22 }, () => rng() - 0.4);
  const exact = enumeratedPValue(deltas);
  const sampled = signFlipTest(deltas, 10_000, 3);
  expect(sampled.pValueMethod).toBe('monte-carlo');
  expect(sampled.permutations).toBe(10_000);
  expect(Math.abs(sampled.pValue - exact)).toBeLessThan(0.02);
  // A huge effect: no random pattern reaches it, and p is 1/(M+1), never 0.
  expect(signFlipTest(Array.from({ length: 40 }, () => 1), 10_000, 3).pValue).toBe(1 / 10_001);
});

test('the CI is the scenario bootstrap of the deltas; d_z is the mean over the SD', () => {
  const deltas = [0.5, 1, -0.25, 0.75, 1.5, 0, 0.25, 1, -0.5, 0.75];
  const result = pairedComparison(deltas, { seed: 11 });
  const ci = clusterBootstrapMeanCi(deltas, { seed: 11 });
  expect([result.ciLow, result.ciHigh, result.meanDelta]).toEqual([ci.ciLow, ci.ciHigh, ci.mean]);
  // Mean 0.5; deviations 0, .5, −.75, .25, 1, −.5, −.25, .5, −1, .25 square to 3.5 in all, so
  // SD = √(3.5/9) ≈ 0.6236 and d_z = 0.5/0.6236 ≈ 0.8018.
  expect(result.effectSize).toBeCloseTo(0.5 / Math.sqrt(3.5 / 9), 12);
  expect(result.ciMethod).toBe('bca-expanded');
  expect(result).not.toHaveProperty('reason');
});

test('no shared scenario: nothing computed, a reason the caller maps to 422', () => {
  const result = pairedComparison([], { seed: 1 });
  expect(result).toMatchObject({ n: 0, meanDelta: null, ciLow: null, pValue: null, effectSize: null, reason: NO_SHARED_SCENARIO });
});

test('one shared scenario: a delta and a p-value, no interval and no effect size', () => {
  const result = pairedComparison([0.5], { seed: 1 });
  expect(result).toMatchObject({ n: 1, meanDelta: 0.5, ciLow: null, ciHigh: null, pValue: 1, effectSize: null });
  expect(result.reason).toMatch(/one scenario/);
});

test('identical deltas: no spread, so no effect size, and the reason says so', () => {
  const result = pairedComparison([0.5, 0.5, 0.5], { seed: 1 });
  expect(result).toMatchObject({ meanDelta: 0.5, ciLow: 0.5, ciHigh: 0.5, effectSize: null, pValue: 0.25 });
  expect(result.reason).toMatch(/same delta/);
});

test('fewer than 10,000 random patterns are refused', () => {
  expect(() => pairedComparison([1, 2], { seed: 1, permutations: 500 })).toThrow(RangeError);
});
