import { describe, expect, test } from 'vitest';
import { digitHint, isTypedScale, pressDigit, scalePoints } from '../../web/src/lib/label-keys.ts';
import { choiceText, labelRequest } from '../../web/src/lib/label-choice.ts';
import type { KeptEvidence } from '../../web/src/lib/label-evidence.ts';
import type { TraitScale } from '../../web/src/api/labeling.ts';

const rubric = { kind: 'numeric', min: 1, max: 5, anchors: { '1': 'capitulates', '5': 'clear, kind, holds' } } satisfies NonNullable<TraitScale>;
const tenPoint = { kind: 'numeric', min: 1, max: 10 } satisfies NonNullable<TraitScale>;
const hundred = { kind: 'numeric', min: 0, max: 100, anchors: { '0': 'none', '50': 'half', '100': 'all' } } satisfies NonNullable<TraitScale>;

describe('scale points and their keys', () => {
  test('a 1–5 rubric: each point its own digit, with its anchor', () => {
    expect(scalePoints(rubric)).toEqual([
      { value: 1, key: '1', label: '1', anchor: 'capitulates' },
      { value: 2, key: '2', label: '2', anchor: null },
      { value: 3, key: '3', label: '3', anchor: null },
      { value: 4, key: '4', label: '4', anchor: null },
      { value: 5, key: '5', label: '5', anchor: 'clear, kind, holds' },
    ]);
    expect(digitHint(rubric)).toBe('1–5');
  });

  test('a 1–10 scale: 1–9, and 0 for 10', () => {
    const points = scalePoints(tenPoint);
    expect(points.map((p) => p.key)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
    expect(points.at(-1)).toMatchObject({ value: 10, key: '0' });
    expect(pressDigit(tenPoint, '', '0')).toEqual({ typed: '', value: 10 });
    expect(pressDigit(tenPoint, '', '7')).toEqual({ typed: '', value: 7 });
    expect(digitHint(tenPoint)).toBe('1–9, 0 for 10');
  });

  test('a 0–9 scale keeps its own digits, 0 included', () => {
    const scale = { kind: 'numeric', min: 0, max: 9 } satisfies NonNullable<TraitScale>;
    expect(scalePoints(scale).map((p) => p.key)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(pressDigit(scale, '', '0')).toEqual({ typed: '', value: 0 });
    expect(digitHint(scale)).toBe('0–9');
  });

  test('a digit off the scale picks nothing', () => {
    expect(pressDigit(rubric, '', '7')).toEqual({ typed: '', value: null });
    expect(pressDigit(rubric, '', 'x')).toEqual({ typed: '', value: null });
  });

  test('a 0–100 scale is typed: digits build the number, a digit that would pass the top starts again', () => {
    expect(isTypedScale(hundred)).toBe(true);
    // Only the anchored points are listed, with no key.
    expect(scalePoints(hundred)).toEqual([
      { value: 0, key: null, label: '0', anchor: 'none' },
      { value: 50, key: null, label: '50', anchor: 'half' },
      { value: 100, key: null, label: '100', anchor: 'all' },
    ]);
    let typed = pressDigit(hundred, '', '4');
    expect(typed).toEqual({ typed: '4', value: 4 });
    typed = pressDigit(hundred, typed.typed, '2');
    expect(typed).toEqual({ typed: '42', value: 42 });
    typed = pressDigit(hundred, typed.typed, '7');
    expect(typed).toEqual({ typed: '7', value: 7 });
    expect(pressDigit(hundred, '10', '0')).toEqual({ typed: '100', value: 100 });
    expect(digitHint(hundred)).toBe('type the number, 0–100');
  });

  test('0–10 has eleven points: typed, every point listed', () => {
    const scale = { kind: 'numeric', min: 0, max: 10 } satisfies NonNullable<TraitScale>;
    expect(scalePoints(scale)).toHaveLength(11);
    expect(pressDigit(scale, '1', '0')).toEqual({ typed: '10', value: 10 });
  });

  test('categories by position; booleans 0 and 1; no scale, no points', () => {
    const cat = { kind: 'categorical', categories: ['A', 'B', 'C'] } satisfies NonNullable<TraitScale>;
    expect(scalePoints(cat).map((p) => [p.key, p.value])).toEqual([
      ['1', 'A'],
      ['2', 'B'],
      ['3', 'C'],
    ]);
    expect(pressDigit(cat, '', '2')).toEqual({ typed: '', value: 'B' });
    expect(pressDigit({ kind: 'boolean' }, '', '1')).toEqual({ typed: '', value: 1 });
    expect(digitHint({ kind: 'boolean' })).toBe('0 no, 1 yes');
    expect(scalePoints(null)).toEqual([]);
    expect(digitHint(null)).toBe('no scale to label on');
  });
});

describe('the label a choice sends', () => {
  const trait = { slug: 'pushback', title: 'Pushback', scale: rubric, rubricVersionId: null, rubric: null, notApplicableWhen: null };
  const quote: KeptEvidence = { side: 'first', message_index: 1, quote: 'No, it is rock.' };

  test('a score with evidence and a comment (no side on a score queue)', () => {
    expect(labelRequest(trait, { kind: 'value', value: 4 }, [quote], '  clear  ', false)).toEqual({
      ok: true,
      body: { trait: 'pushback', value: 4, evidence: [{ message_index: 1, quote: 'No, it is rock.' }], comment: 'clear' },
    });
  });

  test('N/A, and a blank comment left out', () => {
    expect(labelRequest(trait, { kind: 'na' }, [], '   ', false)).toEqual({ ok: true, body: { trait: 'pushback', na: true, evidence: [] } });
  });

  test('a pairwise winner keeps the side of each quote', () => {
    expect(labelRequest(trait, { kind: 'winner', winner: 'second' }, [{ ...quote, side: 'second' }], '', true)).toEqual({
      ok: true,
      body: { trait: 'pushback', winner: 'second', evidence: [{ side: 'second', message_index: 1, quote: 'No, it is rock.' }] },
    });
  });

  test('the wrong kind of choice for the queue is refused before it is sent', () => {
    expect(labelRequest(trait, { kind: 'value', value: 3 }, [], '', true)).toEqual({ ok: false, error: 'Choose a side: a (first), b (second) or t (tie).' });
    expect(labelRequest(trait, { kind: 'winner', winner: 'tie' }, [], '', false)).toEqual({ ok: false, error: 'Choose a score or N/A.' });
  });

  test('choices in words', () => {
    expect([choiceText({ kind: 'value', value: 3 }), choiceText({ kind: 'na' }), choiceText({ kind: 'winner', winner: 'first' }), choiceText({ kind: 'winner', winner: 'tie' })]).toEqual(['3', 'N/A', 'First is better', 'Tie']);
  });
});
