import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureTraitValues } from '../../server/aggregate/refresh.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const lines = [
    nativeLine({ scores: [{ trait: 'warmth', value: 3, source: 'human', labeler: 'ana' }, { trait: 'warmth', value: 2, source: 'human', labeler: 'bo' }] }),
    nativeLine({ scores: [{ trait: 'chunks', value: 1, source: 'import', turns: [0, 0] }, { trait: 'chunks', value: 2, source: 'import', turns: [1, 1] }] }),
  ];
  expect((await t.upload(ndjson(lines))).status).toBe(200);
});
afterAll(() => t.cleanup());

async function values(): Promise<unknown[]> {
  return (await t.database.client.execute('SELECT transcript_id, trait_id, source, value, raters, ranges, spread FROM trait_values ORDER BY transcript_id, trait_id, source')).rows.map((r) => ({ ...r }));
}

test('a database whose trait values were built by no rule (the migration adds the table empty) is rebuilt from its scores, once', async () => {
  const before = await values();
  expect(before).toHaveLength(2);
  await t.database.client.execute('DELETE FROM trait_values');
  await t.database.client.execute('DELETE FROM app_meta');
  expect(await ensureTraitValues(t.database)).toEqual({ rebuilt: true, transcripts: 2 });
  expect(await values()).toEqual(before);
  expect(await ensureTraitValues(t.database)).toEqual({ rebuilt: false, transcripts: 0 });
});

test('a database built by an older version of the rule is rebuilt', async () => {
  await t.database.client.execute("UPDATE app_meta SET value = '0' WHERE key = 'aggregation_rule_version'");
  await t.database.client.execute('UPDATE trait_values SET value = 99');
  expect((await ensureTraitValues(t.database)).rebuilt).toBe(true);
  expect((await values()).map((v: any) => v.value).sort()).toEqual([1.5, 2.5]);
});
