import { describe, expect, test } from 'vitest';
import { asProgress, budgetShare, finishedJobs, isFinalStatus, isSettled, parseProgressEvent, progressSegments, promptTokens, statusLabel } from '../../web/src/lib/run-progress.ts';

const event = {
  status: 'running',
  counts: { pending: 5, done: 3, failed: 1, invalid: 1, cancelled: 0 },
  costUsd: 0.0123,
  tokens: { input: 100, output: 50, cacheWrite: 200, cacheRead: 700, cacheReadShare: 0.7 },
  jobCount: 10,
};

describe('parseProgressEvent: the data of a server-sent progress event', () => {
  test('a progress payload as the server sends it', () => {
    expect(parseProgressEvent(JSON.stringify(event))).toEqual(event);
  });
  test('a run view (more fields, no cancelled count) is narrowed to the progress fields', () => {
    const { cancelled: _cancelled, ...counts } = event.counts;
    expect(asProgress({ ...event, counts, id: 'r1', traits: [] })).toEqual({ ...event, counts: { ...counts, cancelled: 0 } });
  });
  test('without jobCount, the total is the sum of the counts', () => {
    const { jobCount: _jobCount, ...rest } = event;
    expect(asProgress(rest)?.jobCount).toBe(10);
  });
  test('anything else is null, not an exception', () => {
    expect(parseProgressEvent('not json')).toBeNull();
    expect(parseProgressEvent('null')).toBeNull();
    expect(parseProgressEvent('[]')).toBeNull();
    expect(parseProgressEvent(JSON.stringify({ ...event, counts: { done: 1 } }))).toBeNull();
    expect(parseProgressEvent(JSON.stringify({ ...event, costUsd: '0.1' }))).toBeNull();
    expect(parseProgressEvent(JSON.stringify({ ...event, status: 3 }))).toBeNull();
  });
});

describe('progressSegments: the bar', () => {
  test('finished work first, widths in percent adding up to 100', () => {
    expect(progressSegments(event.counts, 10)).toEqual([
      { kind: 'done', count: 3, percent: 30 },
      { kind: 'invalid', count: 1, percent: 10 },
      { kind: 'failed', count: 1, percent: 10 },
      { kind: 'cancelled', count: 0, percent: 0 },
      { kind: 'pending', count: 5, percent: 50 },
    ]);
  });
  test('thirds round to tenths and still add up to exactly 100', () => {
    const segments = progressSegments({ pending: 1, done: 1, failed: 0, invalid: 1, cancelled: 0 }, 3);
    expect(segments.map((s) => s.percent)).toEqual([33.4, 33.3, 0, 0, 33.3]);
    expect(segments.reduce((n, s) => n + s.percent, 0)).toBeCloseTo(100, 10);
  });
  test('jobs the counts do not cover yet show as pending', () => {
    expect(progressSegments({ pending: 0, done: 2, failed: 0, invalid: 0, cancelled: 0 }, 4).at(-1)).toEqual({ kind: 'pending', count: 2, percent: 50 });
  });
  test('a run without jobs is an empty bar', () => {
    expect(progressSegments({ pending: 0, done: 0, failed: 0, invalid: 0, cancelled: 0 }, 0).every((s) => s.percent === 0)).toBe(true);
  });
});

test('finishedJobs counts every final outcome', () => {
  expect(finishedJobs(event.counts, 10)).toEqual({ finished: 5, total: 10, share: 0.5 });
  expect(finishedJobs({ pending: 0, done: 0, failed: 0, invalid: 0, cancelled: 0 })).toEqual({ finished: 0, total: 0, share: 0 });
});

test('budgetShare, promptTokens, statuses', () => {
  expect(budgetShare(1.5, 3)).toBe(0.5);
  expect(budgetShare(4, 3)).toBeCloseTo(4 / 3);
  expect(budgetShare(1, 0)).toBe(0);
  expect(promptTokens(event.tokens)).toBe(1000);
  expect(isFinalStatus('done')).toBe(true);
  expect(isFinalStatus('cancelled')).toBe(true);
  expect(isFinalStatus('budget_exhausted')).toBe(false);
  expect(isFinalStatus('paused')).toBe(false);
  expect(statusLabel('budget_exhausted')).toBe('budget reached');
  expect(statusLabel('something-new')).toBe('something-new');
});

test('isSettled: a final status with no job still open', () => {
  const counts = { pending: 0, done: 3, failed: 0, invalid: 0, cancelled: 2 };
  expect(isSettled({ status: 'cancelled', counts })).toBe(true);
  expect(isSettled({ status: 'done', counts })).toBe(true);
  // Cancelled with requests in flight: they are paid for and still get recorded.
  expect(isSettled({ status: 'cancelled', counts: { ...counts, pending: 2 } })).toBe(false);
  expect(isSettled({ status: 'running', counts })).toBe(false);
  expect(isSettled({ status: 'budget_exhausted', counts })).toBe(false);
});
