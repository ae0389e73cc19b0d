import { expect, test } from 'vitest';
import { battleRecords, winRateMatrix, type Battle } from '../../server/stats/battles.ts';

test('records and win rates count a tie as half a win for each side', () => {
  const battles: Battle[] = [
    { a: 'm1', b: 'm2', winner: 'a' },
    { a: 'm2', b: 'm1', winner: 'tie' },
    { a: 'm1', b: 'm3', winner: 'b' },
  ];
  expect(battleRecords(battles)).toEqual([
    { model: 'm1', wins: 1, losses: 1, ties: 1, battles: 3, winRate: 0.5 },
    { model: 'm2', wins: 0, losses: 1, ties: 1, battles: 2, winRate: 0.25 },
    { model: 'm3', wins: 1, losses: 0, ties: 0, battles: 1, winRate: 1 },
  ]);
  expect(winRateMatrix(battles)).toEqual({
    models: ['m1', 'm2', 'm3'],
    rates: [
      [null, 0.75, 0],
      [0.25, null, null],
      [1, null, null],
    ],
    battles: [
      [0, 2, 1],
      [2, 0, 0],
      [1, 0, 0],
    ],
  });
});

test('a battle of a model against itself is refused', () => {
  expect(() => battleRecords([{ a: 'm', b: 'm', winner: 'tie' }])).toThrow(RangeError);
});
