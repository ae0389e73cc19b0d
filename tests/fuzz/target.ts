import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defaultLimits, type Limits } from '../../server/env.ts';
import { DEFAULT_PRICES } from '../../server/judge/prices.ts';
import { syncRubrics } from '../../server/judge/rubrics.ts';
import { defaultRubricsDir } from '../../server/judge/setup.ts';
import { defaultJudgeConfig } from '../../server/judge/worker.ts';
import type { Logger } from '../../server/lib/logger.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { repoRoot } from '../helpers/server.ts';
import type { FixtureFile, FuzzContext } from './gen/context.ts';

/**
 * The app under fuzz: createTestApp with limits small enough that every limit is within a cheap request's
 * reach, the shipped rubrics loaded (so judge estimates run their selection query; no API client, so no run
 * can start and nothing is paid), a logger that keeps every error it is told about, and seed data (the demo
 * set and an import of each fixture) so that reads have something to read.
 */

export const fuzzLimits: Limits = {
  ...defaultLimits,
  maxBodyBytes: 8 * 1024 * 1024,
  maxLineBytes: 2 * 1024 * 1024,
  maxMessagesPerTranscript: 2000,
  maxArchiveEntries: 200,
  maxImportFiles: 20,
};

export interface LoggedError {
  event: string;
  fields: Record<string, unknown>;
}

export interface FuzzTarget {
  t: TestApp;
  context: FuzzContext;
  /** Errors logged since the last call, oldest first. */
  takeErrors: () => LoggedError[];
  close: () => void;
}

export const fixtureDir = join(repoRoot, 'tests/fixtures/import');

export function loadFixtures(dir = fixtureDir): FixtureFile[] {
  const out: FixtureFile[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at).sort()) {
      const path = join(at, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry !== 'README.md') out.push({ name: relative(dir, path).split('\\').join('/'), bytes: new Uint8Array(readFileSync(path)) });
    }
  };
  walk(dir);
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(body: unknown, list: string, field: string): string[] {
  if (!isRecord(body) || !Array.isArray(body[list])) return [];
  return body[list].flatMap((item: unknown) => (isRecord(item) && typeof item[field] === 'string' ? [item[field]] : []));
}

async function json(t: TestApp, path: string, init: RequestInit = {}): Promise<unknown> {
  const res = await t.request(path, init);
  if (res.status >= 300) throw new Error(`fuzz seed: ${init.method ?? 'GET'} ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Real ids and names from the seeded database, so that generated requests also reach found records. */
export async function knownData(t: TestApp): Promise<FuzzContext['known']> {
  const list = await json(t, '/api/v1/transcripts?limit=100');
  const scenarios = await json(t, '/api/v1/scenarios?limit=100');
  const models = await json(t, '/api/v1/models');
  const traits = await json(t, '/api/v1/traits');
  const external = await t.database.client.execute("SELECT external_id FROM transcripts WHERE source = 'native' LIMIT 50");
  const tokens = await json(t, '/api/v1/tokens');
  return {
    transcriptIds: strings(list, 'items', 'id'),
    scenarioKeys: strings(scenarios, 'items', 'key'),
    externalIds: external.rows.map((r) => String(r['external_id'])),
    models: strings(models, 'items', 'name'),
    traits: strings(traits, 'items', 'slug'),
    // Never the admin's own token (named `test` by createTestApp): revoking it would turn every later case into a 401.
    tokenIds: isRecord(tokens) && Array.isArray(tokens['items'])
      ? tokens['items'].flatMap((item: unknown) => (isRecord(item) && typeof item['id'] === 'string' && item['name'] !== 'test' ? [item['id']] : []))
      : [],
  };
}

export async function createFuzzTarget(options: { limits?: Partial<Limits> } = {}): Promise<FuzzTarget> {
  let errors: LoggedError[] = [];
  const logger: Logger = {
    info: () => undefined,
    warn: () => undefined,
    error: (event, fields = {}) => errors.push({ event, fields }),
  };
  const limits = { ...fuzzLimits, ...options.limits };
  const t = await createTestApp({
    limits,
    logger,
    judge: async (database) => {
      const synced = await syncRubrics(database, defaultRubricsDir);
      return { config: { ...defaultJudgeConfig, prices: { ...DEFAULT_PRICES } }, client: null, rubrics: new Map(synced.map((r) => [r.slug, r])), worker: null };
    },
  });
  const fixtures = loadFixtures();
  await json(t, '/api/v1/demo', { method: 'POST' });
  for (const file of fixtures.filter((f) => !f.name.startsWith('mtbench/'))) {
    const data = new FormData();
    data.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
    if (file.name.includes('openai') || file.name.includes('anthropic') || file.name.includes('hh-rlhf')) data.append('model', 'fuzz-seed-model');
    await json(t, '/api/v1/imports', { method: 'POST', body: data });
  }
  await json(t, '/api/v1/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'fuzz-spare', scopes: ['read'] }) });
  const openapi = await json(t, '/api/v1/openapi.json');
  const context: FuzzContext = { openapi, limits, fixtures, known: await knownData(t) };
  errors = [];
  return {
    t,
    context,
    takeErrors: () => {
      const taken = errors;
      errors = [];
      return taken;
    },
    close: () => t.cleanup(),
  };
}
