import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { LOW_PRIORITY } from '../../db/thread-priority.js';
import { clusterBootstrapMeanCi } from '../../server/stats/bootstrap.ts';
import { INLINE_DRAWS, meanCi, paired } from '../../server/stats/compute.ts';
import { pairedComparison } from '../../server/stats/paired.ts';

/** Scenario means with some spread and skew, the same every run. */
const values = (n: number) => Array.from({ length: n }, (_, i) => 1 + ((i * 7919) % 5) + ((i * 104729) % 13) / 13);

describe('resampling large enough for the statistics thread', () => {
  test('gives the numbers the same function gives here, to the last bit', async () => {
    const xs = values(2000);
    expect(xs.length * 2000).toBeGreaterThan(INLINE_DRAWS);
    expect(await meanCi(xs, { seed: 7, resamples: 2000 })).toEqual(clusterBootstrapMeanCi(xs, { seed: 7, resamples: 2000 }));
    const deltas = xs.map((x, i) => x - values(2000)[(i + 1) % 2000]!);
    expect(await paired(deltas, { seed: 3, resamples: 2000 })).toEqual(pairedComparison(deltas, { seed: 3, resamples: 2000 }));
    // Small ones run here, the same function: also equal.
    expect(await meanCi(xs.slice(0, 10), { seed: 7 })).toEqual(clusterBootstrapMeanCi(xs.slice(0, 10), { seed: 7 }));
  });

  test('the event loop turns while the thread resamples', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 2);
    try {
      // 20,000 scenarios × 20,000 resamples: seconds of work, here it would hold the loop throughout.
      await meanCi(values(20_000), { seed: 1, resamples: 20_000 });
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  test.skipIf(process.platform !== 'linux')(`the statistics thread runs at nice ${LOW_PRIORITY}`, async () => {
    // Field 19 of /proc/self/task/<tid>/stat is the thread's nice value; the thread stays once started.
    const atLowPriority = () => readdirSync('/proc/self/task').filter((tid) => readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ')[16] === String(LOW_PRIORITY)).length;
    await meanCi(values(2000), { seed: 2, resamples: 2000 });
    expect(atLowPriority()).toBeGreaterThanOrEqual(1);
  });

  test('a bad option is the same RangeError from the thread', async () => {
    const err = await meanCi(values(2000), { seed: 1, resamples: 2000, level: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RangeError);
    expect((err as Error).message).toBe('level must be in (0, 1), got 2');
  });
});
