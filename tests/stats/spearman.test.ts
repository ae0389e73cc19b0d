import { expect, test } from 'vitest';
import { averageRanks, pearson, spearmanRho } from '../../server/stats/spearman.ts';

test("Wikipedia's IQ and TV-hours example: ρ = −29/165", () => {
  // Wikipedia, "Spearman's rank correlation coefficient", Example: Σd² = 194 with n = 10 and no ties, so
  // ρ = 1 − 6·194/(10·99) = −29/165 = −0.175757…
  const iq = [106, 86, 100, 101, 99, 103, 97, 113, 112, 110];
  const tvHours = [7, 0, 27, 50, 28, 29, 20, 12, 6, 17];
  expect(spearmanRho(iq, tvHours).value).toBeCloseTo(-29 / 165, 14);
});

test('ties get average ranks: the scipy.stats.spearmanr docstring example, 0.8207826816681233', () => {
  // By hand: y = 5, 6, 7, 8, 7 ranks to 1, 2, 3.5, 5, 3.5; against 1..5, Σdxdy = 8, Σdx² = 10, Σdy² = 9.5,
  // so ρ = 8/√95 = 0.820782681668…
  expect(averageRanks([5, 6, 7, 8, 7])).toEqual([1, 2, 3.5, 5, 3.5]);
  expect(spearmanRho([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).value).toBeCloseTo(0.8207826816681233, 14);
  expect(spearmanRho([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]).value).toBeCloseTo(8 / Math.sqrt(95), 14);
});

test('ρ is Pearson on the ranks, and monotone transforms do not change it', () => {
  const x = [3, 1, 4, 1, 5, 9, 2, 6];
  const y = [2, 7, 1, 8, 2, 8, 1, 8];
  expect(spearmanRho(x, y).value).toBe(pearson(averageRanks(x), averageRanks(y)));
  expect(spearmanRho(x.map((v) => Math.exp(v)), y).value).toBeCloseTo(spearmanRho(x, y).value ?? 0, 14);
  expect(spearmanRho([1, 2, 3], [30, 20, 10]).value).toBe(-1);
});

test('not computable: fewer than two pairs, or a constant side', () => {
  expect(spearmanRho([1], [2])).toMatchObject({ value: null, n: 1, reason: 'fewer than two pairs' });
  expect(spearmanRho([1, 2, 3], [4, 4, 4]).reason).toMatch(/same value for every item/);
  expect(() => spearmanRho([1, 2], [1])).toThrow(RangeError);
});
