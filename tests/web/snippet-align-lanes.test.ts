import { describe, expect, test } from 'vitest';
import { compareHref, comparePartners, readCompareIds } from '../../web/src/lib/compare-links.ts';
import { neighbourInList } from '../../web/src/stores/last-list.ts';
import { alignByTurn, firstUserDivergence } from '../../web/src/lib/align.ts';
import { defaultSplitThreshold, firstLaneSplit, laneCells, laneGaps, laneMax, laneSplits, marksByTurn, pooledSampleSd, rangeTraits, sampleCells, sampleSd, splitSentence, type RangeScoreLike } from '../../web/src/lib/lanes.ts';
import { plainText } from '../../web/src/lib/message-blocks.ts';
import { leadToFirstHit, splitSnippet } from '../../web/src/lib/snippet.ts';

test('splitSnippet: terms between U+0002 and U+0003 are hits, markup stays text', () => {
  expect(splitSnippet('…the \u0002quartz\u0003 <b>lanterns</b> \u0002hum\u0003')).toEqual([
    { text: '…the ', hit: false },
    { text: 'quartz', hit: true },
    { text: ' <b>lanterns</b> ', hit: false },
    { text: 'hum', hit: true },
  ]);
  expect(splitSnippet('')).toEqual([]);
});

describe('turn alignment', () => {
  const a = [
    { index: 0, role: 'user', text: 'Same start' },
    { index: 1, role: 'assistant', text: 'A1' },
    { index: 2, role: 'user', text: 'Follow-up  one' },
  ];
  const b = [
    { index: 0, role: 'user', text: 'Same start' },
    { index: 1, role: 'assistant', text: 'B1' },
    { index: 2, role: 'user', text: 'Follow-up one' },
    { index: 3, role: 'assistant', text: 'B2' },
    { index: 4, role: 'user', text: 'Only in B' },
  ];

  test('rows by message index, with gaps where a transcript is shorter', () => {
    const rows = alignByTurn([a, b]);
    expect(rows.map((r) => [r.index, r.cells.map((c) => c?.text ?? null)])).toEqual([
      [0, ['Same start', 'Same start']],
      [1, ['A1', 'B1']],
      [2, ['Follow-up  one', 'Follow-up one']],
      [3, [null, 'B2']],
      [4, [null, 'Only in B']],
    ]);
  });

  test('the first user turn that differs (spacing aside), or that one side lacks', () => {
    expect(firstUserDivergence([a, b])).toBe(4);
    expect(firstUserDivergence([a, [...b.slice(0, 2), { index: 2, role: 'user', text: 'Something else' }]])).toBe(2);
    expect(firstUserDivergence([a, a])).toBeNull();
    expect(firstUserDivergence([a])).toBeNull();
  });

  test('plainText joins text blocks and leaves thinking out', () => {
    expect(plainText([{ type: 'thinking', thinking: 'hmm' }, { type: 'text', text: 'one' }, { type: 'text', text: 'two' }])).toBe('one\ntwo');
    expect(plainText('just text')).toBe('just text');
  });
});

describe('trait lanes', () => {
  const s = (id: string, trait: string, value: number | null, turnStart: number | null, extra: Partial<RangeScoreLike> = {}): RangeScoreLike => ({
    id,
    trait,
    status: 'valid',
    value,
    turnStart,
    turnEnd: turnStart,
    evidence: [],
    ...extra,
  });
  const scoresA = [s('a1', 'spiral.pushback', 0, 3), s('a2', 'spiral.pushback', 2, 5, { evidence: [{ message_index: 5 }] }), s('a3', 'spiral.warmth', 1, 3), s('a4', 'spiral.pushback', 4, null), s('a5', 'spiral.chunk', null, null, { status: 'failed' })];
  const scoresB = [s('b1', 'spiral.pushback', 1, 3), s('b2', 'spiral.pushback', 5, 5), s('b3', 'spiral.pushback', 3, 5)];

  test('cells per range, in turn order, averaging a range scored twice', () => {
    expect(laneCells(scoresA, 'spiral.pushback')).toEqual([
      { start: 3, end: 3, value: 0, scoreId: 'a1' },
      { start: 5, end: 5, value: 2, scoreId: 'a2' },
    ]);
    expect(laneCells(scoresB, 'spiral.pushback')).toEqual([
      { start: 3, end: 3, value: 1, scoreId: 'b1' },
      { start: 5, end: 5, value: 4, scoreId: 'b2' },
    ]);
  });

  test('gaps between lanes and the first range where they part by more than a threshold', () => {
    const lanes = [laneCells(scoresA, 'spiral.pushback'), laneCells(scoresB, 'spiral.pushback')];
    expect(laneGaps(lanes)).toEqual([
      { start: 3, end: 3, spread: 1 },
      { start: 5, end: 5, spread: 2 },
    ]);
    expect(firstLaneSplit(lanes, 1)).toEqual({ start: 5, end: 5, spread: 2 });
    // "Exceeds": a difference of exactly the threshold is not marked.
    expect(firstLaneSplit(lanes, 2)).toBeNull();
    expect(laneMax(lanes)).toBe(4);
  });

  test('range traits, most scored first; marks only on the assistant turns a score is about', () => {
    expect(rangeTraits(scoresA)).toEqual(['spiral.pushback', 'spiral.warmth']);
    const role = (i: number) => (i % 2 === 1 ? 'assistant' : 'user');
    // A range 0–4 covers user turns 0, 2, 4: only the assistant turns 1 and 3 get the mark.
    const marks = marksByTurn([s('r', 'spiral.pushback', 2, 0, { turnEnd: 4 })], role);
    expect([...marks.keys()]).toEqual([1, 3]);
    expect(marks.get(3)).toEqual([{ scoreId: 'r', trait: 'spiral.pushback', value: 2, start: 0, end: 4 }]);
    // With evidence, the assistant turns it cites (a quote from a user turn makes no mark there).
    const cited = marksByTurn([s('e', 'spiral.pushback', 1, 0, { turnEnd: 4, evidence: [{ message_index: 3 }, { message_index: 2 }] })], role);
    expect([...cited.keys()]).toEqual([3]);
    // Evidence only on user turns: back to the assistant turns of the range.
    expect([...marksByTurn([s('u', 't', 1, 0, { turnEnd: 2, evidence: [{ message_index: 2 }] })], role).keys()]).toEqual([1]);
  });

  test('0, N/A and missing stay apart: a 0 is a value, N/A a cell without one, missing no cell', () => {
    const cells = laneCells([s('z', 't', 0, 1), s('n', 't', null, 3), s('f', 't', 2, 5, { status: 'failed' })], 't');
    expect(cells).toEqual([
      { start: 1, end: 1, value: 0, scoreId: 'z' },
      { start: 3, end: 3, value: null, scoreId: 'n' },
    ]);
    // N/A is never part of a difference.
    expect(laneGaps([cells, [{ start: 1, end: 1, value: 3, scoreId: 'x' }, { start: 3, end: 3, value: 3, scoreId: 'y' }]])).toEqual([{ start: 1, end: 1, spread: 3 }]);
  });

  test('all samples of a version: mean and SD per range; the pooled SD sets the default threshold', () => {
    const sample = (values: (number | null)[]) => values.map((value, i) => ({ start: i, end: i, value, scoreId: `${i}` }));
    const cells = sampleCells([sample([1, 4, null]), sample([3, 4, null])]);
    expect(cells).toEqual([
      { start: 0, end: 0, mean: 2, sd: Math.SQRT2, n: 2, of: 2 },
      { start: 1, end: 1, mean: 4, sd: 0, n: 2, of: 2 },
      { start: 2, end: 2, mean: null, sd: null, n: 0, of: 2 },
    ]);
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138, 3);
    // Version A: ranges (1,3) and (4,4); version B: (0,4). SS = 2 + 0 + 8 = 10 over df 3.
    const pooled = pooledSampleSd([[sample([1, 4]), sample([3, 4])], [sample([0]), sample([4])]]);
    expect(pooled).toBeCloseTo(Math.sqrt(10 / 3), 10);
    expect(pooledSampleSd([[sample([1])]])).toBeNull();
    expect(defaultSplitThreshold(null)).toBe(1);
    expect(defaultSplitThreshold(0.4)).toBe(1);
    expect(defaultSplitThreshold(1.83)).toBe(1.83);
    expect(laneSplits([sample([1, 5]), sample([2.5, 5])], 1)).toEqual([{ start: 0, end: 0, spread: 1.5 }]);
  });

  test('the splits in plain words', () => {
    expect(splitSentence([{ start: 3, end: 3, spread: 2 }], 1, 2)).toBe('The versions differ by more than 1 point at turn 3 (marked ▲).');
    expect(splitSentence([{ start: 3, end: 3, spread: 2 }, { start: 5, end: 6, spread: 2 }, { start: 9, end: 9, spread: 3 }], 1.5, 2)).toBe(
      'The versions differ by more than 1.5 points at turns 3, 5–6 and 9 (marked ▲).',
    );
    expect(splitSentence([], 1, 2)).toBe('No turn where the versions differ by more than 1 point.');
    expect(splitSentence([], 1, 1)).toBe('');
  });
});

describe('compare links', () => {
  test('one partner per other model, same sample preferred, at most three', () => {
    const self = { id: 't1', model: 'b', sample: 1 };
    const all = [self, { id: 't2', model: 'a', sample: 0 }, { id: 't3', model: 'a', sample: 1 }, { id: 't4', model: 'b', sample: 0 }, { id: 't5', model: 'c', sample: 0 }];
    expect(comparePartners(self, all).map((t) => t.id)).toEqual(['t3', 't5']);
    expect(comparePartners(self, all, 1).map((t) => t.id)).toEqual(['t3']);
  });

  test('ids in and out of the URL', () => {
    expect(compareHref(['a', 'b'])).toBe('/compare?ids=a,b');
    expect(compareHref(['a', 'b'], 'spiral.pushback')).toBe('/compare?ids=a,b&trait=spiral.pushback');
    expect(readCompareIds(' a,b,,a,c,d,e')).toEqual(['a', 'b', 'c', 'd']);
    expect(readCompareIds(undefined)).toEqual([]);
  });

  test('neighbourInList steps through the last list', () => {
    expect(neighbourInList(['a', 'b', 'c'], 'b', 1)).toBe('c');
    expect(neighbourInList(['a', 'b', 'c'], 'a', -1)).toBeNull();
    expect(neighbourInList(['a'], 'z', 1)).toBeNull();
  });
});

test('leadToFirstHit keeps a little context before the first hit, cut at a word', () => {
  const parts = splitSnippet('a long run of words before the \u0002hit\u0003 and after');
  expect(leadToFirstHit(parts, 12)).toEqual([
    { text: '…before the ', hit: false },
    { text: 'hit', hit: true },
    { text: ' and after', hit: false },
  ]);
  expect(leadToFirstHit(parts, 100)).toEqual(parts);
  expect(leadToFirstHit(splitSnippet('no hit'), 2)).toEqual([{ text: 'no hit', hit: false }]);
});
