import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.ts';
import { startCharlens, type RunningServer } from '../helpers/server.ts';

const TOKEN = 'clt_crash-test-token';
const JOBS = 40;
const CONCURRENCY = 4;
let dir: string;
let fake: FakeAnthropic;
let env: Record<string, string>;
let server: RunningServer | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'charlens-crash-'));
  fake = await startFakeAnthropic({ latencyMs: 150 });
  env = {
    DATABASE_URL: `file:${join(dir, 'crash.db')}`,
    CHARLENS_INIT_ADMIN_EMAIL: 'admin@example.com',
    CHARLENS_INIT_ADMIN_PASSWORD: 'admin-password',
    CHARLENS_INIT_API_TOKEN: TOKEN,
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: fake.url,
    CHARLENS_JUDGE_CONCURRENCY: String(CONCURRENCY),
    // Short leases so the restarted worker takes over the killed one's jobs quickly.
    CHARLENS_JUDGE_LEASE_MS: '1500',
  };
});
afterAll(async () => {
  await server?.stop();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function api(path: string, init: RequestInit = {}): Promise<any> {
  if (!server) throw new Error('no server');
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...Object.fromEntries(new Headers(init.headers)) } });
  return res.json();
}

test('SIGKILL mid-run, restart: every job finishes exactly once and no finished job is paid twice', async () => {
  server = await startCharlens(env);
  const lines = Array.from({ length: JOBS }, (_, i) => nativeLine({ external_id: `crash/${i}`, scenario: `crash-${i}` }));
  const upload = await fetch(`${server.url}/api/v1/transcripts/batch`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson' }, body: ndjson(lines) });
  expect(upload.status).toBe(200);
  const { id } = await api('/api/v1/judge/runs', { method: 'POST', body: JSON.stringify({ traits: ['pushback'], where: {}, budgetUsd: 5 }) });
  expect(typeof id).toBe('string');

  // Let part of the run finish, then kill the process without warning.
  for (;;) {
    const view = await api(`/api/v1/judge/runs/${id}`);
    if (view.counts.done >= 12) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await server.crash();
  const killedAt = Date.now();

  // What the database says was finished when the process died.
  const snapshot = await createDb(env['DATABASE_URL'] ?? '');
  const doneAtKill = new Set((await snapshot.client.execute(`SELECT key FROM judge_jobs WHERE status = 'done'`)).rows.map((r) => String(r[0])));
  snapshot.close();
  expect(doneAtKill.size).toBeGreaterThanOrEqual(12);
  expect(doneAtKill.size).toBeLessThan(JOBS);

  server = await startCharlens(env);
  let view = await api(`/api/v1/judge/runs/${id}`);
  const deadline = Date.now() + 60_000;
  while (view.status !== 'done' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    view = await api(`/api/v1/judge/runs/${id}`);
  }
  expect(view.status).toBe('done');
  expect(view.counts).toEqual({ pending: 0, done: JOBS, failed: 0, invalid: 0, cancelled: 0 });

  const db = await createDb(env['DATABASE_URL'] ?? '');
  const jobs = (await db.client.execute(`SELECT key FROM judge_jobs WHERE run_id = '${id}'`)).rows.map((r) => String(r[0]));
  const scoreCount = Number((await db.client.execute(`SELECT count(*) FROM scores WHERE judge_run_id = '${id}'`)).rows[0]?.[0]);
  db.close();
  // Exactly once: one score per job, no more.
  expect(scoreCount).toBe(JOBS);

  const paid = fake.paidRequests();
  const paidPerKey = new Map<string, number>();
  for (const p of paid) paidPerKey.set(p.jobKey ?? '', (paidPerKey.get(p.jobKey ?? '') ?? 0) + 1);
  // Every job was paid for at least once, and every paid request belongs to a job of the run.
  expect(jobs.every((k) => (paidPerKey.get(k) ?? 0) >= 1)).toBe(true);
  expect([...paidPerKey.keys()].every((k) => jobs.includes(k))).toBe(true);
  // No job that was finished at the crash was sent again afterwards.
  const paidAfterKill = paid.filter((p) => p.at > killedAt).map((p) => p.jobKey ?? '');
  expect(paidAfterKill.filter((k) => doneAtKill.has(k))).toEqual([]);
  // The only jobs paid twice are those in flight when the process died (their answers died with it).
  const paidTwice = [...paidPerKey.entries()].filter(([, n]) => n > 1).map(([k]) => k);
  expect(paidTwice.length).toBeLessThanOrEqual(CONCURRENCY);
  expect(paidTwice.every((k) => !doneAtKill.has(k))).toBe(true);
  expect(Math.max(...paidPerKey.values())).toBeLessThanOrEqual(2);
}, 120_000);
