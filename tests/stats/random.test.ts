import { expect, test } from 'vitest';
import { createRng, randomInt, seedState, xoshiro128StarStar } from '../../server/stats/random.ts';

test('xoshiro128** follows the reference algorithm, step by step from the state (1, 2, 3, 4)', () => {
  // Hand trace of xoshiro128starstar.c (Blackman & Vigna): result = rotl(s1·5, 7)·9, then
  // t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11).
  // 1: rotl(10, 7)·9 = 1280·9 = 11520; state → (7, 0, 1026, 12288).
  // 2: rotl(0, 7)·9 = 0; state → (12295, 1029, 1029, 25165824).
  // 3: rotl(5145, 7)·9 = 658560·9 = 5927040.
  const next = xoshiro128StarStar([1, 2, 3, 4]);
  expect([next(), next(), next()]).toEqual([11520, 0, 5927040]);
});

test('an all-zero state is refused, since xoshiro would then emit zeros forever', () => {
  expect(() => xoshiro128StarStar([0, 0, 0, 0])).toThrow(RangeError);
});

test('the same seed gives the same sequence; another seed another one', () => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const first = Array.from({ length: 5 }, () => a());
  expect(Array.from({ length: 5 }, () => b())).toEqual(first);
  expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
  expect(seedState(42)).toEqual(seedState(42));
});

test('floats stay in [0, 1) and look uniform: mean ≈ 1/2, variance ≈ 1/12', () => {
  const rng = createRng(7);
  const n = 100_000;
  let sum = 0;
  let squares = 0;
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const u = rng();
    if (!(u >= 0 && u < 1)) outside++;
    sum += u;
    squares += u * u;
  }
  expect(outside).toBe(0);
  const mean = sum / n;
  // Standard error of the mean of U(0,1) is √(1/12/n) ≈ 0.00091; 5 SE is a bound a correct generator meets.
  expect(Math.abs(mean - 0.5)).toBeLessThan(0.0046);
  expect(Math.abs(squares / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
});

test('randomInt covers 0..n−1 evenly', () => {
  const rng = createRng(1);
  const counts = [0, 0, 0, 0, 0];
  for (let i = 0; i < 50_000; i++) {
    const k = randomInt(rng, 5);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  // Each count is Binomial(50000, 0.2): SD ≈ 89, so ±450 is 5 SD.
  for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(450);
});
