import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scores, traits, type ScoreSource } from '../../db/schema/index.ts';

/** What a list shows of a transcript's scores on one trait from one source. */
export interface ScoreSummary {
  trait: string;
  source: ScoreSource;
  /** The latest whole-transcript value; without one, the mean over turn-range scores (e.g. Spiral-Bench chunks). */
  value: number | null;
  category: string | null;
  /** How many scores the summary stands for. */
  n: number;
}

export interface ScoreRow {
  transcriptId: string;
  trait: string;
  source: ScoreSource;
  value: number | null;
  category: string | null;
  turnStart: number | null;
  id: string;
}

/** Pure: groups valid score rows by transcript, then trait and source. Row ids sort by creation time. */
export function summarizeScores(rows: ScoreRow[]): Map<string, ScoreSummary[]> {
  const groups = new Map<string, ScoreRow[]>();
  for (const row of rows) {
    const key = `${row.transcriptId}\u0000${row.trait}\u0000${row.source}`;
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  const out = new Map<string, ScoreSummary[]>();
  for (const list of groups.values()) {
    const first = list[0];
    if (!first) continue;
    const whole = list.filter((r) => r.turnStart === null).sort((a, b) => (a.id < b.id ? -1 : 1));
    let value: number | null;
    let category: string | null;
    if (whole.length) {
      const latest = whole.at(-1);
      value = latest?.value ?? null;
      category = latest?.category ?? null;
    } else {
      const values = list.map((r) => r.value).filter((v): v is number => v !== null);
      value = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
      category = null;
    }
    const summary: ScoreSummary = { trait: first.trait, source: first.source, value, category, n: list.length };
    const existing = out.get(first.transcriptId);
    if (existing) existing.push(summary);
    else out.set(first.transcriptId, [summary]);
  }
  for (const list of out.values()) list.sort((a, b) => (a.trait === b.trait ? a.source.localeCompare(b.source) : a.trait.localeCompare(b.trait)));
  return out;
}

/** Valid, not superseded scores of the given transcripts, summarized. */
export async function scoreSummaries(db: Db, transcriptIds: string[]): Promise<Map<string, ScoreSummary[]>> {
  if (!transcriptIds.length) return new Map();
  const rows = await db
    .select({
      transcriptId: scores.transcriptId,
      trait: traits.slug,
      source: scores.source,
      value: scores.value,
      category: scores.category,
      turnStart: scores.turnStart,
      id: scores.id,
    })
    .from(scores)
    .innerJoin(traits, eq(traits.id, scores.traitId))
    .where(
      and(
        inArray(scores.transcriptId, transcriptIds),
        eq(scores.status, 'valid'),
        sql`${scores.id} NOT IN (SELECT supersedes FROM scores WHERE supersedes IS NOT NULL AND transcript_id = ${scores.transcriptId})`,
      ),
    );
  return summarizeScores(rows);
}
