import { eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx, WriteDb } from '../../db/client.ts';
import { appMeta, scores, traitValues, transcripts } from '../../db/schema/index.ts';
import { AGGREGATION_RULE_VERSION, transcriptTraitValue, type ScoreRowForValue } from './rule.ts';

export interface TraitKey {
  transcriptId: string;
  traitId: string;
}

/** The score rows of one transcript that the rule reads, with the transcript's model and scenario. */
export interface ScoreRowWithTranscript extends ScoreRowForValue {
  transcriptId: string;
  traitId: string;
  modelId: string;
  scenarioId: string;
}

const KEYS_PER_QUERY = 200;
const ROWS_PER_INSERT = 500;

/** The trait_values rows for the given score rows (which must be all the rows of their transcript and trait). */
export function traitValueRows(rows: readonly ScoreRowWithTranscript[]): (typeof traitValues.$inferInsert)[] {
  const groups = new Map<string, ScoreRowWithTranscript[]>();
  for (const row of rows) {
    const key = `${row.transcriptId}\u0000${row.traitId}\u0000${row.source}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const out: (typeof traitValues.$inferInsert)[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const v = transcriptTraitValue(first.source, group);
    out.push({ transcriptId: first.transcriptId, traitId: first.traitId, modelId: first.modelId, scenarioId: first.scenarioId, ...v });
  }
  return out;
}

/** Writes trait_values rows for keys whose old rows were removed (or never existed). */
async function insertTraitValues(tx: Tx | WriteDb, rows: (typeof traitValues.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await tx.insert(traitValues).values(rows.slice(i, i + ROWS_PER_INSERT));
}

/**
 * Recomputes the trait values of these (transcript, trait) pairs from their scores, inside the caller's
 * write transaction, so a score and the value it changes are written together.
 */
export async function refreshTraitValues(tx: Tx | WriteDb, keys: readonly TraitKey[]): Promise<void> {
  const unique = [...new Map(keys.map((k) => [`${k.transcriptId}\u0000${k.traitId}`, k])).values()];
  for (let i = 0; i < unique.length; i += KEYS_PER_QUERY) {
    const slice = unique.slice(i, i + KEYS_PER_QUERY);
    const pairs = sql.join(
      slice.map((k) => sql`(${k.transcriptId}, ${k.traitId})`),
      sql`, `,
    );
    const rows = await tx
      .select(scoreColumns)
      .from(scores)
      .innerJoin(transcripts, eq(transcripts.id, scores.transcriptId))
      .where(sql`(${scores.transcriptId}, ${scores.traitId}) IN (VALUES ${pairs})`);
    await tx.delete(traitValues).where(sql`(${traitValues.transcriptId}, ${traitValues.traitId}) IN (VALUES ${pairs})`);
    await insertTraitValues(tx, traitValueRows(rows));
  }
}

const scoreColumns = {
  id: scores.id,
  transcriptId: scores.transcriptId,
  traitId: scores.traitId,
  modelId: transcripts.modelId,
  scenarioId: transcripts.scenarioId,
  source: scores.source,
  status: scores.status,
  value: scores.value,
  category: scores.category,
  turnStart: scores.turnStart,
  turnEnd: scores.turnEnd,
  sampleIndex: scores.sampleIndex,
  labeler: scores.labeler,
  supersedes: scores.supersedes,
  adjudicated: scores.adjudicated,
};

const RULE_KEY = 'aggregation_rule_version';

/**
 * Builds trait_values from every score when the table was made by another version of the rule (or never):
 * after the migration that adds it, and whenever rule.ts changes its version. Transcript by transcript in
 * chunks, in one write transaction.
 */
export async function ensureTraitValues(database: Database): Promise<{ rebuilt: boolean; transcripts: number }> {
  const [meta] = await database.db.select().from(appMeta).where(eq(appMeta.key, RULE_KEY));
  if (meta?.value === String(AGGREGATION_RULE_VERSION)) return { rebuilt: false, transcripts: 0 };
  return database.write((db) =>
    db.transaction(async (tx) => {
      await tx.delete(traitValues);
      let count = 0;
      let after = '';
      for (;;) {
        const ids = await tx
          .selectDistinct({ id: scores.transcriptId })
          .from(scores)
          .where(sql`${scores.transcriptId} > ${after}`)
          .orderBy(scores.transcriptId)
          .limit(KEYS_PER_QUERY);
        if (!ids.length) break;
        const rows = await tx
          .select(scoreColumns)
          .from(scores)
          .innerJoin(transcripts, eq(transcripts.id, scores.transcriptId))
          .where(inArray(scores.transcriptId, ids.map((r) => r.id)));
        await insertTraitValues(tx, traitValueRows(rows));
        count += ids.length;
        after = ids.at(-1)?.id ?? after;
      }
      await tx
        .insert(appMeta)
        .values({ key: RULE_KEY, value: String(AGGREGATION_RULE_VERSION) })
        .onConflictDoUpdate({ target: appMeta.key, set: { value: String(AGGREGATION_RULE_VERSION) } });
      return { rebuilt: true, transcripts: count };
    }),
  );
}

