import { describe, expect, test } from 'vitest';
import { transcriptTraitValue, valueBasis, type ScoreRowForValue } from '../../server/aggregate/rule.ts';

let n = 0;
function row(overrides: Partial<ScoreRowForValue>): ScoreRowForValue {
  n++;
  return { id: `r${String(n).padStart(4, '0')}`, source: 'judge', status: 'valid', value: null, category: null, turnStart: null, turnEnd: null, sampleIndex: 0, labeler: null, supersedes: null, adjudicated: false, ...overrides };
}

describe('the per-transcript value of a trait', () => {
  test('three judge samples 2, 4, 9: their mean 5, with their SD, said in words', () => {
    const v = transcriptTraitValue('judge', [row({ value: 2, sampleIndex: 0 }), row({ value: 4, sampleIndex: 1 }), row({ value: 9, sampleIndex: 2 })]);
    expect(v).toMatchObject({ value: 5, raters: 3, ranges: 0, superseded: 0 });
    // sd of 2, 4, 9 with n − 1: sqrt(((−3)² + (−1)² + 4²) / 2) = sqrt(13) ≈ 3.606
    expect(v.spread).toBeCloseTo(Math.sqrt(13), 10);
    expect(valueBasis(v)).toBe('mean of 3 judge samples (SD 3.61 across them)');
  });

  test("two labelers' labels 3 and 2: their mean 2.5; one labeler's second label replaces the first", () => {
    expect(transcriptTraitValue('human', [row({ source: 'human', labeler: 'ana', value: 3 }), row({ source: 'human', labeler: 'bo', value: 2 })])).toMatchObject({ value: 2.5, raters: 2 });
    const same = transcriptTraitValue('human', [row({ source: 'human', labeler: 'ana', value: 3 }), row({ source: 'human', labeler: 'ana', value: 2 })]);
    expect(same).toMatchObject({ value: 2, raters: 1, superseded: 1 });
    expect(valueBasis(same)).toBe("1 labeler's latest label");
  });

  test('an edit supersedes the row it names; invalid and failed rows are counted, never averaged', () => {
    const first = row({ source: 'human', labeler: 'ana', value: 5 });
    const v = transcriptTraitValue('human', [
      first,
      row({ source: 'human', labeler: 'ana', value: 1, supersedes: first.id }),
      row({ source: 'human', labeler: 'cy', value: 3, status: 'invalid' }),
      row({ source: 'human', labeler: 'di', value: 3, status: 'failed' }),
    ]);
    expect(v).toMatchObject({ value: 1, raters: 1, superseded: 1, invalid: 1, failed: 1 });
  });

  test('turn-range scores: each rater is the mean over its ranges, then raters are averaged', () => {
    const v = transcriptTraitValue('judge', [
      row({ value: 1, turnStart: 1, turnEnd: 1, sampleIndex: 0 }),
      row({ value: 3, turnStart: 3, turnEnd: 3, sampleIndex: 0 }),
      row({ value: 4, turnStart: 1, turnEnd: 1, sampleIndex: 1 }),
    ]);
    // sample 0: (1 + 3) / 2 = 2; sample 1: 4; mean 3 over two samples.
    expect(v).toMatchObject({ value: 3, raters: 2, ranges: 3 });
    expect(valueBasis(v)).toBe('mean of 2 judge samples, each the mean of its turn ranges (3 in all) (SD 1.41 across them)');
    const chunks = transcriptTraitValue('import', [row({ source: 'import', value: 1, turnStart: 1, turnEnd: 2 }), row({ source: 'import', value: 2, turnStart: 3, turnEnd: 4 })]);
    expect(valueBasis(chunks)).toBe('mean of 2 turn ranges');
  });

  test('a re-run of the same sample replaces the older score; N/A gives no value but is counted', () => {
    const v = transcriptTraitValue('judge', [row({ value: 2 }), row({ value: 4 }), row({ value: null, sampleIndex: 1 })]);
    expect(v).toMatchObject({ value: 4, raters: 1, superseded: 1, na: 1 });
    const onlyNa = transcriptTraitValue('judge', [row({ value: null })]);
    expect(onlyNa).toMatchObject({ value: null, category: null, raters: 0, na: 1 });
    expect(valueBasis(onlyNa)).toBe('N/A (1 score not applicable)');
  });

  test('categories are not averaged: the most frequent among raters', () => {
    const v = transcriptTraitValue('import', [row({ source: 'import', category: 'C', sampleIndex: 0 }), row({ source: 'import', category: 'I', sampleIndex: 1 }), row({ source: 'import', category: 'C', sampleIndex: 2 })]);
    expect(v).toMatchObject({ value: null, category: 'C', raters: 3 });
    expect(valueBasis(v)).toBe('most frequent category of 3 imported samples');
  });

  test("a labeler's undo withdraws their label; a researcher's adjudication stands for the humans, the labelers still counted", () => {
    const label = row({ source: 'human', labeler: 'ana', value: 5 });
    const undo = row({ source: 'human', labeler: 'ana', status: 'withdrawn', supersedes: label.id });
    expect(transcriptTraitValue('human', [label, undo])).toMatchObject({ value: null, raters: 0, superseded: 1, na: 0 });
    const relabel = row({ source: 'human', labeler: 'ana', value: 2 });
    expect(transcriptTraitValue('human', [label, undo, relabel])).toMatchObject({ value: 2, raters: 1 });
    const v = transcriptTraitValue('human', [row({ source: 'human', labeler: 'ana', value: 1 }), row({ source: 'human', labeler: 'bo', value: 5 }), row({ source: 'human', labeler: 'lead@example.com', value: 4, adjudicated: true })]);
    expect(v).toMatchObject({ value: 4, adjudicated: true, raters: 2 });
    expect(valueBasis(v)).toBe("adjudicated by a researcher after 2 labelers' latest labels (SD 2.83)");
  });
});
