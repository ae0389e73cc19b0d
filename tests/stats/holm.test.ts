import { expect, test } from 'vitest';
import { holmAdjust } from '../../server/stats/holm.ts';

test("the worked example of R's p.adjust(c(0.01, 0.04, 0.03, 0.005), 'holm'): 0.03, 0.06, 0.06, 0.02", () => {
  // By hand (Holm 1979): sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 gives 0.02, 0.03, 0.06, 0.04; the
  // running maximum turns the last into 0.06. Back in input order: 0.03, 0.06, 0.06, 0.02.
  const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
  [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 15));
});

test('adjusted values are capped at 1 and never below the raw p-value', () => {
  const raw = [0.5, 0.2, 0.9, 0.01];
  const adjusted = holmAdjust(raw);
  // Sorted 0.01, 0.2, 0.5, 0.9 × 4, 3, 2, 1 = 0.04, 0.6, 1 (capped), 0.9 → running max 0.04, 0.6, 1, 1.
  [1, 0.6, 1, 0.04].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 15));
  adjusted.forEach((a, i) => expect(a).toBeGreaterThanOrEqual(raw[i] ?? 0));
});

test('ties, a single test and no tests', () => {
  expect(holmAdjust([0.02, 0.02])).toEqual([0.04, 0.04]);
  expect(holmAdjust([0.03])).toEqual([0.03]);
  expect(holmAdjust([])).toEqual([]);
});

test('a p-value outside [0, 1] is refused', () => {
  expect(() => holmAdjust([0.1, 1.2])).toThrow(RangeError);
  expect(() => holmAdjust([Number.NaN])).toThrow(RangeError);
});
