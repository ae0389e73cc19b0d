import type { TestApp } from '../helpers/app.ts';

/**
 * The consistency check: the rows an upload writes are what its 2xx answer says it wrote, and a refused
 * request writes nothing. The five counted tables are compared with the answers (`inserted`, `scores`,
 * `comparisons`, `batchId`); the tables an upload also touches (models, scenarios, tags, traits, trait
 * values) may only change when an upload succeeded; messages must match the transcripts' message counts.
 */

export const countedTables = ['transcripts', 'messages', 'scores', 'comparisons', 'batches'] as const;
export const sideTables = ['models', 'scenarios', 'transcript_tags', 'traits', 'trait_values'] as const;
type Table = (typeof countedTables)[number] | (typeof sideTables)[number];

export type Counts = Record<Table, number> & { messageCountSum: number };

export async function readCounts(t: TestApp): Promise<Counts> {
  const tables = [...countedTables, ...sideTables];
  const values = await Promise.all(tables.map((table) => t.count(table)));
  const sum = await t.database.client.execute('SELECT coalesce(sum(message_count), 0) AS n FROM transcripts');
  const counts: Partial<Record<Table, number>> = {};
  tables.forEach((table, i) => (counts[table] = values[i] ?? Number.NaN));
  return { transcripts: 0, messages: 0, scores: 0, comparisons: 0, batches: 0, models: 0, scenarios: 0, transcript_tags: 0, traits: 0, trait_values: 0, ...counts, messageCountSum: Number(sum.rows[0]?.['n']) };
}

/** What a 2xx answer says it wrote, read from the batch, import and demo response shapes. */
export interface Written {
  transcripts: number;
  scores: number;
  comparisons: number;
  batches: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

export function writtenBy(body: unknown): Written {
  if (!isRecord(body)) return { transcripts: 0, scores: 0, comparisons: 0, batches: 0 };
  const batches = typeof body['batchId'] === 'string' ? 1 : 0;
  // A batch (and the demo load) says `inserted`; an import says `transcripts.inserted` and `comparisons`.
  const transcripts = isRecord(body['transcripts']) ? num(body['transcripts']['inserted']) : num(body['inserted']);
  return { transcripts, scores: num(body['scores']), comparisons: num(body['comparisons']), batches };
}

/** The differences between what the tables did and what the answer allowed; empty when consistent. */
export function inconsistencies(before: Counts, after: Counts, status: number | null, written: Written): string[] {
  const problems: string[] = [];
  const ok = status !== null && status >= 200 && status < 300;
  const allowed: Record<(typeof countedTables)[number], number | null> = {
    transcripts: ok ? written.transcripts : 0,
    scores: ok ? written.scores : 0,
    comparisons: ok ? written.comparisons : 0,
    batches: ok ? written.batches : 0,
    // Messages are checked against the transcripts' own counts below.
    messages: ok ? null : 0,
  };
  for (const table of countedTables) {
    const delta = after[table] - before[table];
    const expected = allowed[table];
    if (expected !== null && delta !== expected) problems.push(`${table} ${delta >= 0 ? '+' : ''}${delta} (the answer said ${expected >= 0 ? '+' : ''}${expected})`);
  }
  if (after.messages !== after.messageCountSum) problems.push(`messages: ${after.messages} rows but the transcripts count ${after.messageCountSum}`);
  if (!ok || (written.transcripts === 0 && written.comparisons === 0)) {
    for (const table of sideTables) {
      const delta = after[table] - before[table];
      if (delta !== 0) problems.push(`${table} ${delta >= 0 ? '+' : ''}${delta} though nothing was written`);
    }
  }
  return problems;
}
