import type { InStatement, InValue } from '@libsql/client';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import { ensureTraitValues } from '../server/aggregate/refresh.ts';
import { benchScores, COMMON_TERM, RARE_EVERY, RARE_TERM, readPlace, STATS_MODELS, STATS_TRAIT } from './data.ts';
import type { BenchRow } from './judge.ts';
import { ms } from './read.ts';
import { BENCH_TOKEN, startBenchServer } from './server.ts';
import { timeRequests } from './stats.ts';

const log = (s: string) => process.stderr.write(`${s}\n`);

/** BENCH_MILLION_TRANSCRIPTS lowers it for a quick check of the bench itself. */
const TRANSCRIPTS = Number(process.env['BENCH_MILLION_TRANSCRIPTS'] ?? '1000000');
/** Ten transcripts per scenario, as in the read database. */
const SCENARIOS = Math.max(1, Math.round(TRANSCRIPTS / 10));
const MESSAGES = 4;
/** Transcripts per write transaction while filling. */
const CHUNK = 10_000;
const WORDS = 'model user claim evidence answer question reason moon rock science history careful honest warm kind wrong right data source study'.split(' ');

/**
 * BENCH_SCALE=10: one million transcripts, written straight into the database in transactions of multi-row
 * INSERTs (HTTP ingest of a million would take most of an hour), with the same models, scenarios, search
 * terms and imported ratings as the read database, four short messages each; trait values are then built by
 * the server's own rule (ensureTraitValues). Then the reads a person makes, timed against the bundled server.
 */
export async function millionBench(dir: string): Promise<BenchRow[]> {
  const file = join(dir, `million-${TRANSCRIPTS}.db`);
  const url = `file:${file}`;
  // BENCH_DIR keeps the filled file: a later run reads it again instead of filling.
  const reuse = process.env['BENCH_DIR'] !== undefined && existsSync(file);
  let filled = { writeSeconds: 0, traitValueSeconds: 0 };
  const start = performance.now();
  if (reuse) log(`million: reusing ${file}`);
  else {
    // The server makes the schema, the admin and token, and the rubric traits (pushback among them).
    await (await startBenchServer(url)).stop();
    filled = await fill(url);
  }
  const fillSeconds = (performance.now() - start) / 1000;
  if (!reuse) log(`million: filled in ${fillSeconds.toFixed(0)} s`);

  const server = await startBenchServer(url);
  try {
    const headers = { authorization: `Bearer ${BENCH_TOKEN}` };
    const fetchOk = async (path: string) => {
      const res = await fetch(`${server.url}${path}`, { headers });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res;
    };
    const get = (path: string | (() => string)) => async () => {
      await (await fetchOk(typeof path === 'string' ? path : path())).arrayBuffer();
    };
    // Ids to read come from the server's own pages: deep in the list, and spread over it.
    const database = await createDb(url, { readWorkers: 0 });
    const deep = Math.floor(TRANSCRIPTS / 2);
    const deepCursor = String((await database.client.execute({ sql: 'SELECT id FROM transcripts ORDER BY id DESC LIMIT 1 OFFSET ?', args: [deep - 1] })).rows[0]?.[0]);
    const spread = (await database.client.execute('SELECT id, scenario_id FROM transcripts WHERE rowid % 4999 = 0')).rows.map((r) => ({ id: String(r[0]), scenario: String(r[1]) }));
    await database.close();
    let n = 0;
    const pick = () => spread[n++ % spread.length] ?? { id: '', scenario: '' };
    const label = `${TRANSCRIPTS.toLocaleString('en')} transcripts`;
    const rows: BenchRow[] = [
      {
        benchmark: `fill ${label}, ${(TRANSCRIPTS * MESSAGES).toLocaleString('en')} messages (FTS triggers on), then trait values`,
        result: reuse ? 'reused from BENCH_DIR' : `${fillSeconds.toFixed(0)} s (rows ${filled.writeSeconds.toFixed(0)} s, trait values ${filled.traitValueSeconds.toFixed(0)} s)`,
        target: 'reported',
      },
    ];
    const time = async (benchmark: string, target: string, runs: number, path: string | (() => string)) => {
      log(`million: ${benchmark}…`);
      rows.push({ benchmark: `${benchmark}, ${label}`, result: ms(await timeRequests(runs, get(path))), target });
    };
    await time('list, model filter', 'p95 < 10 ms', 200, `/api/v1/transcripts?model=${STATS_MODELS[1]}&limit=50`);
    await time(`list, keyset page ${(deep / 50 + 1).toLocaleString('en')} (after ${deep.toLocaleString('en')} transcripts)`, 'p95 < 20 ms', 200, `/api/v1/transcripts?limit=50&cursor=${deepCursor}`);
    await time('list, model and tag filters', 'reported', 100, `/api/v1/transcripts?model=${STATS_MODELS[2]}&tag=warmth&limit=50`);
    await time(`list, model filter and ${STATS_TRAIT} value ≥ 4`, 'reported', 100, `/api/v1/transcripts?model=${STATS_MODELS[0]}&trait=${STATS_TRAIT}&min=4&limit=50`);
    await time(`search rare term (1 in ${RARE_EVERY.toLocaleString('en')})`, 'reported', 100, `/api/v1/transcripts?q=${RARE_TERM}`);
    await time('search common term (in 50%)', 'reported', 100, `/api/v1/transcripts?q=${COMMON_TERM}`);
    await time('transcript detail', 'p95 < 20 ms', 200, () => `/api/v1/transcripts/${pick().id}`);
    await time('scenario view (its transcripts across models)', 'reported', 200, () => `/api/v1/scenarios/${pick().scenario}`);
    // A new seed per request: the stats routes keep answers per query (queries/memo.ts); the work is what is timed.
    let seed = 1;
    await time('stats trait summary, 3 models, 2,000 resamples', 'reported', 5, () => `/api/v1/stats/traits?trait=${STATS_TRAIT}&seed=${seed++}`);
    await time('stats paired compare a vs b, 2,000 resamples', 'reported', 5, () => `/api/v1/stats/compare?trait=${STATS_TRAIT}&a=${STATS_MODELS[0]}&b=${STATS_MODELS[1]}&seed=${seed++}`);
    return rows.map((r) => ({ ...r, benchmark: `${r.benchmark} (filled directly, ${MESSAGES} short messages each)` }));
  } finally {
    await server.stop();
  }
}

/** Writes the million transcripts, their messages, tags and ratings, then builds their trait values. */
async function fill(url: string): Promise<{ writeSeconds: number; traitValueSeconds: number }> {
  const database = await createDb(url, { readWorkers: 0 });
  try {
    const { client } = database;
    const now = Date.now();
    const modelIds = STATS_MODELS.map(() => newId());
    const trait = (await client.execute({ sql: 'SELECT id FROM traits WHERE slug = ?', args: [STATS_TRAIT] })).rows[0]?.[0];
    if (typeof trait !== 'string') throw new Error(`million: no trait ${STATS_TRAIT}`);
    const scenarioIds = Array.from({ length: SCENARIOS }, () => newId());
    const head: InStatement[] = [
      ...inserts('models', ['id', 'name', 'created_at'], STATS_MODELS.map((name, m) => [modelIds[m] ?? '', name, now])),
      ...inserts('scenarios', ['id', 'key', 'tags', 'created_at'], scenarioIds.map((id, s) => [id, `bench-${s}`, '[]', now])),
    ];
    const start = performance.now();
    await client.batch(head, 'write');
    for (let from = 0; from < TRANSCRIPTS; from += CHUNK) {
      const transcripts: InValue[][] = [];
      const messages: InValue[][] = [];
      const tags: InValue[][] = [];
      const scores: InValue[][] = [];
      for (let i = from; i < Math.min(TRANSCRIPTS, from + CHUNK); i++) {
        const id = newId();
        const place = readPlace(i, SCENARIOS);
        const tag = i % 2 ? 'pushback' : 'warmth';
        transcripts.push([id, modelIds[place.model] ?? '', scenarioIds[place.scenario] ?? '', place.sample, 'You are a helpful assistant.', '{}', JSON.stringify([tag]), 'native', `million/${i}`, 'x', MESSAGES, now]);
        for (let m = 0; m < MESSAGES; m++) {
          const text = messageText(i, m);
          // thinking_blocks 0: measured (plain text has none), so the server's start does not backfill them.
          messages.push([id, m, m % 2 ? 'assistant' : 'user', JSON.stringify(text), text, 0]);
        }
        tags.push([id, tag]);
        for (const s of benchScores(i, SCENARIOS, 1)) scores.push([newId(), id, trait, 'import', 'valid', s.value, '[]', s.sample, 0, now]);
      }
      await client.batch(
        [
          ...inserts('transcripts', ['id', 'model_id', 'scenario_id', 'sample_index', 'system_prompt', 'metadata', 'tags', 'source', 'external_id', 'content_hash', 'message_count', 'created_at'], transcripts),
          ...inserts('messages', ['transcript_id', 'idx', 'role', 'content', 'text', 'thinking_blocks'], messages),
          ...inserts('transcript_tags', ['transcript_id', 'tag'], tags),
          ...inserts('scores', ['id', 'transcript_id', 'trait_id', 'source', 'status', 'value', 'evidence', 'sample_index', 'adjudicated', 'created_at'], scores),
        ],
        'write',
      );
      if ((from / CHUNK) % 10 === 9) log(`million: ${from + CHUNK} transcripts written`);
    }
    const written = performance.now();
    // Trait values by the server's rule, as a rule change would rebuild them.
    await client.execute("DELETE FROM app_meta WHERE key = 'aggregation_rule_version'");
    const built = await ensureTraitValues(database);
    log(`million: trait values of ${built.transcripts} transcripts`);
    return { writeSeconds: (written - start) / 1000, traitValueSeconds: (performance.now() - written) / 1000 };
  } finally {
    await database.close();
  }
}

/** A short message with the read database's search terms: the rare one once in RARE_EVERY, the common one in half. */
function messageText(i: number, m: number): string {
  const words = Array.from({ length: 12 }, (_, w) => WORDS[(i * 7 + m * 13 + w * 5) % WORDS.length]).join(' ');
  const rare = m === 1 && i % RARE_EVERY === 0 ? ` ${RARE_TERM}` : '';
  const common = m === 3 && i % 2 === 0 ? ` ${COMMON_TERM}` : '';
  return `Turn ${m} of ${i}: ${words}${rare}${common}`;
}

/** Multi-row INSERTs of `rows`, as many rows per statement as SQLite's 32,766 bound values allow (or 1,000). */
function inserts(table: string, columns: string[], rows: InValue[][]): InStatement[] {
  const perStatement = Math.min(1000, Math.floor(32_766 / columns.length));
  const out: InStatement[] = [];
  for (let at = 0; at < rows.length; at += perStatement) {
    const slice = rows.slice(at, at + perStatement);
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    out.push({ sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${slice.map(() => tuple).join(', ')}`, args: slice.flat() });
  }
  return out;
}

/** `BENCH_SCALE=10 npm run bench`: this bench alone, in a temp folder, printed as the bench table. */
export async function runMillionMode(): Promise<number> {
  const keptDir = process.env['BENCH_DIR'];
  const dir = keptDir ?? mkdtempSync(join(tmpdir(), 'charlens-million-'));
  try {
    const rows = await millionBench(dir);
    const widths = [0, 1, 2].map((c) => Math.max(...[['benchmark', 'result', 'target'], ...rows.map((r) => [r.benchmark, r.result, r.target])].map((r) => (r[c] ?? '').length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    console.log(line(['benchmark', 'result', 'target']));
    console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
    for (const r of rows) console.log(line([r.benchmark, r.result, r.target]));
    return 0;
  } finally {
    if (!keptDir) rmSync(dir, { recursive: true, force: true });
  }
}
