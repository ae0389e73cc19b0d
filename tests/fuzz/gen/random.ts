import { createRng, type Rng } from '../../../server/stats/random.ts';

/** The seeded choices a generator makes; one per case, so case `index` of `seed` never depends on the others. */
export interface Dice {
  /** A uniform float in [0, 1). */
  next: Rng;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[[3, a], [1, b]]` gives a three times in four. */
  weighted<T>(items: readonly (readonly [number, T])[]): T;
}

/** Mixes seed and index (a Weyl step and lowbias32, as SplitMix does) so neighbouring cases get unrelated streams. */
function caseSeed(seed: number, index: number): number {
  let z = (seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

export function dice(seed: number, index: number): Dice {
  const next = createRng(caseSeed(seed, index));
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[int(items.length)];
      // Lists hold no undefined (leave a field out instead), so undefined here means the list was empty.
      if (item === undefined) throw new Error('pick from an empty list (or a list holding undefined)');
      return item;
    },
    weighted<T>(items: readonly (readonly [number, T])[]): T {
      const total = items.reduce((sum, [w]) => sum + w, 0);
      let roll = next() * total;
      for (const [w, item] of items) {
        roll -= w;
        if (roll < 0) return item;
      }
      const last = items.at(-1);
      if (!last) throw new Error('weighted pick from an empty list');
      return last[1];
    },
  };
}
