import { expect, test } from 'vitest';
import { krippendorffAlpha, type AlphaMetric, type AlphaOptions } from '../../server/stats/krippendorff.ts';

/** Observers' rows of a reliability-data table turned into the units × raters matrix the function takes. */
function unitsByRaters(observers: readonly (readonly (number | null)[])[]): (number | null)[][] {
  const unitCount = observers[0]?.length ?? 0;
  return Array.from({ length: unitCount }, (_, u) => observers.map((row) => row[u] ?? null));
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with missing values:
// observers A–D (rows) × units 1–12 (columns), null where the paper has '.'. The paper gives
// α = 0.743 (nominal), 0.815 (ordinal), 0.849 (interval), 0.797 (ratio); the Python package
// `krippendorff` (pln-fing-udelar/fast-krippendorff) tests the same data against 0.815 and 0.797.
const KRIPPENDORFF_2011 = unitsByRaters([
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
]);

test.each<[AlphaMetric, number]>([
  ['nominal', 0.743],
  ['ordinal', 0.815],
  ['interval', 0.849],
  ['ratio', 0.797],
])("Krippendorff's (2011) worked example, %s: %s", (metric, expected) => {
  const alpha = krippendorffAlpha(KRIPPENDORFF_2011, { metric, seed: 1, resamples: 0 });
  expect(Number((alpha.value ?? 0).toFixed(3))).toBe(expected);
  // Unit 12 has one rating only, so 11 units and 3 + 8·4 + 3 + 2 = 40 pairable values.
  expect(alpha).toMatchObject({ units: 11, pairable: 40 });
});

test('the example of Wikipedia (3 coders, 15 units), as the krippendorff package tests it to 6 places', () => {
  // fast-krippendorff tests/test_krippendorff.py: nominal 0.691358, interval 0.810845.
  const data = unitsByRaters([
    [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
    [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
    [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
  ]);
  expect(krippendorffAlpha(data, { metric: 'nominal', seed: 1, resamples: 0 }).value).toBeCloseTo(0.691358, 6);
  expect(krippendorffAlpha(data, { metric: 'interval', seed: 1, resamples: 0 }).value).toBeCloseTo(0.810845, 6);
});

test('perfect agreement is 1; zeros are fine on the ratio scale', () => {
  expect(krippendorffAlpha([[1, 1, 1], [2, 2, 2], [3, 3, null]], { metric: 'interval', seed: 1, resamples: 0 }).value).toBe(1);
  expect(krippendorffAlpha([[0, 0], [1, 1], [2, 2]], { metric: 'ratio', seed: 1, resamples: 0 }).value).toBe(1);
});

test('not computable: a reason instead of a number', () => {
  const single = krippendorffAlpha([[1, null], [null, 2]], { metric: 'nominal', seed: 1 });
  expect(single).toMatchObject({ value: null, units: 0, pairable: 0 });
  expect(single.reason).toMatch(/two or more raters/);
  const constant = krippendorffAlpha([[3, 3], [3, 3, 3]], { metric: 'ordinal', seed: 1 });
  expect(constant).toMatchObject({ value: null, units: 2, pairable: 5 });
  expect(constant.reason).toMatch(/no variation/);
});

test('the unit bootstrap brackets the estimate and is reproducible', () => {
  const options: AlphaOptions = { metric: 'ordinal', seed: 4, resamples: 1000 };
  const alpha = krippendorffAlpha(KRIPPENDORFF_2011, options);
  expect(alpha.ciLow ?? 1).toBeLessThan(alpha.value ?? 0);
  expect(alpha.ciHigh ?? 0).toBeGreaterThan(alpha.value ?? 1);
  expect(alpha.ciHigh ?? 2).toBeLessThanOrEqual(1);
  expect(alpha.level).toBe(0.95);
  expect(krippendorffAlpha(KRIPPENDORFF_2011, options)).toEqual(alpha);
});
