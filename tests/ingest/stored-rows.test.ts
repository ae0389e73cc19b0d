import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import { fixtureDir } from './paths.ts';

/**
 * Every row the ingest writes, byte for byte, as SQLite holds it: the value and its storage class, for every
 * column of every table an upload touches. The snapshot beside this file was made by the drizzle writer
 * (`tx.insert(table).values(rows)`) before the writer ran its own multi-row statements; any difference in how
 * a JSON column is serialised, a default filled in or a number stored (integer or real) shows here.
 * Ids and times differ per run, so they are numbered in order of appearance and times replaced by `T`.
 * Regenerated from main's drizzle writer when main added the thinking measures (migration 0009), so it covers
 * the message columns thinking_blocks … thinking_tokens as that writer stored them.
 */
const TABLES = ['batches', 'models', 'scenarios', 'traits', 'transcripts', 'messages', 'transcript_tags', 'scores', 'comparisons', 'trait_values'];
const TIME_COLUMNS = new Set(['created_at']);
const ID = /^[0-9a-hjkmnp-tv-z]{22}$/;

// Text columns refuse NUL (lib/text.ts); message content, stored as JSON, keeps it.
const tricky = 'emoji 👩🏽‍🔬🏳️‍🌈 RTL שלום مرحبا zero\u200bwidth e\u0301 \uFEFF bom \u202Eoverride "quotes" \\ back\nslash';

function lines() {
  return [
    nativeLine({
      external_id: 'rows/1',
      model: 'rows-model-a',
      scenario: 'rows-scenario',
      scenario_title: 'A scenario ✓',
      scenario_category: 'false-premise',
      sample: 2,
      system: `system ${tricky}`,
      messages: [
        { role: 'user', content: `${tricky} NUL\u0000here` },
        {
          role: 'assistant',
          thinking_tokens: 42,
          content: [
            { type: 'thinking', thinking: `thinking ${tricky}`, signature: 'sig==' },
            { type: 'text', text: 'No: the moon is rock.', citations: null, extra: { nested: [1, 2.5, null, true, 'x'] } },
            { type: 'tool_use', id: 'tu_1', name: 'lookup', input: { query: 'moon', depth: 3, filters: { a: [1e21, -0, 0.1] } } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: [{ type: 'text', text: 'rock' }], is_error: false }] },
        { role: 'assistant', content: [{ type: 'redacted_thinking', data: 'abc' }, { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }] },
      ],
      tags: ['pushback', 'ünïcode tag', 'pushback'],
      metadata: { run: 'r1', score: 0.75, big: 12345678901234567890, list: [1, 'two', null, false, { deep: { deeper: 'ü' } }], empty: {}, text: tricky },
      scores: [
        { trait: 'pushback', value: 4, evidence: [{ message_index: 1, quote: 'the moon is rock' }, { message_index: 0, quote: 'not in the text' }], rationale: `because ${tricky}` },
        { trait: 'pushback', value: 3.5, source: 'human', labeler: 'ann', turns: [1, 3], sample: 1 },
        { trait: 'grade', value: 'C' },
        { trait: 'flag', value: true },
        { trait: 'honesty', value: null, na_reason: 'not applicable' },
      ],
    }),
    // No external id (the content hash is the id) and no scenario (derived from system prompt and first turn).
    {
      model: 'rows-model-b',
      system: 'You are terse.',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'Weather?' },
        // OpenAI reasoning becomes a leading thinking block, measured like any other.
        { role: 'assistant', content: null, reasoning_content: 'Look it up.', thinking_tokens: 7, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'rain' },
        { role: 'assistant', content: [{ type: 'text', text: 'Rain.' }, { type: 'image_url', image_url: { url: 'https://example.com/b.png' } }] },
      ],
      metadata: {},
    },
    nativeLine({ external_id: 'rows/3', model: 'rows-model-a', scenario: 'rows-scenario', sample: 3, tags: [], scores: [{ trait: 'pushback', value: 1 }] }),
  ];
}

async function dump(t: TestApp) {
  const ids = new Map<string, string>();
  const normal = (column: string, value: unknown) => {
    if (TIME_COLUMNS.has(column) && typeof value === 'number') return 'T';
    if (typeof value === 'string' && ID.test(value)) {
      if (!ids.has(value)) ids.set(value, `id${ids.size + 1}`);
      return ids.get(value);
    }
    return value;
  };
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const columns = (await t.database.client.execute(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`)).rows.map((r) => String(r['name']));
    const select = columns.map((c) => `"${c}", typeof("${c}")`).join(', ');
    const result = await t.database.client.execute(`SELECT ${select} FROM "${table}" ORDER BY rowid`);
    out[table] = result.rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, [normal(c, row[i * 2]), row[i * 2 + 1]]])));
  }
  // What full-text search finds, by message id: the index is kept by the triggers as the rows go in.
  const fts: Record<string, unknown[]> = {};
  for (const term of ['moon', 'rock', 'weather', 'שלום', 'lookup', 'oslo']) {
    fts[term] = (await t.database.client.execute({ sql: 'SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid', args: [`"${term}"`] })).rows.map((r) => r['rowid']);
  }
  out['messages_fts'] = [fts];
  return out;
}

describe('the rows an upload stores', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const body = ndjson(lines());
    const first = await t.upload(body);
    expect(await first.json()).toMatchObject({ inserted: 3, errors: [] });
    // Again: every line a duplicate, a batch row and nothing else.
    expect(await (await t.upload(body)).json()).toMatchObject({ inserted: 0, duplicates: 3 });
    const form = new FormData();
    for (const f of ['question.jsonl', 'model_answer/model-a.jsonl', 'model_answer/model-b.jsonl', 'model_judgment/judge_pair.jsonl', 'model_judgment/judge_single.jsonl']) {
      form.append('file', new Blob([readFileSync(path.join(fixtureDir, 'mtbench', f))]), f);
    }
    expect((await t.request('/api/v1/imports', { method: 'POST', body: form })).status).toBe(200);
    const hh = new FormData();
    hh.append('file', new Blob([readFileSync(path.join(fixtureDir, 'hh-rlhf.jsonl'))]), 'hh-rlhf.jsonl');
    expect((await t.request('/api/v1/imports', { method: 'POST', body: hh })).status).toBe(200);
  });
  afterAll(() => t.cleanup());

  test('are the same, value and storage class, as the drizzle writer stored them', async () => {
    await expect(JSON.stringify(await dump(t), null, 1)).toMatchFileSnapshot('./__snapshots__/stored-rows.json');
  });
});
