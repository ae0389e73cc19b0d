import { expect, test } from 'vitest';
import { itemSpreads, rankBySpread } from '../../server/stats/spread.ts';

test('per item: mean, SD (n − 1) and range of the k samples', () => {
  // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − 5)² = 32, SD = √(32/7), range 7 (Wikipedia's SD example).
  const [item] = itemSpreads([{ id: 't1:pushback', values: [2, 4, 4, 4, 5, 5, 7, 9] }]);
  expect(item).toEqual({ id: 't1:pushback', n: 8, mean: 5, sd: Math.sqrt(32 / 7), range: 7 });
});

test('one sample says nothing about spread', () => {
  expect(itemSpreads([{ id: 'x', values: [3] }])[0]).toEqual({ id: 'x', n: 1, mean: 3, sd: null, range: null });
  expect(itemSpreads([{ id: 'y', values: [] }])[0]).toEqual({ id: 'y', n: 0, mean: null, sd: null, range: null });
});

test('the least consistent items come first; no-spread items last; ties keep input order', () => {
  const spreads = itemSpreads([
    { id: 'steady', values: [4, 4, 4] },
    { id: 'single', values: [2] },
    { id: 'wild', values: [1, 5, 3] },
    { id: 'some', values: [3, 4, 5] },
    { id: 'some-too', values: [2, 3, 4] },
  ]);
  expect(rankBySpread(spreads).map((s) => s.id)).toEqual(['wild', 'some', 'some-too', 'steady', 'single']);
  expect(rankBySpread(spreads, 'range', 2).map((s) => s.id)).toEqual(['wild', 'some']);
});
