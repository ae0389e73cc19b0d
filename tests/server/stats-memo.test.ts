import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { memoRead } from '../../server/queries/memo.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';

/** The stats routes keep their answers per data version (queries/memo.ts): never a figure a write has changed. */
describe('stats answers kept between writes', () => {
  let t: TestApp;
  const line = (i: number, value: number) =>
    nativeLine({ external_id: `memo/${i}`, model: i % 2 ? 'memo-b' : 'memo-a', scenario: `memo-${Math.floor(i / 2)}`, scores: [{ trait: 'memo_trait', value, source: 'import' as const }] });
  const summary = async () => {
    const res = await t.request('/api/v1/stats/traits?trait=memo_trait');
    expect(res.status).toBe(200);
    return (await res.json()) as { items: { model: string; n: number; mean: number | null }[] };
  };
  beforeAll(async () => {
    t = await createTestApp();
    expect((await t.upload(ndjson([0, 1, 2, 3].map((i) => line(i, 2))))).status).toBe(200);
  });
  afterAll(() => t.cleanup());

  test('an upload changes what the next request answers; without one the answer is kept', async () => {
    const before = await summary();
    expect(before.items.map((i) => [i.model, i.n, i.mean])).toEqual([
      ['memo-a', 2, 2],
      ['memo-b', 2, 2],
    ]);
    expect(await summary()).toEqual(before); // kept: the same answer
    expect((await t.upload(ndjson([4, 5].map((i) => line(i, 5))))).status).toBe(200);
    const after = await summary();
    expect(after.items.map((i) => [i.model, i.n, i.mean])).toEqual([
      ['memo-a', 3, 3],
      ['memo-b', 3, 3],
    ]);
  });

  test('a write that starts while a figure is computed leaves that figure out of the cache', async () => {
    const { database } = t;
    let computed = 0;
    const compute = async () => ++computed;
    let release!: () => void;
    const writing = database.write(() => new Promise<void>((resolve) => (release = resolve)));
    await Promise.resolve();
    expect(await memoRead(database, 'probe', { q: 1 }, compute)).toBe(1); // during the write
    release();
    await writing;
    expect(await memoRead(database, 'probe', { q: 1 }, compute)).toBe(2); // after it: computed again
    expect(await memoRead(database, 'probe', { q: 1 }, compute)).toBe(2); // then kept
    expect(await memoRead(database, 'probe', { q: 2 }, compute)).toBe(3); // another query is another figure
  });

  test('a bookkeeping write (a session touched, a lease kept alive) leaves the kept figures; any other write does not', async () => {
    const { database } = t;
    let computed = 0;
    const compute = async () => ++computed;
    expect(await memoRead(database, 'bookkeeping', {}, compute)).toBe(1);
    await database.write(async () => undefined, { bookkeeping: true });
    expect(await memoRead(database, 'bookkeeping', {}, compute)).toBe(1);
    await database.write(async () => undefined);
    expect(await memoRead(database, 'bookkeeping', {}, compute)).toBe(2);
  });

  test('concurrent identical requests share one computation; a failure is not kept', async () => {
    const { database } = t;
    let calls = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 20));
    const [a, b] = await Promise.all([memoRead(database, 'shared', {}, slow), memoRead(database, 'shared', {}, slow)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    let attempts = 0;
    const failing = async () => {
      attempts++;
      throw new Error('no');
    };
    await expect(memoRead(database, 'fails', {}, failing)).rejects.toThrow('no');
    await expect(memoRead(database, 'fails', {}, failing)).rejects.toThrow('no');
    expect(attempts).toBe(2);
  });
});
