import { describe, expect, test } from 'vitest';
import { distinctTraitLabels, identityFromSlug, scaleText, traitLabel, type TraitIdentityLike } from '../../web/src/lib/trait-label.ts';

const rubricPushback: TraitIdentityLike = {
  slug: 'pushback',
  title: 'Pushback',
  source: 'rubric',
  scale: { kind: 'numeric', min: 1, max: 5 },
  unit: 'transcript',
  rubricHash: '25c21a5f852c9a0e',
};
const spiralPushback: TraitIdentityLike = { slug: 'spiral.pushback', title: 'Pushback (Spiral-Bench)', source: 'spiral', scale: null, unit: 'turns' };
const spiralSafety: TraitIdentityLike = { slug: 'spiral.safety', title: 'Safety (Spiral-Bench)', source: 'spiral', scale: { kind: 'numeric', min: 0, max: 10 }, unit: 'transcript' };

describe('a trait label names the title, where the trait comes from and its scale', () => {
  test('a charlens rubric names its version by the short content hash', () => {
    expect(traitLabel(rubricPushback)).toEqual({
      title: 'Pushback',
      origin: 'charlens rubric @25c21a5',
      scale: '1–5',
      scoreSource: null,
      text: 'Pushback · charlens rubric @25c21a5 · 1–5',
      short: 'Pushback · charlens rubric @25c21a5',
    });
    expect(traitLabel({ ...rubricPushback, rubricHash: null }).origin).toBe('charlens rubric');
  });

  test('Spiral-Bench chunk criteria read as unbounded sums per chunk; its final judgement as 0–10', () => {
    expect(traitLabel(spiralPushback).text).toBe('Pushback · Spiral-Bench · 0–∞ per chunk');
    expect(traitLabel(spiralSafety).text).toBe('Safety · Spiral-Bench · 0–10');
  });

  test('the rubric pushback and the Spiral-Bench pushback never read alike', () => {
    expect(traitLabel(rubricPushback).text).not.toBe(traitLabel(spiralPushback).text);
    expect(traitLabel(rubricPushback).short).not.toBe(traitLabel(spiralPushback).short);
  });

  test('MT-Bench, Inspect, hh-rlhf: the importer by name, categories as C/I', () => {
    expect(traitLabel({ slug: 'mtbench_score', title: 'MT-Bench score', source: 'mtbench', scale: { kind: 'numeric', min: 1, max: 10 }, unit: 'transcript' }).text).toBe('MT-Bench score · MT-Bench · 1–10');
    const match: TraitIdentityLike = { slug: 'match', title: 'Match', source: 'inspect', scale: null, unit: 'transcript' };
    expect(traitLabel(match).text).toBe('Match · Inspect scorer · no fixed scale');
    expect(traitLabel(match, { categories: ['I', 'C'] }).text).toBe('Match · Inspect scorer · C/I');
    expect(traitLabel({ slug: 'x', title: 'X', source: 'inspect', scale: { kind: 'categorical', categories: ['C', 'I', 'P'] }, unit: 'transcript' }).scale).toBe('C/I/P');
    expect(traitLabel({ slug: 'hh_harmless', title: 'Harmlessness preference (hh-rlhf)', source: 'hh-rlhf', scale: null, unit: 'transcript' }).text).toBe('Harmlessness preference · hh-rlhf · no fixed scale');
  });

  test('pairwise verdicts read as such, not as an unknown scale', () => {
    const pairs: TraitIdentityLike = { slug: 'mtbench_pairwise', title: 'MT-Bench pairwise (per order)', source: 'mtbench', scale: null, unit: 'transcript' };
    expect(traitLabel(pairs, { pairwise: true }).text).toBe('MT-Bench pairwise (per order) · MT-Bench · A/B/tie verdicts');
  });

  test('other scales: yes/no, per turn range, fractional ends', () => {
    expect(scaleText({ scale: { kind: 'boolean' }, unit: 'transcript', source: 'native' })).toBe('yes/no');
    expect(scaleText({ scale: { kind: 'numeric', min: 1, max: 5 }, unit: 'turns', source: 'rubric' })).toBe('1–5 per turn range');
    expect(scaleText({ scale: { kind: 'numeric', min: 0, max: 0.5 }, unit: 'transcript', source: 'native' })).toBe('0–0.5');
    expect(scaleText({ scale: null, unit: 'turns', source: 'native' })).toBe('no fixed scale per turn range');
  });

  test('whose scores, when a row keeps one source apart', () => {
    expect(traitLabel(rubricPushback, { scoreSource: 'human' }).text).toBe('Pushback · charlens rubric @25c21a5 · 1–5 · human labels');
    expect(traitLabel(rubricPushback, { scoreSource: 'judge' }).scoreSource).toBe('Claude judge');
    expect(traitLabel(rubricPushback, { scoreSource: 'import' }).scoreSource).toBe('imported scores');
  });

  test('a slug without its trait record says what is unknown instead of guessing', () => {
    expect(traitLabel(identityFromSlug('honesty')).text).toBe('honesty · origin unknown · scale unknown');
    expect(traitLabel(identityFromSlug('spiral.safety', 'Safety (Spiral-Bench)')).text).toBe('Safety · Spiral-Bench · scale unknown');
  });
});

describe('labels shown together are all different', () => {
  test('two traits that would read the same get their slugs', () => {
    const a: TraitIdentityLike = { slug: 'helpful_score', title: 'Helpful score', source: 'inspect', scale: null, unit: 'transcript' };
    const b: TraitIdentityLike = { ...a, slug: 'helpful-score' };
    const labels = distinctTraitLabels([{ trait: a }, { trait: b }, { trait: rubricPushback }, { trait: spiralPushback }]);
    expect(labels.map((l) => l.text)).toEqual([
      'Helpful score [helpful_score] · Inspect scorer · no fixed scale',
      'Helpful score [helpful-score] · Inspect scorer · no fixed scale',
      'Pushback · charlens rubric @25c21a5 · 1–5',
      'Pushback · Spiral-Bench · 0–∞ per chunk',
    ]);
    expect(new Set(labels.map((l) => l.text)).size).toBe(4);
  });

  test('one trait in two sources stays one label per source', () => {
    const labels = distinctTraitLabels([
      { trait: rubricPushback, scoreSource: 'import' },
      { trait: rubricPushback, scoreSource: 'human' },
    ]);
    expect(labels.map((l) => l.title)).toEqual(['Pushback', 'Pushback']);
    expect(labels[0]?.text).not.toBe(labels[1]?.text);
  });
});
