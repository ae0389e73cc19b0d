import { expect, test } from 'vitest';
import { histogram, mean, median, sampleSd } from '../../server/stats/describe.ts';

// Wikipedia's "Standard deviation" example: 2, 4, 4, 4, 5, 5, 7, 9 has mean 5 and squared deviations
// summing to 32, so the population SD is 2 and the sample SD is √(32/7).
const WIKIPEDIA_SD_EXAMPLE = [2, 4, 4, 4, 5, 5, 7, 9];

test('mean, median and sample SD of the textbook example', () => {
  expect(mean(WIKIPEDIA_SD_EXAMPLE)).toBe(5);
  expect(median(WIKIPEDIA_SD_EXAMPLE)).toBe(4.5);
  expect(sampleSd(WIKIPEDIA_SD_EXAMPLE)).toBeCloseTo(Math.sqrt(32 / 7), 14);
});

test('median of an odd count is the middle value, whatever the input order', () => {
  expect(median([5, 1, 3])).toBe(3);
  expect(median([10, -2, 7, 7, 0])).toBe(7);
});

test('nothing to describe gives null, not NaN', () => {
  expect(mean([])).toBeNull();
  expect(median([])).toBeNull();
  expect(sampleSd([])).toBeNull();
  expect(sampleSd([3])).toBeNull();
  expect(sampleSd([3, 3])).toBe(0);
});

test('SD does not lose precision on large values with small spread (two-pass)', () => {
  // 1e9 + {4, 7, 13, 16}: deviations −6, −3, 3, 6, Σ = 90, SD = √30. A one-pass Σx² formula is off here.
  expect(sampleSd([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])).toBeCloseTo(Math.sqrt(30), 9);
});

test('a 1–5 rubric: one count per scale point; values off the scale are counted apart', () => {
  const h = histogram([1, 2, 2, 5, 5, 5, 3, 0, 6, 2.5], { min: 1, max: 5 });
  expect(h.bins.map((b) => [b.low, b.count])).toEqual([
    [1, 1],
    [2, 2],
    [3, 1],
    [4, 0],
    [5, 3],
  ]);
  expect(h.outside).toBe(3);
});

test('continuous per-scenario means: half-open bins, the last one closed at max', () => {
  const h = histogram([1, 1.25, 1.5, 2.99, 3, 4.5, 5, 5.01], { min: 1, max: 5, step: 1 });
  expect(h.bins).toEqual([
    { low: 1, high: 2, count: 3 },
    { low: 2, high: 3, count: 1 },
    { low: 3, high: 4, count: 1 },
    { low: 4, high: 5, count: 2 },
  ]);
  expect(h.outside).toBe(1);
});

test('bins on a decimal grid put grid values in the bin they start', () => {
  // (1.3 − 1) / 0.1 is 2.9999999999999996 in floating point; 1.3 still belongs to [1.3, 1.4).
  const h = histogram([1.3], { min: 1, max: 2, step: 0.1 });
  expect(h.bins.length).toBe(10);
  expect(h.bins.findIndex((b) => b.count === 1)).toBe(3);
});

test('a scale whose max is below its min is refused', () => {
  expect(() => histogram([1], { min: 5, max: 1 })).toThrow(RangeError);
  expect(() => histogram([1], { min: 1, max: 5, step: 0 })).toThrow(RangeError);
});
