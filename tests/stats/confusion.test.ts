import { expect, test } from 'vitest';
import { confusionMatrix } from '../../server/stats/confusion.ts';

test('counts over the sorted union of both raters’ categories', () => {
  // Items: (1,1) (2,3) (3,3) (3,3) (5,4). Categories 1, 2, 3, 4, 5; nobody's 4 meets anybody's 5 but once.
  const m = confusionMatrix([1, 2, 3, 3, 5], [1, 3, 3, 3, 4]);
  expect(m.categories).toEqual([1, 2, 3, 4, 5]);
  expect(m.counts).toEqual([
    [1, 0, 0, 0, 0],
    [0, 0, 1, 0, 0],
    [0, 0, 2, 0, 0],
    [0, 0, 0, 0, 0],
    [0, 0, 0, 1, 0],
  ]);
  expect(m.n).toBe(5);
  expect(m.agreement).toBe(3 / 5);
});

test('numbers sort numerically (10 after 9), labels by code unit; given categories add empty rows', () => {
  expect(confusionMatrix([10, 9], [9, 10]).categories).toEqual([9, 10]);
  expect(confusionMatrix(['yes', 'no'], ['no', 'no']).categories).toEqual(['no', 'yes']);
  const scale = confusionMatrix([1, 5], [1, 5], [1, 2, 3, 4, 5]);
  expect(scale.categories).toEqual([1, 2, 3, 4, 5]);
  expect(scale.counts[2]).toEqual([0, 0, 0, 0, 0]);
});

test('no items, and mismatched lengths', () => {
  expect(confusionMatrix([], [])).toEqual({ categories: [], counts: [], n: 0, agreement: null });
  expect(() => confusionMatrix([1, 2], [1])).toThrow(RangeError);
});
