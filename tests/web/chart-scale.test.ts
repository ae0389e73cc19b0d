import { expect, test } from 'vitest';
import { deltaDomain, linearScale, niceDomain, niceTicks, valueDomain } from '../../web/src/lib/chart-scale.ts';

test('a linear scale maps the domain onto the range, reversed ranges included', () => {
  const x = linearScale([1, 5], [0, 400]);
  expect(x(1)).toBe(0);
  expect(x(3)).toBe(200);
  expect(x(5)).toBe(400);
  expect(linearScale([0, 10], [100, 0])(2.5)).toBe(75);
});

test('ticks on steps of 1, 2 or 5 × 10^k, as d3 chooses them', () => {
  expect(niceTicks(1, 5, 4)).toEqual([1, 2, 3, 4, 5]);
  expect(niceTicks(0, 10, 5)).toEqual([0, 2, 4, 6, 8, 10]);
  expect(niceTicks(-0.75, 0.75, 6)).toEqual([-0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6]);
  expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  expect(niceTicks(3, 3)).toEqual([3]);
});

test('domains: the scale where the trait has one, else nice bounds from 0; deltas symmetric about 0', () => {
  expect(valueDomain({ kind: 'numeric', min: 1, max: 5 }, [2.2, 4.9])).toEqual([1, 5]);
  expect(valueDomain(null, [0.1, 0.96])).toEqual([0, 1]);
  expect(valueDomain(null, [2.5, 6.3])).toEqual([0, 7]);
  expect(niceDomain(0.3, 4.2)).toEqual([0, 5]);
  expect(deltaDomain([-0.705, -0.09, 0.4])).toEqual([-0.8, 0.8]);
  expect(deltaDomain([])).toEqual([-1, 1]);
});
