import { describe, expect, test } from 'vitest';
import { compareHref, comparePartners, readCompareIds } from '../../web/src/lib/compare-links.ts';
import { neighbourInList } from '../../web/src/stores/last-list.ts';
import { alignByTurn, firstUserDivergence } from '../../web/src/lib/align.ts';
import { firstLaneSplit, laneCells, laneGaps, laneMax, marksByTurn, rangeTraits, type RangeScoreLike } from '../../web/src/lib/lanes.ts';
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
  const scoresA = [s('a1', 'spiral.pushback', 0, 3), s('a2', 'spiral.pushback', 2, 5, { evidence: [{}] }), s('a3', 'spiral.warmth', 1, 3), s('a4', 'spiral.pushback', 4, null), s('a5', 'spiral.chunk', null, null, { status: 'failed' })];
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

  test('gaps between lanes and the first range where they part by a threshold', () => {
    const lanes = [laneCells(scoresA, 'spiral.pushback'), laneCells(scoresB, 'spiral.pushback')];
    expect(laneGaps(lanes)).toEqual([
      { start: 3, end: 3, spread: 1 },
      { start: 5, end: 5, spread: 2 },
    ]);
    expect(firstLaneSplit(lanes, 2)).toEqual({ start: 5, end: 5, spread: 2 });
    expect(firstLaneSplit(lanes, 3)).toBeNull();
    expect(laneMax(lanes)).toBe(4);
  });

  test('range traits, most scored first; marks by the turns they cover', () => {
    expect(rangeTraits(scoresA)).toEqual(['spiral.pushback', 'spiral.warmth']);
    const marks = marksByTurn([s('r', 'spiral.pushback', 2, 1, { turnEnd: 3 })]);
    expect([...marks.keys()]).toEqual([1, 2, 3]);
    expect(marks.get(2)).toEqual([{ scoreId: 'r', trait: 'spiral.pushback', value: 2, start: 1, end: 3 }]);
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
