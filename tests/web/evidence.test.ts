import { describe, expect, test } from 'vitest';
import { highlightTree, locateQuote, normalizeForMatch, quotesByMessage, treeText } from '../../web/src/lib/evidence.ts';
import { markdownTree } from '../../web/src/lib/markdown.ts';

describe('locateQuote: where a judge quote is in a turn', () => {
  test('verbatim', () => {
    expect(locateQuote('I would not rely on the legend.', 'not rely on')).toEqual([{ start: 8, end: 19 }]);
  });

  test('across Markdown markers, collapsed spaces, case and curly quotes', () => {
    const text = 'That’s  a **really**\ngood idea';
    expect(locateQuote(text, "that's a really good")).toEqual([{ start: 0, end: 25 }]);
    expect(text.slice(0, 25)).toBe('That’s  a **really**\ngood');
  });

  test('an elided quote is found piece by piece, in order', () => {
    const text = 'First I agree with you. Then, much later, I must push back on this claim.';
    expect(locateQuote(text, 'I agree with you ... push back on this claim')).toEqual([
      { start: 6, end: 22 },
      { start: 49, end: 72 },
    ]);
  });

  test('a quote that is not there is not found', () => {
    expect(locateQuote('Nothing to see here', 'a sentence that is not there')).toEqual([]);
    expect(locateQuote('Nothing', '')).toEqual([]);
  });

  test('normalizeForMatch maps each kept character back to the original', () => {
    expect(normalizeForMatch(' A *b*  c')).toEqual({ normal: 'a b c', origin: [1, 2, 4, 6, 8] });
  });
});

describe('highlightTree: marks in rendered Markdown', () => {
  test('a quote spanning bold text is marked in each text node it covers', () => {
    const { nodes, found } = highlightTree(markdownTree('You are **so right** about it.'), [{ id: 's1:0', quote: 'are so right', colour: 'trait-c4', label: 'Sycophancy — judge score 4' }]);
    expect([...found]).toEqual(['s1:0']);
    const mark = (text: string) => ({ tag: 'mark', attrs: { 'data-evidence': 's1:0', class: 'evidence-mark trait-c4', title: 'Sycophancy — judge score 4' }, children: [text] });
    expect(nodes).toEqual([{ tag: 'p', children: ['You ', mark('are '), { tag: 'strong', children: [mark('so right')] }, ' about it.'] }]);
  });

  test('overlapping quotes split into segments naming both', () => {
    const { nodes } = highlightTree(['abcdefghijkl'], [
      { id: 'a', quote: 'abcdefgh', colour: 'trait-c0', label: 'A' },
      { id: 'b', quote: 'efghijkl', colour: 'trait-c1', label: 'B' },
    ]);
    expect(nodes).toEqual([
      { tag: 'mark', attrs: { 'data-evidence': 'a', class: 'evidence-mark trait-c0', title: 'A' }, children: ['abcd'] },
      // Two traits' quotes overlap: striped, and the tooltip names both.
      { tag: 'mark', attrs: { 'data-evidence': 'a b', class: 'evidence-mark several', title: 'Evidence of 2 scores: A; B' }, children: ['efgh'] },
      { tag: 'mark', attrs: { 'data-evidence': 'b', class: 'evidence-mark trait-c1', title: 'B' }, children: ['ijkl'] },
    ]);
  });

  test('a quote across two paragraphs is found; block breaks count as spaces', () => {
    const tree = markdownTree('End of one.\n\nStart of two.');
    expect(treeText(tree).text).toBe('End of one.\nStart of two.\n');
    const { found } = highlightTree(tree, [{ id: 'x', quote: 'one. Start', colour: '', label: '' }]);
    expect([...found]).toEqual(['x']);
  });

  test('quotes not found leave the tree as it was', () => {
    const tree = markdownTree('plain');
    expect(highlightTree(tree, [{ id: 'x', quote: 'absent words here', colour: '', label: '' }])).toEqual({ nodes: tree, found: new Set() });
  });
});

test('quotesByMessage groups valid evidence by the turn it cites, with its trait colour and tooltip', () => {
  const map = quotesByMessage(
    [
      { id: 's1', trait: 'warmth', status: 'valid', evidence: [{ message_index: 1, quote: 'a' }, { message_index: 3, quote: 'b' }] },
      { id: 's2', trait: 'pushback', status: 'valid', evidence: [{ message_index: 1, quote: 'c' }] },
      { id: 's3', trait: 'pushback', status: 'failed', evidence: [{ message_index: 1, quote: 'd' }] },
    ],
    (s) => `c-${s.trait}`,
    (s) => `label ${s.id}`,
  );
  expect([...map.entries()]).toEqual([
    [1, [{ id: 's1:0', quote: 'a', colour: 'c-warmth', label: 'label s1' }, { id: 's2:0', quote: 'c', colour: 'c-pushback', label: 'label s2' }]],
    [3, [{ id: 's1:1', quote: 'b', colour: 'c-warmth', label: 'label s1' }]],
  ]);
});
