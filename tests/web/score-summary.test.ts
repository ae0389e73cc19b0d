import { expect, test } from 'vitest';
import { delta, deltaTone, valueLine } from '../../web/src/lib/score-summary.ts';

test('deltas and their direction by polarity', () => {
  expect(delta(2, 3.5)).toBe(1.5);
  expect(delta(null, 3)).toBeNull();
  expect(deltaTone(1, 'higher_is_better')).toBe('better');
  expect(deltaTone(1, 'lower_is_better')).toBe('worse');
  expect(deltaTone(-1, 'lower_is_better')).toBe('better');
  expect(deltaTone(0, 'higher_is_better')).toBe('neutral');
});

test('a value line shows the value and what it is the mean of, as the server says', () => {
  expect(valueLine({ value: 4, category: null, spread: 1, basis: 'mean of 3 judge samples (SD 1.00 across them)' })).toBe('4 · mean of 3 judge samples (SD 1.00 across them)');
  expect(valueLine({ value: null, category: 'C', spread: null, basis: 'category from 1 imported score' })).toBe('C · category from 1 imported score');
  expect(valueLine({ value: null, category: null, spread: null, basis: 'N/A (1 score not applicable)' })).toBe('N/A · N/A (1 score not applicable)');
});
