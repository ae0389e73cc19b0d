import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const lines = [];
  for (let i = 0; i < 30; i++) {
    for (const model of ['alpha-1', 'alpha-2']) {
      lines.push(
        nativeLine({
          external_id: `${model}/s${i}`,
          model,
          scenario: `s${String(i).padStart(2, '0')}`,
          tags: i % 3 === 0 ? ['pushback', 'math'] : ['warmth'],
          scores: [
            { trait: 'pushback', value: i % 5, source: 'import' },
            ...(model === 'alpha-1' && i < 5 ? [{ trait: 'pushback', value: 4, source: 'human' as const, labeler: 'ana' }] : []),
            // Two chunk scores on two turn ranges: the list shows their mean.
            { trait: 'spiral.pushback', value: 1, source: 'import', turns: [0, 0] },
            { trait: 'spiral.pushback', value: 2, source: 'import', turns: [1, 1] },
          ],
          messages: [
            { role: 'user', content: i === 7 ? 'Tell me about the quokka of Rottnest' : `Question number ${i}` },
            { role: 'assistant', content: [{ type: 'thinking', thinking: 'hidden pondering' }, { type: 'text', text: `Answer ${i} from ${model}` }] },
          ],
        }),
      );
    }
  }
  const res = await t.upload(ndjson(lines));
  expect(res.status).toBe(200);
});
afterAll(() => t.cleanup());

async function get(path: string): Promise<any> {
  const res = await t.request(path);
  expect(res.status, path).toBe(200);
  return res.json();
}

describe('GET /api/v1/transcripts', () => {
  test('pages through every transcript once, newest first, with keyset cursors', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await get(`/api/v1/transcripts?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  test('items are compact', async () => {
    const { items } = await get('/api/v1/transcripts?limit=1');
    expect(Object.keys(items[0]).sort()).toEqual(
      ['createdAt', 'externalId', 'id', 'messageCount', 'model', 'sample', 'scenario', 'scenarioId', 'scenarioTitle', 'tags', 'traitValues'].sort(),
    );
  });

  test('filters by model, scenario and tag, and combines them', async () => {
    expect((await get('/api/v1/transcripts?model=alpha-2&limit=500')).items).toHaveLength(30);
    expect((await get('/api/v1/transcripts?scenario=s07')).items.map((i: { model: string }) => i.model).sort()).toEqual(['alpha-1', 'alpha-2']);
    expect((await get('/api/v1/transcripts?tag=math&limit=500')).items).toHaveLength(20);
    const both = await get('/api/v1/transcripts?tag=math&model=alpha-1&limit=500');
    expect(both.items).toHaveLength(10);
    expect(both.items.every((i: { model: string; tags: string[] }) => i.model === 'alpha-1' && i.tags.includes('math'))).toBe(true);
    expect((await get('/api/v1/transcripts?model=nobody')).items).toEqual([]);
  });

  test('full-text search finds words in any message, thinking included, and treats syntax as text', async () => {
    expect((await get('/api/v1/transcripts?q=quokka')).items.map((i: { scenario: string }) => i.scenario)).toEqual(['s07', 's07']);
    expect((await get('/api/v1/transcripts?q=quokka&model=alpha-1')).items).toHaveLength(1);
    expect((await get('/api/v1/transcripts?q=%22quokka%20of%20Rottnest%22')).items).toHaveLength(2);
    expect((await get('/api/v1/transcripts?q=pondering&limit=500')).items).toHaveLength(60);
    expect((await get('/api/v1/transcripts?q=quokka%20NEAR%20AND%20%22')).items).toEqual([]);
    const res = await t.request('/api/v1/transcripts?q=%22%22%20***');
    expect(res.status).toBe(400);
  });

  test('rejects bad query parameters with a 400 naming them', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=10000', 'limit'],
      ['cursor=%27%3B%20DROP%20TABLE', 'cursor'],
    ]) {
      const res = await t.request(`/api/v1/transcripts?${query}`);
      expect(res.status, query).toBe(400);
      const body: any = await res.json();
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details[0].field).toBe(field);
    }
  });
});

describe('scores in the list', () => {
  test('each item carries its value per trait and source by the one rule, chunk scores as their mean', async () => {
    const { items } = await get('/api/v1/transcripts?scenario=s03&model=alpha-1');
    const counts = { spread: null, na: 0, invalid: 0, failed: 0, superseded: 0, category: null, adjudicated: false };
    expect(items[0].traitValues).toEqual([
      { trait: 'pushback', title: 'Pushback', polarity: 'neutral', source: 'human', value: 4, raters: 1, ranges: 0, basis: "1 labeler's latest label", ...counts },
      { trait: 'pushback', title: 'Pushback', polarity: 'neutral', source: 'import', value: 3, raters: 1, ranges: 0, basis: '1 imported score', ...counts },
      { trait: 'spiral.pushback', title: 'Spiral pushback', polarity: 'neutral', source: 'import', value: 1.5, raters: 1, ranges: 2, basis: 'mean of 2 turn ranges', ...counts },
    ]);
  });

  test('filters by a trait score range, a source, and labeled or not', async () => {
    const inRange = await get('/api/v1/transcripts?trait=pushback&min=3&max=4&source=import&limit=500');
    expect(inRange.items).toHaveLength(24);
    expect(inRange.items.every((i: any) => [3, 4].includes(i.traitValues.find((s: any) => s.trait === 'pushback' && s.source === 'import').value))).toBe(true);
    // The range applies to the per-transcript value the list shows: the chunk mean 1.5, not any single chunk.
    expect((await get('/api/v1/transcripts?trait=spiral.pushback&min=2&limit=500')).items).toHaveLength(0);
    expect((await get('/api/v1/transcripts?trait=spiral.pushback&min=1.5&max=1.5&limit=500')).items).toHaveLength(60);
    expect((await get('/api/v1/transcripts?labeled=true&limit=500')).items).toHaveLength(5);
    expect((await get('/api/v1/transcripts?labeled=false&limit=500')).items).toHaveLength(55);
    expect((await get('/api/v1/transcripts?trait=nothing&limit=500')).items).toHaveLength(0);
    const orphanRange = await t.request('/api/v1/transcripts?min=3');
    expect(orphanRange.status).toBe(400);
    expect(((await orphanRange.json()) as any).error.message).toMatch(/give trait too/);
  });

  test('a search hit carries the best matching turn and a marked snippet', async () => {
    const { items } = await get('/api/v1/transcripts?q=quokka');
    expect(items[0].match).toEqual({ messageIndex: 0, snippet: 'Tell me about the \u0002quokka\u0003 of Rottnest' });
  });
});

describe('GET /api/v1/transcripts/:id', () => {
  test('returns messages in order with their blocks, and 404 for an unknown id', async () => {
    const { items } = await get('/api/v1/transcripts?scenario=s07&model=alpha-1');
    const detail = await get(`/api/v1/transcripts/${items[0].id}`);
    expect(detail).toMatchObject({ model: 'alpha-1', scenario: 's07', externalId: 'alpha-1/s7', system: 'You are a helpful assistant.', tags: ['warmth'] });
    expect(detail.messages.map((m: { index: number }) => m.index)).toEqual([0, 1]);
    expect(detail.messages[1].content[0]).toEqual({ type: 'thinking', thinking: 'hidden pondering' });
    const missing = await t.request('/api/v1/transcripts/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'No transcript nope' } });
  });
});

describe('models and scenarios', () => {
  test('models come with transcript and scenario counts', async () => {
    const { items } = await get('/api/v1/models');
    expect(items.map((m: { name: string; transcriptCount: number; scenarioCount: number }) => [m.name, m.transcriptCount, m.scenarioCount])).toEqual([
      ['alpha-1', 30, 30],
      ['alpha-2', 30, 30],
    ]);
  });

  test('scenarios list counts and a scenario lists its transcripts across models', async () => {
    const page = await get('/api/v1/scenarios?limit=10');
    expect(page.items).toHaveLength(10);
    expect(page.items[0]).toMatchObject({ key: 's00', transcriptCount: 2, modelCount: 2 });
    const next = await get(`/api/v1/scenarios?limit=100&cursor=${page.nextCursor}`);
    expect(next.items).toHaveLength(20);
    expect(next.nextCursor).toBeNull();
    const one = await get('/api/v1/scenarios/s07');
    expect(one.transcripts.map((x: { model: string }) => x.model)).toEqual(['alpha-1', 'alpha-2']);
    expect(one.transcripts[1].traitValues[0]).toMatchObject({ trait: 'pushback', source: 'import', value: 2, raters: 1 });
    expect((await t.request('/api/v1/scenarios/zzz')).status).toBe(404);
  });
});
