import { describe, expect, test } from 'vitest';
import { alphaText, kappaText, maybeTwo } from '../../web/src/lib/agreement-format.ts';

describe('agreement in words', () => {
  test('alpha with its interval and units, or the reason there is none', () => {
    expect(alphaText({ value: 0.6234, ciLow: 0.41, ciHigh: 0.8, units: 12 })).toBe('0.62 (95% CI [0.41, 0.80]) · 12 transcripts');
    expect(alphaText({ value: -0.2, ciLow: null, ciHigh: null, units: 1 })).toBe('−0.20 · 1 transcript');
    expect(alphaText({ value: -0.67, ciLow: -0.9, ciHigh: -0.1, units: 3 })).toBe('−0.67 (95% CI [−0.90, −0.10]) · 3 transcripts');
    expect(alphaText({ value: null, ciLow: null, ciHigh: null, units: 0, reason: 'alpha needs at least two raters of pushback; there is one' })).toBe('alpha needs at least two raters of pushback; there is one');
  });
  test('kappa and single figures', () => {
    expect(kappaText({ value: 0.5, n: 3 })).toBe('0.50 · n 3');
    expect(kappaText({ value: null, n: 0, reason: 'no transcript has both a judge value and a human label' })).toBe('no transcript has both a judge value and a human label');
    expect(maybeTwo(null)).toBe('—');
    expect(maybeTwo(1)).toBe('1.00');
  });
});
