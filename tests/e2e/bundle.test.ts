import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import { repoRoot, startCharlens, type RunningServer } from '../helpers/server.ts';
import { tempDatabase, uploadNdjson } from './support.ts';

const TOKEN = 'cl_e2e_bundle_token_0001';
const bundle = join(repoRoot, 'dist/server/charlens.js');

// The bundle lives in dist/server/ while the read workers' file stays in db/: this is the check that the bundled
// server still finds it (db/package-root.ts) and reads through the workers, as `npm start` runs it.
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
