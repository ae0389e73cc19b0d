import { describe, expect, test } from 'vitest';
import { relationText, sampleLabel, sideLabel, verdictCount, verdictRow, type VerdictLike } from '../../web/src/lib/verdicts.ts';

/** An MT-Bench verdict of model-a's answer (a) against model-b's (b); each test changes what it is about. */
function verdict(over: Partial<VerdictLike> = {}): VerdictLike {
  return {
    id: 'c1',
    trait: 'mtbench_pairwise',
    traitTitle: 'MT-Bench pairwise (per order)',
    source: 'import',
    a: { transcriptId: 'ta', model: 'model-a', sample: 0 },
    b: { transcriptId: 'tb', model: 'model-b', sample: 0 },
    winner: 'a',
    shownOrder: 'ab',
    rationale: 'A is better. [[A]]',
    labeler: 'judge-x/pair-v2',
    judgeRunId: null,
    ...over,
  };
}

describe('verdictRow on a scenario page: told from the winner', () => {
  test('a won, shown first', () => {
    expect(verdictRow(verdict())).toEqual({
      id: 'c1',
      trait: 'mtbench_pairwise',
      traitTitle: 'MT-Bench pairwise (per order)',
      source: 'import',
      lead: { transcriptId: 'ta', model: 'model-a', sample: 0 },
      other: { transcriptId: 'tb', model: 'model-b', sample: 0 },
      outcome: 'won',
      order: 'model-a · sample 0 shown first',
      labeler: 'judge-x/pair-v2',
      compareHref: '/compare?ids=ta,tb',
      rationale: 'A is better. [[A]]',
      judgeRunId: null,
    });
  });
  test('b won with the order swapped: b leads, and the compare link keeps a, b', () => {
    const row = verdictRow(verdict({ winner: 'b', shownOrder: 'ba' }));
    expect(row.lead.transcriptId).toBe('tb');
    expect(row.outcome).toBe('won');
    expect(row.order).toBe('model-b · sample 0 shown first');
    expect(row.compareHref).toBe('/compare?ids=ta,tb');
  });
  test('a tie is told from a; who was shown first still says', () => {
    const row = verdictRow(verdict({ winner: 'tie', shownOrder: 'ba' }));
    expect([row.lead.transcriptId, row.outcome, row.order]).toEqual(['ta', 'tie', 'model-b · sample 0 shown first']);
  });
  test('an empty rationale and no labeler are left out', () => {
    const row = verdictRow(verdict({ rationale: '  ', labeler: null }));
    expect([row.rationale, row.labeler]).toEqual([null, '']);
  });
});

describe('verdictRow in the reader: told from the transcript being read', () => {
  test('the loser reads "lost to" the other, and when it was shown', () => {
    const row = verdictRow(verdict({ shownOrder: 'ba' }), 'tb');
    expect([row.lead.transcriptId, row.other.transcriptId, row.outcome, row.order]).toEqual(['tb', 'ta', 'lost', 'shown first']);
    expect(verdictRow(verdict(), 'tb').order).toBe('shown second');
  });
  test('the winner, and a tie', () => {
    expect(verdictRow(verdict({ winner: 'b' }), 'tb').outcome).toBe('won');
    expect(verdictRow(verdict({ winner: 'tie' }), 'tb').outcome).toBe('tie');
    expect(verdictRow(verdict({ winner: 'b' }), 'ta').outcome).toBe('lost');
  });
  test('a transcript that is neither side is told as on the scenario page', () => {
    expect(verdictRow(verdict({ winner: 'b' }), 'elsewhere')).toEqual(verdictRow(verdict({ winner: 'b' })));
  });
});

test('words', () => {
  // hh-rlhf: both sides are one "model"; the sample tells them apart.
  expect(sideLabel({ transcriptId: 't', model: 'hh-rlhf', sample: 1 })).toBe('hh-rlhf · sample 1');
  expect(sampleLabel({ transcriptId: 't', model: 'hh-rlhf', sample: 1 })).toBe('· sample 1');
  expect([relationText('won'), relationText('lost'), relationText('tie')]).toEqual(['won over', 'lost to', 'tied with']);
  expect(relationText('lost', true)).toBe('Lost to');
  expect(verdictCount(1, false)).toBe('1 verdict');
  expect(verdictCount(50, true)).toBe('50 verdicts so far');
});
