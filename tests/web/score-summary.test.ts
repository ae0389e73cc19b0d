import { expect, test } from 'vitest';
import { delta, deltaTone, sampleSd, summarizeScores, summaryLine, type SummaryScoreLike } from '../../web/src/lib/score-summary.ts';

function s(overrides: Partial<SummaryScoreLike>): SummaryScoreLike {
  return { id: 'x', trait: 'pushback', traitTitle: 'Pushback', polarity: 'higher_is_better', source: 'judge', status: 'valid', value: null, category: null, turnStart: null, sampleIndex: 0, supersedes: null, createdAt: '2025-01-01T00:00:00.000Z', ...overrides };
}

test('judge samples: latest per sample, then mean and sample standard deviation', () => {
  const summary = summarizeScores([
    s({ id: '1', value: 1, sampleIndex: 0, createdAt: '2025-01-01T00:00:00.000Z' }),
    s({ id: '2', value: 3, sampleIndex: 0, createdAt: '2025-01-02T00:00:00.000Z' }),
    s({ id: '3', value: 5, sampleIndex: 1 }),
    s({ id: '4', value: 4, sampleIndex: 2 }),
    s({ id: '5', status: 'failed', sampleIndex: 3 }),
  ]);
  expect(summary).toEqual([{ trait: 'pushback', title: 'Pushback', polarity: 'higher_is_better', source: 'judge', kind: 'whole', mean: 4, n: 3, min: 3, max: 5, sd: 1, category: null }]);
});

test('turn-range scores are averaged over their ranges; a superseded human score is left out', () => {
  const summary = summarizeScores([
    s({ id: 'c1', source: 'import', value: 0, turnStart: 1 }),
    s({ id: 'c2', source: 'import', value: 3, turnStart: 3 }),
    s({ id: 'h1', source: 'human', value: 2 }),
    s({ id: 'h2', source: 'human', value: 4, supersedes: 'h1', createdAt: '2025-01-03T00:00:00.000Z' }),
  ]);
  expect(summary.map((x) => [x.source, x.kind, x.mean, x.n])).toEqual([
    ['human', 'whole', 4, 1],
    ['import', 'ranges', 1.5, 2],
  ]);
});

test('deltas and their direction by polarity', () => {
  expect(delta(2, 3.5)).toBe(1.5);
  expect(delta(null, 3)).toBeNull();
  expect(deltaTone(1, 'higher_is_better')).toBe('better');
  expect(deltaTone(1, 'lower_is_better')).toBe('worse');
  expect(deltaTone(-1, 'lower_is_better')).toBe('better');
  expect(deltaTone(0, 'higher_is_better')).toBe('neutral');
  expect(sampleSd([2])).toBeNull();
});

test('summaryLine: a single value, or the mean with its spread and count', () => {
  const [judge] = summarizeScores([s({ id: 'a', value: 3, sampleIndex: 0 }), s({ id: 'b', value: 5, sampleIndex: 1 }), s({ id: 'c', value: 4, sampleIndex: 2 })]);
  expect(judge && summaryLine(judge)).toBe('mean 4 ± 1 over 3 samples, 3\u2060–\u20605');
  const [one] = summarizeScores([s({ value: 2.5 })]);
  expect(one && summaryLine(one)).toBe('2.5');
  const [category] = summarizeScores([s({ category: 'C' })]);
  expect(category && summaryLine(category)).toBe('C');
});
