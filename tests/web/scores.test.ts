import { describe, expect, test } from 'vitest';
import { formatScoreValue, scoreOutcome, supersededIds, turnRangeLabel, type ScoreLike } from '../../web/src/lib/scores.ts';

function score(overrides: Partial<ScoreLike>): ScoreLike {
  return { id: 's1', status: 'valid', value: null, category: null, naReason: null, supersedes: null, ...overrides };
}

describe('scoreOutcome: how a score reads', () => {
  test('a number', () => {
    expect(scoreOutcome(score({ value: 3 }))).toEqual({ kind: 'value', text: '3' });
    expect(scoreOutcome(score({ value: 0 }))).toEqual({ kind: 'value', text: '0' });
  });

  test('a category', () => {
    expect(scoreOutcome(score({ category: 'refuses' }))).toEqual({ kind: 'category', text: 'refuses' });
  });

  test('N/A with its reason', () => {
    expect(scoreOutcome(score({ naReason: 'no assistant turn' }))).toEqual({ kind: 'na', reason: 'no assistant turn' });
  });

  test('a failed or invalid score says so, whatever its value', () => {
    expect(scoreOutcome(score({ status: 'failed', value: 2, naReason: 'timeout' }))).toEqual({ kind: 'failed', status: 'failed', reason: 'timeout' });
    expect(scoreOutcome(score({ status: 'invalid' }))).toEqual({ kind: 'failed', status: 'invalid', reason: '' });
  });
});

test('formatScoreValue keeps at most two decimals and no trailing zeros', () => {
  expect(formatScoreValue(2.5)).toBe('2.5');
  expect(formatScoreValue(3.3333333)).toBe('3.33');
  expect(formatScoreValue(4)).toBe('4');
});

test('supersededIds names the rows that a later edit replaces', () => {
  expect([...supersededIds([score({ id: 'a' }), score({ id: 'b', supersedes: 'a' })])]).toEqual(['a']);
});

test('turnRangeLabel', () => {
  expect(turnRangeLabel(null, null)).toBeNull();
  expect(turnRangeLabel(2, 2)).toBe('turn 2');
  expect(turnRangeLabel(2, null)).toBe('turn 2');
  expect(turnRangeLabel(1, 5)).toBe('turns 1–5');
});
