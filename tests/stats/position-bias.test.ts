import { expect, test } from 'vitest';
import { positionBias, wilsonInterval, type PositionedVerdict } from '../../server/stats/position-bias.ts';

test("Wilson intervals of Newcombe's (1998) example proportions", () => {
  // The proportions are the examples of Newcombe (1998), Table I. Reference values: Wilson's closed form
  // recomputed independently in Python (math module, z = 1.959963984540054).
  const cases: [number, number, number, number][] = [
    [81, 263, 0.2552885198782742, 0.36620957698280004],
    [15, 148, 0.0623863995307363, 0.16048724172330803],
    [0, 20, 0, 0.16112515805281938],
    [1, 29, 0.006113214292762653, 0.17175521879320288],
  ];
  for (const [k, n, low, high] of cases) {
    const interval = wilsonInterval(k, n);
    expect(interval?.low).toBeCloseTo(low, 8);
    expect(interval?.high).toBeCloseTo(high, 8);
  }
  expect(wilsonInterval(0, 0)).toBeNull();
});

function verdict(pairKey: string, shownOrder: 'ab' | 'ba', winner: PositionedVerdict['winner']): PositionedVerdict {
  return { pairKey, shownOrder, winner };
}

test('a judge that prefers whatever it sees first', () => {
  const verdicts = [
    // p1: A wins in both orders (first when A is first, second when B is first): consistent.
    verdict('p1', 'ab', 'first'),
    verdict('p1', 'ba', 'second'),
    // p2: "first" both times, i.e. A then B: the verdict followed the position.
    verdict('p2', 'ab', 'first'),
    verdict('p2', 'ba', 'first'),
    // p3: both ties: consistent, and not decided.
    verdict('p3', 'ab', 'tie'),
    verdict('p3', 'ba', 'tie'),
    // p4: a winner in one order, a tie in the other: inconsistent, but not a flip.
    verdict('p4', 'ab', 'first'),
    verdict('p4', 'ba', 'tie'),
    // p5: only one order so far.
    verdict('p5', 'ba', 'first'),
  ];
  const result = positionBias(verdicts);
  // Decided: p1 ×2, p2 ×2, p4 ab, p5 = 6, of which first won 5 (all but p1's ba).
  expect(result).toMatchObject({ decided: 6, firstWins: 5, ties: 3, pairsInBothOrders: 4, agreeing: 2, agreementRate: 0.5, positionFlips: 1 });
  expect(result.firstWinShare).toBeCloseTo(5 / 6, 15);
  const interval = wilsonInterval(5, 6);
  expect([result.ciLow, result.ciHigh]).toEqual([interval?.low, interval?.high]);
  expect(result).not.toHaveProperty('reason');
});

test('nothing decided and no pair in both orders: nulls and the reasons', () => {
  const result = positionBias([verdict('p1', 'ab', 'tie')]);
  expect(result).toMatchObject({ decided: 0, firstWinShare: null, ciLow: null, agreementRate: null });
  expect(result.reason).toMatch(/no decided verdict/);
  expect(result.reason).toMatch(/both orders/);
});

test('two verdicts for the same pair and order are refused', () => {
  expect(() => positionBias([verdict('p1', 'ab', 'tie'), verdict('p1', 'ab', 'first')])).toThrow(RangeError);
});
