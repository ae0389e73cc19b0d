import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import { repoRoot, startCharlens, type RunningServer } from '../helpers/server.ts';
import { tempDatabase, uploadNdjson } from './support.ts';

const TOKEN = 'cl_e2e_bundle_token_0001';
const bundle = join(repoRoot, 'dist/server/charlens.js');

// The bundle lives in dist/server/ while the read and write workers' files stay in db/: this is the check that the
// bundled server still finds them (db/package-root.ts) and its own compute-worker.js, as `npm start` runs it.
describe.skipIf(!existsSync(bundle))('the bundled server (npm run build, as npm start runs it)', () => {
  let server: RunningServer;
  let database: ReturnType<typeof tempDatabase>;

  beforeAll(async () => {
    database = tempDatabase();
    server = await startCharlens(
      { DATABASE_URL: database.url, CHARLENS_INIT_ADMIN_EMAIL: 'bundle@example.com', CHARLENS_INIT_ADMIN_PASSWORD: 'bundle-password-1', CHARLENS_INIT_API_TOKEN: TOKEN },
      [],
      { bundle: true },
    );
  });

  afterAll(async () => {
    await server?.stop();
    database?.cleanup();
  });

  test('starts its read workers and answers reads through them, seeing what was just written', async () => {
    expect(server.output()).toContain('reads on 2 worker threads');
    const line = nativeLine({ external_id: 'bundle/0', model: 'bundled-model', messages: [{ role: 'user', content: 'where do the amber kestrels nest' }, { role: 'assistant', content: 'On cliffs.' }] });
    expect(await uploadNdjson(server.url, TOKEN, ndjson([line]))).toMatchObject({ inserted: 1 });
    const res = await fetch(`${server.url}/api/v1/transcripts?q=kestrels`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const body: { items: { externalId: string; model: string }[] } = await res.json();
    expect(body.items.map((i) => [i.externalId, i.model])).toEqual([['bundle/0', 'bundled-model']]);
  });

  test('a statistic large enough for the statistics thread resamples on the bundled compute-worker.js', async () => {
    // 120 scenarios × 2,000 resamples: past INLINE_DRAWS, so the interval comes from the thread.
    const lines = Array.from({ length: 120 }, (_, i) => nativeLine({ external_id: `bundle-stats/${i}`, model: 'bundled-stats', scenario: `bundle-s-${i}`, scores: [{ trait: 'pushback', value: 1 + (i % 5), source: 'import' }] }));
    expect(await uploadNdjson(server.url, TOKEN, ndjson(lines))).toMatchObject({ inserted: 120 });
    const res = await fetch(`${server.url}/api/v1/stats/traits?trait=pushback&models=bundled-stats&source=import`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const body: { items: { model: string; scenarios: number; mean: number; ciLow: number | null; ciHigh: number | null }[] } = await res.json();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ model: 'bundled-stats', scenarios: 120, mean: 3 });
    expect(body.items[0]?.ciLow).toBeLessThan(3);
    expect(body.items[0]?.ciHigh).toBeGreaterThan(3);
  });

  test('with CHARLENS_READ_WORKERS=0 it reads on the main thread and says so', async () => {
    const other = await startCharlens({ DATABASE_URL: database.url, CHARLENS_READ_WORKERS: '0' }, [], { bundle: true });
    try {
      expect(other.output()).toContain('reads on the main thread');
      const res = await fetch(`${other.url}/api/v1/transcripts?model=bundled-model`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
    } finally {
      await other.stop();
    }
  });
});
