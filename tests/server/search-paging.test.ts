import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultSearchPlan, searchPage, type SearchPlan } from '../../server/queries/search-page.ts';
import { ftsMatch, transcriptConditions } from '../../server/queries/transcript-filter.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';

/**
 * 330 transcripts of 10 messages, uploaded oldest first (ids, and so the list, follow that order). Each word
 * sits in known messages, so every page a search should give is known without asking the database:
 * - `pervasive` in every message of two transcripts in three: 2,200 hits, past `rareHits`, so a walk;
 * - `sparse` in message 5 of every 50th transcript: 7 hits;
 * - `ancient` in every message of the 40 oldest: 400 hits, all far from the newest transcripts;
 * - `late` in messages 7 and 3 of every tenth transcript (from the second): its first match is message 3.
 */
const N = 330;
const words = (i: number, m: number) =>
  [
    i % 3 !== 0 ? 'pervasive' : '',
    i % 50 === 0 && m === 5 ? 'sparse' : '',
    i < 40 ? 'ancient' : '',
    i % 10 === 1 && (m === 7 || m === 3) ? 'late' : '',
  ].filter(Boolean);
const has = (i: number, word: string) => Array.from({ length: 10 }, (_, m) => words(i, m)).some((w) => w.includes(word));
const model = (i: number) => (i % 2 ? 'm-odd' : 'm-even');
/** The external ids a search for `word` (and model) should list, newest first. */
const expected = (word: string, onlyModel?: string) =>
  Array.from({ length: N }, (_, i) => N - 1 - i)
    .filter((i) => has(i, word) && (!onlyModel || model(i) === onlyModel))
    .map((i) => `page/${i}`);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const lines = Array.from({ length: N }, (_, i) =>
    nativeLine({
      external_id: `page/${i}`,
      model: model(i),
      scenario: `s${i}`,
      messages: Array.from({ length: 10 }, (_, m) => ({ role: m % 2 ? ('assistant' as const) : ('user' as const), content: `turn ${m} of ${i}: ${words(i, m).join(' ')} filler` })),
    }),
  );
  const res = await t.upload(ndjson(lines));
  expect(res.status).toBe(200);
});
afterAll(() => t.cleanup());

interface Page {
  items: { id: string; externalId: string; match: { messageIndex: number; snippet: string } | null }[];
  nextCursor: string | null;
}

async function allPages(query: string, limit: number): Promise<Page['items']> {
  const items: Page['items'] = [];
  let cursor: string | null = null;
  do {
    const res = await t.request(`/api/v1/transcripts?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor) expect(page.items).toHaveLength(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('search pages', () => {
  test('a common term pages newest first through every matching transcript once, alone and with a filter', async () => {
    expect(expected('pervasive')).toHaveLength(220);
    expect((await allPages('q=pervasive', 7)).map((i) => i.externalId)).toEqual(expected('pervasive'));
    expect((await allPages('q=pervasive&model=m-odd', 50)).map((i) => i.externalId)).toEqual(expected('pervasive', 'm-odd'));
    expect((await allPages('q=pervasive&model=nobody', 50)).map((i) => i.externalId)).toEqual([]);
  });

  test('a rare term, and a term only in the oldest transcripts, page the same way', async () => {
    expect((await allPages('q=sparse', 3)).map((i) => i.externalId)).toEqual(expected('sparse'));
    expect((await allPages('q=ancient', 9)).map((i) => i.externalId)).toEqual(expected('ancient'));
    expect((await allPages('q=ancient%20pervasive&model=m-even', 5)).map((i) => i.externalId)).toEqual(expected('ancient', 'm-even').filter((id) => expected('pervasive').includes(id)));
  });

  test('each hit shows the first message that matches, with the term marked', async () => {
    const items = await allPages('q=late', 50);
    expect(items.map((i) => i.externalId)).toEqual(expected('late'));
    for (const item of items) {
      expect(item.match?.messageIndex).toBe(3);
      expect(item.match?.snippet).toContain('\u0002late\u0003 filler');
    }
  });

  test('every plan, from always walking in steps of one to giving up the walk at once, gives the same pages', async () => {
    const plans: SearchPlan[] = [
      defaultSearchPlan,
      { rareHits: 0, firstStepPages: 1, maxStep: 1, walkLimit: 1_000_000, sparseHits: 0, walkMax: 1_000_000 },
      { rareHits: 0, firstStepPages: 1, maxStep: 4, walkLimit: 10, sparseHits: 1_000_000, walkMax: 10 },
      // Past the limit too many hits to read at once: the walk goes on in steps to its end, then reads the rest.
      { rareHits: 0, firstStepPages: 1, maxStep: 4, walkLimit: 10, sparseHits: 0, walkMax: 30 },
      { rareHits: 0, firstStepPages: 2, maxStep: 4096, walkLimit: 0, sparseHits: 1_000_000, walkMax: 0 },
      { rareHits: 0, firstStepPages: 2, maxStep: 4096, walkLimit: 0, sparseHits: 0, walkMax: 1_000_000 },
      { rareHits: 1_000_000, firstStepPages: 2, maxStep: 4096, walkLimit: 20_000, sparseHits: 20_000, walkMax: 200_000 },
    ];
    const externalOf = new Map((await allPages('model=m-odd', 500)).concat(await allPages('model=m-even', 500)).map((i) => [i.id, i.externalId]));
    for (const plan of plans) {
      for (const [word, onlyModel] of [['pervasive'], ['sparse'], ['ancient'], ['late', 'm-odd'], ['pervasive', 'm-even']] as const) {
        const conditions = () => transcriptConditions(onlyModel ? { model: onlyModel } : {});
        const seen: string[] = [];
        let cursor: string | undefined;
        for (;;) {
          const page = await searchPage(t.database.db, { match: ftsMatch(word), conditions: conditions(), cursor, limit: 11 }, plan);
          seen.push(...page.hits.map((h) => h.transcriptId));
          if (!page.more) break;
          expect(page.hits).toHaveLength(11);
          cursor = page.hits.at(-1)?.transcriptId;
        }
        expect(seen.map((id) => externalOf.get(id)), `${word} ${onlyModel ?? ''} ${JSON.stringify(plan)}`).toEqual(expected(word, onlyModel));
      }
    }
  });
});
