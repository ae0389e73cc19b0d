/**
 * A small seeded pseudo-random generator, so that every bootstrap interval and permutation p-value in
 * charlens is reproducible: the same data and seed give the same numbers on every machine and reload.
 *
 * The generator is xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators",
 * reference C code at https://prng.di.unimi.it/xoshiro128starstar.c): 128 bits of state, period 2^128 − 1,
 * 32-bit integer arithmetic only (`Math.imul`, shifts), so it is fast in V8 and exact in JavaScript.
 * mulberry32 would be shorter, but its 2^32 period is within reach of one large bootstrap (30,000 values ×
 * 2,000 resamples is 6·10^7 draws), which is too close for comfort.
 */

/** A source of uniform floats in [0, 1). */
export type Rng = () => number;

/** Four 32-bit words of xoshiro128** state; not all zero. */
export type Xoshiro128State = readonly [number, number, number, number];

const TWO_POW_32 = 4294967296;

function rotateLeft(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * The raw xoshiro128** sequence of unsigned 32-bit integers from an explicit state, step for step as in
 * the reference C code (Blackman & Vigna 2018). Exposed so the test can check it against a hand trace.
 */
export function xoshiro128StarStar(state: Xoshiro128State): () => number {
  let [s0, s1, s2, s3] = state;
  if ((s0 | s1 | s2 | s3) === 0) throw new RangeError('xoshiro128** state must not be all zero');
  return () => {
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotateLeft(s3, 11);
    return result;
  };
}

/**
 * A 32-bit counterpart of SplitMix (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number
 * generators"): a Weyl sequence with the golden-ratio increment, each step mixed by the `lowbias32`
 * finalizer of Hash Prospector (C. Wellons). It turns one seed into well-mixed state words, as Vigna
 * recommends for seeding xoshiro rather than using the seed itself.
 */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

/**
 * The xoshiro128** state that `createRng(seed)` starts from: four splitmix32 outputs. Exported for the
 * bootstrap's hot loop, which runs the same generator with its state in local variables (see bootstrap.ts).
 * The seed is read as a 32-bit integer (fractions dropped, negative numbers wrapped).
 */
export function seedState(seed: number): Xoshiro128State {
  const mix = splitmix32(Math.trunc(seed));
  const words: [number, number, number, number] = [mix(), mix(), mix(), mix()];
  // The finalizer is a bijection and the four counters differ, so at most one word can be zero; guard anyway.
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1;
  return words;
}

/** A seeded generator of floats in [0, 1): xoshiro128** from `seedState(seed)`. Same seed, same sequence. */
export function createRng(seed: number): Rng {
  const next = xoshiro128StarStar(seedState(seed));
  return () => next() / TWO_POW_32;
}

/**
 * A uniform integer in 0..n−1. `floor(u·n)` is biased by at most n / 2^32 per value, far below anything a
 * bootstrap of a few thousand resamples can see, and keeps the hot loops branch-free.
 */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}
