import { describe, expect, test } from 'vitest';
import { allVersionIds, baselineColumn, replaceColumn, samplesOf } from '../../web/src/lib/compare-samples.ts';
import { revealInvisible, splitInvisible } from '../../web/src/lib/invisible-chars.ts';
import { markdownTree } from '../../web/src/lib/markdown.ts';
import { readerHref, readerNeighbour } from '../../web/src/lib/reader-links.ts';
import { evidenceTitle } from '../../web/src/lib/scores.ts';
import { findHits, markSearchHits, searchPattern, searchTerms, stepHit } from '../../web/src/lib/search-hits.ts';
import { thinkingLine } from '../../web/src/lib/thinking.ts';
import { traitColourClass, traitColourSlots } from '../../web/src/lib/trait-colour.ts';

describe('search hits in the reader', () => {
  test('terms as the server reads them: words and quoted phrases, once each', () => {
    expect(searchTerms('Quartz "silver lantern" quartz " *')).toEqual(['Quartz', 'silver lantern']);
  });

  test('whole words, any case; a phrase across punctuation and line breaks', () => {
    const p = searchPattern(['quartz', 'silver lantern']);
    expect(findHits('Quartz, quartzite and QUARTZ. A silver,\nlantern.', p)).toEqual([
      { start: 0, end: 6 },
      { start: 22, end: 28 },
      { start: 32, end: 47 },
    ]);
    expect(searchPattern([])).toBeNull();
    expect(findHits('anything', null)).toEqual([]);
  });

  test('hits are marked inside the rendered Markdown, across its elements', () => {
    expect(markSearchHits(markdownTree('The **quartz** hums; quartz.'), searchPattern(['quartz']))).toEqual([
      { tag: 'p', children: ['The ', { tag: 'strong', children: [{ tag: 'mark', attrs: { class: 'search-hit' }, children: ['quartz'] }] }, ' hums; ', { tag: 'mark', attrs: { class: 'search-hit' }, children: ['quartz'] }, '.'] },
    ]);
  });

  test('n / N wrap around the hits', () => {
    expect(stepHit(-1, 3, 1)).toBe(0);
    expect(stepHit(-1, 3, -1)).toBe(2);
    expect(stepHit(2, 3, 1)).toBe(0);
    expect(stepHit(0, 3, -1)).toBe(2);
    expect(stepHit(0, 0, 1)).toBe(-1);
  });
});

describe('bidi and invisible characters', () => {
  test('bidi controls and zero-width characters become named placeholders', () => {
    expect(splitInvisible('abc\u202Etxt.exe\u200B!')).toEqual([
      { kind: 'text', text: 'abc' },
      { kind: 'invisible', char: { code: 0x202e, short: 'RLO', long: 'U+202E right-to-left override' }, raw: '\u202E' },
      { kind: 'text', text: 'txt.exe' },
      { kind: 'invisible', char: { code: 0x200b, short: 'ZWSP', long: 'U+200B zero-width space' }, raw: '\u200B' },
      { kind: 'text', text: '!' },
    ]);
    expect(splitInvisible('a\u0001b').map((p) => (p.kind === 'text' ? p.text : p.char.short))).toEqual(['a', 'U+0001', 'b']);
  });

  test('joiners inside emoji and words are left alone', () => {
    expect(splitInvisible('👩\u200D💻')).toEqual([{ kind: 'text', text: '👩\u200D💻' }]);
    expect(splitInvisible('می\u200Cخواهم')).toEqual([{ kind: 'text', text: 'می\u200Cخواهم' }]);
    expect(splitInvisible(' \u200D ').map((p) => p.kind)).toEqual(['text', 'invisible', 'text']);
  });

  test('a tree keeps its shape and its text; each character sits alone in a span that names it', () => {
    expect(revealInvisible([{ tag: 'p', children: ['x\u2066y'] }])).toEqual([
      { tag: 'p', children: ['x', { tag: 'span', attrs: { class: 'invisible-char', 'data-char': 'LRI', title: 'U+2066 left-to-right isolate: shown here, not applied' }, children: ['\u2066'] }, 'y'] },
    ]);
  });
});

describe('reader links and keys', () => {
  test('the search and the turn travel in the address', () => {
    expect(readerHref('t 1', { q: ' silver lantern ', turn: 3 })).toBe('/transcripts/t%201?q=silver%20lantern#turn-3');
    expect(readerHref('t1', { q: '' })).toBe('/transcripts/t1');
  });

  test('j/k: the list when the transcript is in it, else its scenario by model then sample', () => {
    const siblings = [
      { id: 'b0', model: 'b', sample: 0 },
      { id: 'a1', model: 'a', sample: 1 },
      { id: 'a0', model: 'a', sample: 0 },
    ];
    expect(readerNeighbour('x', 1, ['w', 'x', 'y'], siblings)).toEqual({ id: 'y', order: 'list' });
    expect(readerNeighbour('y', 1, ['w', 'x', 'y'], siblings)).toEqual({ id: null, order: 'list' });
    expect(readerNeighbour('a1', 1, [], siblings)).toEqual({ id: 'b0', order: 'scenario' });
    expect(readerNeighbour('a1', -1, ['w'], siblings)).toEqual({ id: 'a0', order: 'scenario' });
    expect(readerNeighbour('a0', -1, [], siblings)).toEqual({ id: null, order: 'scenario' });
  });
});

describe('compare samples', () => {
  const siblings = [
    { id: 'b1', model: 'b', sample: 1 },
    { id: 'b0', model: 'b', sample: 0 },
    { id: 'a0', model: 'a', sample: 0 },
    { id: 'c0', model: 'c', sample: 0 },
  ];
  test('every version, first sample each, at most four', () => {
    expect(allVersionIds(siblings)).toEqual({ ids: ['a0', 'b0', 'c0'], left: 0 });
    expect(allVersionIds(siblings, 2)).toEqual({ ids: ['a0', 'b0'], left: 1 });
  });
  test('a version\'s samples, a column switched, a baseline read from the URL', () => {
    expect(samplesOf(siblings, 'b').map((t) => t.id)).toEqual(['b0', 'b1']);
    expect(replaceColumn(['a0', 'b0'], 1, 'b1')).toEqual(['a0', 'b1']);
    expect(baselineColumn('1', 2)).toBe(1);
    expect(baselineColumn('2', 2)).toBe(0);
    expect(baselineColumn(undefined, 2)).toBe(0);
    expect(baselineColumn('x', 2)).toBe(0);
  });
});

test('thinking in one line, redacted blocks counted apart', () => {
  expect(thinkingLine({ blocks: 1, chars: 1240, redacted: 1, interleaved: 0, tokens: null })).toBe('thought · 1,240 chars · 2 blocks (1 redacted)');
  expect(thinkingLine({ blocks: 0, chars: 0, redacted: 1, interleaved: 0, tokens: null })).toBe('thought · 1 block (1 redacted)');
  expect(thinkingLine({ blocks: 2, chars: 900, redacted: 0, interleaved: 1, tokens: 310 })).toBe('thought · 900 chars · 2 blocks · 1 between tool calls · 310 tokens');
  expect(thinkingLine({ blocks: 0, chars: 0, redacted: 0, interleaved: 0, tokens: null })).toBe('did not think');
});

test('one colour slot per trait, by slug, the same for the same set', () => {
  const slots = traitColourSlots(['warmth', 'pushback', 'warmth', 'sycophancy']);
  expect([...slots.entries()]).toEqual([
    ['pushback', 0],
    ['sycophancy', 1],
    ['warmth', 2],
  ]);
  expect(traitColourClass(slots, 'warmth')).toBe('trait-c2');
  expect(traitColourSlots(Array.from({ length: 10 }, (_, i) => `t${i}`)).get('t9')).toBe(1);
});

test('a highlight names trait, source, value with its scale, and turns', () => {
  expect(evidenceTitle('Pushback · Spiral-Bench', '0–∞ per chunk', { source: 'import', value: 2, turnStart: 3, turnEnd: 4 })).toBe(
    'Pushback · Spiral-Bench — imported score 2 (scale 0–∞ per chunk), turns 3–4',
  );
  expect(evidenceTitle('Warmth · charlens rubric', '1–5', { source: 'human', labeler: 'ana', value: null, turnStart: null, turnEnd: null })).toBe('Warmth · charlens rubric — human label by ana N/A (scale 1–5)');
});
