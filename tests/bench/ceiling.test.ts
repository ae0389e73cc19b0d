import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { benchRows, writeRows } from '../../bench/ceiling.ts';
import { benchLine } from '../../bench/data.ts';
import type { Database } from '../../db/client.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { ndjson } from '../helpers/builders.ts';
import { createTestDb } from '../helpers/db.ts';

/**
 * The bench's ingest ceiling is only a ceiling if it writes what HTTP ingest writes: the same rows of the same
 * tables. Ids and times differ per run (numbered in order of appearance, times `T`); the batch's uploader is
 * left out (the ceiling has none).
 */
const TABLES = ['models', 'scenarios', 'transcripts', 'messages', 'transcript_tags', 'scores', 'trait_values'];
const ID = /^[0-9a-hjkmnp-tv-z]{22}$/;
const COUNT = 12;

async function dump(database: Database) {
  const ids = new Map<string, string>();
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const result = await database.client.execute(`SELECT * FROM "${table}" ORDER BY rowid`);
    out[table] = result.rows.map((row) =>
      Object.fromEntries(
        result.columns.map((c, i) => {
          const value = row[i];
          if (c === 'created_at') return [c, 'T'];
          if (c === 'id' && table === 'messages') return [c, 'rowid'];
          if (typeof value === 'string' && ID.test(value)) return [c, (ids.get(value) ?? ids.set(value, `id${ids.size + 1}`).get(value))];
          return [c, value];
        }),
      ),
    );
  }
  return out;
}

describe('the ingest ceiling of the bench', () => {
  let app: TestApp;
  let direct: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    app = await createTestApp();
    direct = await createTestDb();
  });
  afterAll(() => {
    app.cleanup();
    direct.cleanup();
  });

  test('writes the same rows as an HTTP upload of the same bench lines', async () => {
    const lines = Array.from({ length: COUNT }, (_, i) => benchLine(i));
    expect(await (await app.upload(ndjson(lines))).json()).toMatchObject({ inserted: COUNT, errors: [] });
    await writeRows(direct.database.client, benchRows(0, COUNT, { models: new Map(), scenarios: new Map() }));
    const viaHttp = await dump(app.database);
    expect(viaHttp['messages']).toHaveLength(COUNT * 10);
    expect(await dump(direct.database)).toEqual(viaHttp);
  });
});
