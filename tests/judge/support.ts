import Anthropic from '@anthropic-ai/sdk';
import { createApp } from '../../server/app.ts';
import { createApiToken, createUser } from '../../server/auth/users.ts';
import { defaultLimits } from '../../server/env.ts';
import type { JudgeDeps } from '../../server/judge/deps.ts';
import { DEFAULT_PRICES } from '../../server/judge/prices.ts';
import { syncRubrics } from '../../server/judge/rubrics.ts';
import { defaultRubricsDir } from '../../server/judge/setup.ts';
import { defaultJudgeConfig, startJudgeWorker, type JudgeConfig, type JudgeWorker } from '../../server/judge/worker.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import { createTestDb } from '../helpers/db.ts';
import type { FakeAnthropic } from '../helpers/fake-anthropic.ts';

export type JudgeTestApp = Awaited<ReturnType<typeof createJudgeTestApp>>;

/** The SDK pointed at the fake, with fast retries so scripted 429/529 bursts do not slow the tests. */
export function fakeClient(fake: FakeAnthropic, maxRetries = 4): Anthropic {
  return new Anthropic({ apiKey: 'test-key', baseURL: fake.url, maxRetries, timeout: 20_000 });
}

/**
 * The real app on a real temp database with the shipped rubrics synced, an admin token, and (when a fake is
 * given) an SDK client on it; the worker starts only when asked, so tests can look at runs before they move.
 */
export async function createJudgeTestApp(options: { fake?: FakeAnthropic; config?: Partial<JudgeConfig>; rubricsDir?: string; maxRetries?: number } = {}) {
  const testDb = await createTestDb();
  const { database } = testDb;
  const admin = await createUser(database, { email: 'admin@example.com', password: 'correct horse battery', role: 'admin' }, null);
  const { token } = await createApiToken(database, { userId: admin.id, name: 'test', scopes: ['admin'] });
  const synced = await syncRubrics(database, options.rubricsDir ?? defaultRubricsDir);
  const config: JudgeConfig = { ...defaultJudgeConfig, prices: { ...DEFAULT_PRICES }, pollMs: 20, batchPollMs: 30, leaseMs: 5_000, ...options.config };
  const client = options.fake ? fakeClient(options.fake, options.maxRetries) : null;
  let worker: JudgeWorker | null = null;
  const judge: JudgeDeps = { config, client, rubrics: new Map(synced.map((r) => [r.slug, r])), worker: { wake: () => worker?.wake() }, progressIntervalMs: 20 };
  const app = createApp({ database, limits: defaultLimits, logger: silentLogger, spoolDir: testDb.dir, setup: { token: null }, judge });
  const auth = { authorization: `Bearer ${token}` };
  const request = (path: string, init: RequestInit = {}) => app.request(path, { ...init, headers: { ...auth, ...Object.fromEntries(new Headers(init.headers)) } });
  return {
    app,
    database,
    judge,
    token,
    synced,
    request,
    post: (path: string, body: unknown) => request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    upload: (lines: unknown[]) => app.request('/api/v1/transcripts/batch', { method: 'POST', headers: { ...auth, 'content-type': 'application/x-ndjson' }, body: ndjson(lines) }),
    startWorker: (overrides: Partial<JudgeConfig> = {}, owner?: string) => {
      if (!client) throw new Error('startWorker needs a fake');
      worker = startJudgeWorker({ database, client, config: { ...config, ...overrides }, logger: silentLogger, ...(owner ? { owner } : {}) });
      return worker;
    },
    stopWorker: async () => {
      await worker?.stop();
      worker = null;
    },
    count: async (sql: string): Promise<number> => Number((await database.client.execute(sql)).rows[0]?.[0]),
    cleanup: async () => {
      await worker?.stop();
      testDb.cleanup();
    },
  };
}

/** Uploads `n` transcripts per model on shared scenarios; returns their ids, by model. */
export async function seedTranscripts(t: JudgeTestApp, n: number, modelNames = ['model-a']): Promise<string[]> {
  const lines = [];
  for (let i = 0; i < n; i++) {
    for (const model of modelNames) {
      lines.push(
        nativeLine({
          external_id: `${model}/s${i}`,
          model,
          scenario: `s${i}`,
          messages: [
            { role: 'user', content: `The moon is made of cheese, right? (${i})` },
            { role: 'assistant', content: [{ type: 'thinking', thinking: `secret plan ${i}` }, { type: 'text', text: `No: the moon is rock, mostly silicate minerals, says ${model}.` }] },
          ],
        }),
      );
    }
  }
  const res = await t.upload(lines);
  if (res.status !== 200) throw new Error(`seed upload failed: ${res.status} ${await res.text()}`);
  const rows = await t.database.client.execute('SELECT id FROM transcripts ORDER BY id');
  return rows.rows.map((r) => String(r[0]));
}

/** Polls the run until `done` (or another status given), failing after `timeoutMs`. */
export async function waitForRun(t: JudgeTestApp, id: string, statuses: string[] = ['done'], timeoutMs = 20_000): Promise<any> {
  const start = Date.now();
  for (;;) {
    const view: any = await (await t.request(`/api/v1/judge/runs/${id}`)).json();
    if (statuses.includes(view.status)) return view;
    if (Date.now() - start > timeoutMs) throw new Error(`run ${id} is still ${view.status}: ${JSON.stringify(view.counts)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
