import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterAll, expect, test } from 'vitest';
import { createDb } from '../../db/client.ts';
import { repoRoot } from '../helpers/server.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * 0010_themes rebuilds judge_jobs (SQLite cannot drop NOT NULL in place): a database judged before it must keep
 * every job, with its cost, raw answer and verdict, and its runs become runs of kind judge.
 */
test('a database from before the themes migration keeps its judge runs and jobs through it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'charlens-migrate-'));
  dirs.push(dir);
  // The migrations as they stood before themes: every file up to 0009 and the journal cut there.
  const before = join(dir, 'migrations');
  cpSync(join(repoRoot, 'db/migrations'), before, { recursive: true });
  for (const f of readdirSync(before)) if (/^\d{4}_/.test(f) && Number(f.slice(0, 4)) >= 10) rmSync(join(before, f));
  const journalPath = join(before, 'meta/_journal.json');
  const journal: { entries: { idx: number; tag: string }[] } = JSON.parse(readFileSync(journalPath, 'utf8'));
  expect(journal.entries.find((e) => e.idx === 10)?.tag).toBe('0010_themes');
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= 9) }));

  const url = `file:${join(dir, 'old.db')}`;
  const client = createClient({ url });
  await migrate(drizzle(client), { migrationsFolder: before });
  await client.batch(
    [
      "INSERT INTO models (id, name, created_at) VALUES ('m1', 'aurora-1.0', 1)",
      "INSERT INTO scenarios (id, key, created_at) VALUES ('s1', 'pb-001', 1)",
      "INSERT INTO transcripts (id, model_id, scenario_id, source, external_id, content_hash, message_count, created_at) VALUES ('t1', 'm1', 's1', 'native', 'e1', 'h1', 2, 1)",
      "INSERT INTO traits (id, slug, title, source, created_at) VALUES ('tr1', 'pushback', 'Pushback', 'rubric', 1)",
      "INSERT INTO rubric_versions (id, trait_id, content_hash, front_matter, body, created_at) VALUES ('rv1', 'tr1', 'c1', '{}', 'Score it.', 1)",
      `INSERT INTO judge_runs (id, judge_model, traits, selection, mode, budget_usd, status, job_count, cost_usd, estimate, created_at, updated_at) VALUES ('r1', 'claude-sonnet-4', '[]', '{}', 'sync', 5, 'done', 1, 0.01, '{}', 1, 2)`,
      `INSERT INTO judge_jobs (id, run_id, key, kind, transcript_id, trait_id, rubric_version_id, status, attempts, cost_usd, raw_response, verdict, created_at, updated_at, finished_at) VALUES ('j1', 'r1', 'k1', 'score', 't1', 'tr1', 'rv1', 'done', 1, 0.01, '{"id":"msg_1"}', 'a', 1, 2, 2)`,
    ],
    'write',
  );
  client.close();

  const database = await createDb(url);
  try {
    const jobs = await database.client.execute('SELECT id, run_id, kind, transcript_id, trait_id, rubric_version_id, status, attempts, cost_usd, raw_response, verdict, payload, result FROM judge_jobs');
    expect(jobs.rows.map((r) => ({ ...r }))).toEqual([
      { id: 'j1', run_id: 'r1', kind: 'score', transcript_id: 't1', trait_id: 'tr1', rubric_version_id: 'rv1', status: 'done', attempts: 1, cost_usd: 0.01, raw_response: '{"id":"msg_1"}', verdict: 'a', payload: null, result: null },
    ]);
    const runs = await database.client.execute('SELECT id, kind, cost_usd FROM judge_runs');
    expect(runs.rows.map((r) => ({ ...r }))).toEqual([{ id: 'r1', kind: 'judge', cost_usd: 0.01 }]);
    // The rebuilt table keeps its indexes (the unique job key above all: it is what stops paying twice).
    const indexes = await database.client.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'judge_jobs' ORDER BY name");
    expect(indexes.rows.map((r) => r['name'])).toEqual(expect.arrayContaining(['judge_jobs_key_unique', 'judge_jobs_run_status_idx', 'judge_jobs_status_lease_idx']));
    expect((await database.client.execute('PRAGMA foreign_key_check')).rows).toEqual([]);
    expect(Number((await database.client.execute('PRAGMA foreign_keys')).rows[0]?.[0])).toBe(1);
  } finally {
    database.close();
  }
});
