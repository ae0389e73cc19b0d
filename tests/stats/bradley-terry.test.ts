import { expect, test } from 'vitest';
import type { Battle } from '../../server/stats/battles.ts';
import { bradleyTerry } from '../../server/stats/bradley-terry.ts';
import { createRng } from '../../server/stats/random.ts';

function repeat(battle: Battle, times: number): Battle[] {
  return Array.from({ length: times }, () => battle);
}

test('by hand, plain MLE: 2 wins to 1 is odds 2:1, a gap of 400·log10(2) around a mean of 1000', () => {
  // Two models: the likelihood p_A²p_B/(p_A + p_B)³ peaks at p_A/p_B = 2 (Bradley & Terry 1952).
  const battles: Battle[] = [...repeat({ a: 'A', b: 'B', winner: 'a' }, 2), { a: 'A', b: 'B', winner: 'b' }];
  const { ratings } = bradleyTerry(battles, { seed: 1, virtualTies: 0, resamples: 0 });
  const gap = 400 * Math.log10(2);
  expect(ratings[0]?.rating).toBeCloseTo(1000 + gap / 2, 8);
  expect(ratings[1]?.rating).toBeCloseTo(1000 - gap / 2, 8);
});

test('by hand, ties as halves: a win and a tie are 1.5 to 0.5, odds 3:1', () => {
  const battles: Battle[] = [
    { a: 'A', b: 'B', winner: 'a' },
    { a: 'A', b: 'B', winner: 'tie' },
  ];
  const { ratings } = bradleyTerry(battles, { seed: 1, virtualTies: 0, resamples: 0 });
  expect((ratings[0]?.rating ?? 0) - (ratings[1]?.rating ?? 0)).toBeCloseTo(400 * Math.log10(3), 8);
});

test('a model that never lost: no plain MLE (with a reason), a finite rating with the virtual-tie prior', () => {
  const battles: Battle[] = [{ a: 'A', b: 'B', winner: 'a' }];
  const plain = bradleyTerry(battles, { seed: 1, virtualTies: 0, resamples: 0 });
  expect(plain.ratings.map((r) => r.rating)).toEqual([null, null]);
  expect(plain.reason).toMatch(/won or lost all their battles/);
  // With one virtual tie each against a reference of strength 1, the score equations are, for p_B = 1/p_A = 1/x
  // (the solution is symmetric): x²/(x² + 1) + x/(x + 1) = 1.5. Solved here by bisection, independently.
  let low = 1;
  let high = 10;
  for (let i = 0; i < 200; i++) {
    const x = (low + high) / 2;
    if ((x * x) / (x * x + 1) + x / (x + 1) < 1.5) low = x;
    else high = x;
  }
  const half = 400 * Math.log10(low);
  const { ratings } = bradleyTerry(battles, { seed: 1, resamples: 0 });
  expect(ratings[0]?.rating).toBeCloseTo(1000 + half, 6);
  expect(ratings[1]?.rating).toBeCloseTo(1000 - half, 6);
});

test('recovers known ratings 1100 / 1000 / 900 from 9,000 simulated battles', () => {
  // 3,000 battles per pair, P(i beats j) = 1/(1 + 10^((Rj − Ri)/400)), no ties (ties as halves would pull
  // ratings together, a different model). Standard error of a rating, roughly: a 100-point gap is p ≈ 0.64,
  // the logit's SE from one pair is 1/√(3000·0.64·0.36) ≈ 0.038, × 400/ln 10 ≈ 6.6 points, and each model
  // is in two pairs, so ≈ 5 points (the bootstrap says ≈ 3.3). 20 points is thus ≥ 4 SE. The virtual-tie
  // prior moves these ratings by about 0.01 points.
  const truth: Record<string, number> = { high: 1100, middle: 1000, low: 900 };
  const rng = createRng(2004);
  const battles: Battle[] = [];
  const pairs: [string, string][] = [
    ['high', 'middle'],
    ['middle', 'low'],
    ['high', 'low'],
  ];
  for (const [a, b] of pairs) {
    const pA = 1 / (1 + 10 ** (((truth[b] ?? 0) - (truth[a] ?? 0)) / 400));
    for (let t = 0; t < 3000; t++) battles.push({ a, b, winner: rng() < pA ? 'a' : 'b' });
  }
  const result = bradleyTerry(battles, { seed: 7, resamples: 300 });
  expect(result.connected).toBe(true);
  for (const r of result.ratings) {
    expect(Math.abs((r.rating ?? 0) - (truth[r.model] ?? 0))).toBeLessThan(20);
    // The interval brackets the estimate and is a few SE wide (±2 SE ≈ ±10 points).
    expect(r.ciLow ?? Infinity).toBeLessThan(r.rating ?? 0);
    expect(r.ciHigh ?? -Infinity).toBeGreaterThan(r.rating ?? 0);
    expect((r.ciHigh ?? 0) - (r.ciLow ?? 0)).toBeGreaterThan(8);
    expect((r.ciHigh ?? 0) - (r.ciLow ?? 0)).toBeLessThan(60);
  }
  const mean = result.ratings.reduce((sum, r) => sum + (r.rating ?? 0), 0) / 3;
  expect(mean).toBeCloseTo(1000, 9);
});

test('the same battles and seed give the same intervals', () => {
  const battles: Battle[] = [
    ...repeat({ a: 'x', b: 'y', winner: 'a' }, 6),
    ...repeat({ a: 'x', b: 'y', winner: 'b' }, 3),
    ...repeat({ a: 'y', b: 'z', winner: 'tie' }, 4),
    ...repeat({ a: 'z', b: 'x', winner: 'a' }, 2),
  ];
  expect(bradleyTerry(battles, { seed: 3, resamples: 200 })).toEqual(bradleyTerry(battles, { seed: 3, resamples: 200 }));
});

test('models never compared, even through others, are flagged as not connected', () => {
  const battles: Battle[] = [
    { a: 'a1', b: 'a2', winner: 'a' },
    { a: 'b1', b: 'b2', winner: 'b' },
  ];
  expect(bradleyTerry(battles, { seed: 1, resamples: 0 }).connected).toBe(false);
  expect(bradleyTerry([], { seed: 1 })).toMatchObject({ ratings: [], reason: 'no battles' });
  expect(() => bradleyTerry([{ a: 'm', b: 'm', winner: 'a' }], { seed: 1 })).toThrow(RangeError);
});
