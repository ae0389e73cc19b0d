import { expect, test } from 'vitest';
import { comparisonTone } from '../../web/src/lib/comparison-tone.ts';
import { formatCi, formatDelta, formatDeltaEnd, formatP, formatStat } from '../../web/src/lib/stat-format.ts';

const clearUp = { meanDelta: 0.8, ciLow: 0.3, ciHigh: 1.2, pHolm: 0.004 };
const clearDown = { meanDelta: -0.8, ciLow: -1.2, ciHigh: -0.3, pHolm: 0.004 };

test('a clear rise is better for a higher-is-better trait and worse for a lower-is-better one', () => {
  expect(comparisonTone(clearUp, 'higher_is_better').tone).toBe('better');
  expect(comparisonTone(clearUp, 'lower_is_better').tone).toBe('worse');
  expect(comparisonTone(clearDown, 'higher_is_better').tone).toBe('worse');
  expect(comparisonTone(clearDown, 'lower_is_better').tone).toBe('better');
});

test('a neutral trait that clearly moved is "changed", never better or worse', () => {
  expect(comparisonTone(clearUp, 'neutral')).toEqual({ tone: 'changed', why: 'paired 95% CI excludes 0, Holm-adjusted p = 0.004; the trait has no better direction' });
});

test('no colour where the paired CI includes 0, whatever the p-value', () => {
  expect(comparisonTone({ meanDelta: 0.4, ciLow: -0.1, ciHigh: 0.9, pHolm: 0.01 }, 'higher_is_better')).toEqual({ tone: 'unclear', why: 'the paired 95% CI of the delta includes 0' });
  // An end of the interval exactly at 0 does not exclude it.
  expect(comparisonTone({ meanDelta: -0.07, ciLow: -0.25, ciHigh: 0, pHolm: 0.01 }, 'higher_is_better').tone).toBe('unclear');
});

test('no colour where the CI excludes 0 but the Holm-adjusted p does not hold (Spiral-Bench pushback, Claude 3.5 → 4)', () => {
  const spiralPushback = { meanDelta: -0.239, ciLow: -0.705, ciHigh: -0.09, pHolm: 0.10298970102989702 };
  expect(comparisonTone(spiralPushback, 'higher_is_better')).toEqual({ tone: 'unclear', why: 'the CI excludes 0, but the Holm-adjusted p = 0.1 is not below 0.05' });
  expect(comparisonTone({ ...spiralPushback, pHolm: 0.05 }, 'higher_is_better').tone).toBe('unclear');
  expect(comparisonTone({ ...spiralPushback, pHolm: 0.0499 }, 'higher_is_better').tone).toBe('worse');
  expect(comparisonTone({ ...spiralPushback, pHolm: null }, 'higher_is_better').tone).toBe('unclear');
});

test('nothing to compare: untested, with the server’s reason when it gave one', () => {
  expect(comparisonTone(undefined, 'higher_is_better').tone).toBe('untested');
  expect(comparisonTone({ meanDelta: 1, ciLow: null, ciHigh: null, pHolm: null, reason: 'one shared scenario: no interval' }, 'higher_is_better')).toEqual({ tone: 'untested', why: 'one shared scenario: no interval' });
});

test('tiny p-values read as < 0.001', () => {
  expect(comparisonTone({ ...clearUp, pHolm: 0.0000095 }, 'higher_is_better').why).toBe('paired 95% CI excludes 0, Holm-adjusted p < 0.001');
});

test('statistics read the same everywhere: p to two digits, signed deltas, intervals', () => {
  expect(formatP(0.0000095)).toBe('< 0.001');
  expect(formatP(0.03125)).toBe('0.031');
  expect(formatP(1)).toBe('1');
  expect(formatP(null)).toBe('—');
  expect(formatDelta(3.425)).toBe('+3.43');
  expect(formatDelta(-0.239)).toBe('−0.24');
  expect(formatDelta(0.001)).toBe('±0');
  expect(formatStat(-0.004)).toBe('0');
  expect(formatCi(-0.706, -0.09)).toBe('[−0.71, −0.09]');
  expect(formatCi(null, 1)).toBe('no CI');
  expect(formatCi(-0.25, 0.001, formatDeltaEnd)).toBe('[−0.25, 0]');
});
