import type { Client, InValue, Transaction } from '@libsql/client';
import { newId } from '../db/ids.ts';
import type { MessageRole } from '../db/schema/index.ts';
import { flattenContent, type MessageContent } from '../server/ingest/blocks.ts';
import { sha256 } from '../server/lib/hash.ts';
import { measureTranscript, NO_THINKING } from '../server/thinking/measure.ts';
import { benchLine } from './data.ts';

/**
 * The ceiling for ingest: the rows HTTP ingest stores for `benchLine(from…to)`, written as fast as
 * `@libsql/client` can in this process — built beforehand, then one write transaction of multi-row INSERTs
 * (hand-written SQL, not the server's insertRows), no parsing, validation or hashing while timed; same schema,
 * FTS triggers on. `writeDirect` also fills large databases fast for the read benchmarks.
 */
export interface BenchRows {
  models: InValue[][];
  scenarios: InValue[][];
  batches: InValue[][];
  transcripts: InValue[][];
  messages: InValue[][];
  tags: InValue[][];
}

const TABLES: { key: keyof BenchRows; head: string; columns: number }[] = [
  { key: 'models', head: 'INSERT INTO models (id, name, created_at)', columns: 3 },
  { key: 'scenarios', head: 'INSERT INTO scenarios (id, key, title, category, tags, created_at)', columns: 6 },
  { key: 'batches', head: 'INSERT INTO batches (id, source, format, inserted, duplicates, errors, created_by, created_at)', columns: 8 },
  {
    key: 'transcripts',
    head: 'INSERT INTO transcripts (id, model_id, scenario_id, sample_index, system_prompt, metadata, tags, source, external_id, content_hash, batch_id, message_count, input_tokens, output_tokens, created_at)',
    columns: 15,
  },
  {
    key: 'messages',
    head: 'INSERT INTO messages (transcript_id, idx, role, content, text, thinking_blocks, thinking_chars, redacted_thinking_blocks, interleaved_thinking_blocks, thinking_tokens)',
    columns: 10,
  },
  { key: 'tags', head: 'INSERT INTO transcript_tags (transcript_id, tag)', columns: 2 },
];

/** Rows per statement: about the size the server's writer uses (db/insert-rows.ts); the rate was flat from 50 to 1,000. */
const PARAMS_PER_STATEMENT = 4000;

/** The rows for transcripts `from…to` (models and scenarios that `known` lacks are new rows, and become known). */
export function benchRows(from: number, to: number, known: { models: Map<string, string>; scenarios: Map<string, string> }): BenchRows {
  const rows: BenchRows = { models: [], scenarios: [], batches: [], transcripts: [], messages: [], tags: [] };
  const now = Date.now();
  const batchId = newId();
  rows.batches.push([batchId, 'native', 'native', to - from, 0, 0, null, now]);
  for (let i = from; i < to; i++) {
    const line = benchLine(i);
    let modelId = known.models.get(line.model);
    if (!modelId) {
      modelId = newId();
      known.models.set(line.model, modelId);
      rows.models.push([modelId, line.model, now]);
    }
    let scenarioId = known.scenarios.get(line.scenario);
    if (!scenarioId) {
      scenarioId = newId();
      known.scenarios.set(line.scenario, scenarioId);
      rows.scenarios.push([scenarioId, line.scenario, null, null, '[]', now]);
    }
    const messages = line.messages.map((m): { role: MessageRole; content: MessageContent } => ({
      role: m.role,
      content: typeof m.content === 'string' ? m.content : m.content.map((b) => ({ type: 'text' as const, text: b.text })),
    }));
    const id = newId();
    const contentHash = sha256(JSON.stringify([line.model, line.scenario, line.sample, line.system, messages]));
    rows.transcripts.push([id, modelId, scenarioId, line.sample, line.system, JSON.stringify(line.metadata), JSON.stringify(line.tags), 'native', line.external_id, contentHash, batchId, messages.length, null, null, now]);
    // Thinking measured as ingest measures it: left null, the server's start would measure every row again.
    const thinking = measureTranscript(messages);
    messages.forEach((m, idx) => {
      const t = thinking[idx] ?? NO_THINKING;
      rows.messages.push([id, idx, m.role, JSON.stringify(m.content), flattenContent(m.content), t.blocks, t.chars, t.redacted, t.interleaved, t.tokens]);
    });
    for (const tag of line.tags) rows.tags.push([id, tag]);
  }
  return rows;
}

/** Writes the rows in one write transaction, table by table in multi-row statements. */
export async function writeRows(client: Client, rows: BenchRows): Promise<void> {
  const tx = await client.transaction('write');
  try {
    for (const table of TABLES) await insertAll(tx, table.head, table.columns, rows[table.key]);
    await tx.commit();
  } finally {
    tx.close();
  }
}

async function insertAll(tx: Transaction, head: string, columns: number, rows: InValue[][]): Promise<void> {
  const perStatement = Math.floor(PARAMS_PER_STATEMENT / columns);
  const one = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  const full = `${head} VALUES ${Array.from({ length: perStatement }, () => one).join(', ')}`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const slice = rows.slice(i, i + perStatement);
    const sql = slice.length === perStatement ? full : `${head} VALUES ${slice.map(() => one).join(', ')}`;
    await tx.execute({ sql, args: slice.flat() });
  }
}

/** Transcripts per transaction when filling a database: memory stays flat at any size. */
const FILL_SLICE = 5000;

/** Fills a database (migrated, with no bench transcripts yet) with transcripts `from…to`. */
export async function writeDirect(client: Client, from: number, to: number): Promise<void> {
  const known = { models: new Map<string, string>(), scenarios: new Map<string, string>() };
  for (const row of (await client.execute('SELECT name, id FROM models')).rows) known.models.set(String(row[0]), String(row[1]));
  // Transcripts four apart share a scenario, so only the first may have one stored by an earlier call.
  const first = benchLine(from).scenario;
  const stored = await client.execute({ sql: 'SELECT id FROM scenarios WHERE key = ?', args: [first] });
  if (stored.rows[0]) known.scenarios.set(first, String(stored.rows[0][0]));
  for (let start = from; start < to; start += FILL_SLICE) await writeRows(client, benchRows(start, Math.min(to, start + FILL_SLICE), known));
}
