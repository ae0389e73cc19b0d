import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { insertRows } from '../../db/insert-rows.ts';
import { newId } from '../../db/ids.ts';
import { messages, models, scenarios, scores, traits, traitValues, transcripts } from '../../db/schema/index.ts';
import { createTestDb } from '../helpers/db.ts';

type TestDb = Awaited<ReturnType<typeof createTestDb>>;

/** Every column of every row, with its storage class, in insertion order. */
async function rowsOf(db: TestDb, table: string) {
  const columns = (await db.database.client.execute(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`)).rows.map((r) => String(r['name']));
  const result = await db.database.client.execute(`SELECT ${columns.map((c) => `"${c}", typeof("${c}")`).join(', ')} FROM "${table}" ORDER BY rowid`);
  return result.rows.map((row) => columns.map((c, i) => [c, row[i * 2], row[i * 2 + 1]]));
}

const tricky = 'emoji 👩🏽‍🔬 RTL שלום zero\u200bwidth "quotes" \\ back\nslash';

describe('insertRows', () => {
  let viaDrizzle: TestDb;
  let viaInsertRows: TestDb;
  const modelId = newId();
  const scenarioId = newId();
  const traitId = newId();
  const transcriptId = newId();

  beforeAll(async () => {
    viaDrizzle = await createTestDb();
    viaInsertRows = await createTestDb();
  });
  afterAll(() => {
    viaDrizzle.cleanup();
    viaInsertRows.cleanup();
  });

  /** Writes `rows` into `table` both ways and expects the stored rows to be identical. */
  async function same<T extends SQLiteTable>(table: T, name: string, rows: T['$inferInsert'][]) {
    await viaDrizzle.database.write((db) => db.insert(table).values(rows));
    await insertRows(viaInsertRows.database.client, table, rows);
    const stored = await rowsOf(viaInsertRows, name);
    expect(stored).toEqual(await rowsOf(viaDrizzle, name));
    return stored;
  }

  test('stores what drizzle stores: JSON columns, defaults, nulls, booleans, integers and reals', async () => {
    await same(models, 'models', [{ id: modelId, name: `model ${tricky}`, createdAt: 1 }]);
    // `tags` left out: its default, `[]`, serialised as drizzle does.
    await same(scenarios, 'scenarios', [{ id: scenarioId, key: 's', title: null, createdAt: 2 }]);
    await same(traits, 'traits', [{ id: traitId, slug: 't', title: 'T', scale: { kind: 'numeric', min: 1, max: 5, anchors: { '1': tricky } }, source: 'rubric', createdAt: 3 }]);
    await same(transcripts, 'transcripts', [
      { id: transcriptId, modelId, scenarioId, metadata: { nested: [1, 2.5, null, true, { deep: tricky }], big: 1e21 }, tags: ['a', tricky], source: 'native', externalId: 'x', contentHash: 'h', messageCount: 2, inputTokens: 10, createdAt: 4 },
      { id: newId(), modelId, scenarioId, sampleIndex: 1, systemPrompt: tricky, source: 'native', externalId: 'y', contentHash: 'h', messageCount: 0, createdAt: 5 },
    ]);
    const stored = await same(messages, 'messages', [
      { transcriptId, idx: 0, role: 'user', content: tricky, text: tricky },
      { transcriptId, idx: 1, role: 'assistant', content: [{ type: 'text', text: tricky, citations: null }, { type: 'tool_use', id: 'u', name: 'n', input: { a: [1, { b: 'c' }] } }], text: 'x' },
    ]);
    expect(stored[0]?.[0]).toEqual(['id', 1, 'integer']);
    await same(scores, 'scores', [
      { id: newId(), transcriptId, traitId, source: 'import', value: 4, evidence: [{ message_index: 0, quote: tricky, verified: true }], adjudicated: true, createdAt: 6 },
      { id: newId(), transcriptId, traitId, source: 'human', status: 'withdrawn', value: null, category: 'C', labeler: tricky, createdAt: 7 },
    ]);
    await same(traitValues, 'trait_values', [{ transcriptId, traitId, source: 'import', modelId, scenarioId, value: 2.5, raters: 1, ranges: 0, na: 0, invalid: 0, failed: 0, superseded: 0 }]);
  });

  test('splits many rows into statements under the parameter cap, keeping their order', async () => {
    const id = newId();
    await insertRows(viaInsertRows.database.client, transcripts, [{ id, modelId, scenarioId, source: 'native', externalId: 'many', contentHash: 'h', messageCount: 5000, createdAt: 8 }]);
    await insertRows(viaInsertRows.database.client, messages, Array.from({ length: 5000 }, (_, idx) => ({ transcriptId: id, idx, role: 'user' as const, content: `m${idx}`, text: `m${idx}` })));
    const result = await viaInsertRows.database.client.execute({ sql: 'SELECT idx, content FROM messages WHERE transcript_id = ? ORDER BY id', args: [id] });
    expect(result.rows.map((r) => r['idx'])).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    expect(result.rows[4999]?.['content']).toBe('"m4999"');
  });

  test('with onConflictDoNothing keeps the stored row; without it a conflict fails the statement', async () => {
    await insertRows(viaInsertRows.database.client, models, [{ id: newId(), name: 'other', createdAt: 9 }, { id: newId(), name: `model ${tricky}`, createdAt: 9 }], { onConflictDoNothing: true });
    const stored = await viaInsertRows.database.client.execute({ sql: 'SELECT id FROM models WHERE name = ?', args: [`model ${tricky}`] });
    expect(stored.rows.map((r) => r['id'])).toEqual([modelId]);
    await expect(insertRows(viaInsertRows.database.client, models, [{ id: newId(), name: 'other', createdAt: 10 }])).rejects.toThrow(/UNIQUE/);
  });
});
