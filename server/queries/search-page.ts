import { and, eq, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { models, scenarios, transcripts } from '../../db/schema/index.ts';

/** A transcript that a search matched, with its first matching message. */
export interface SearchHit {
  transcriptId: string;
  messageId: number;
  messageIndex: number;
}

/** When a term counts as rare, and how far a walk for a common one goes before it reads every hit instead. */
export interface SearchPlan {
  /** A term with at most this many matching messages is rare: all its hits are read at once. */
  rareHits: number;
  /** The first walk step reads this many times the page size of transcripts; each next step four times more. */
  firstStepPages: number;
  /** No walk step reads more transcripts than this: one statement holds one reader for a bounded time. */
  maxStep: number;
  /**
   * After this many transcripts without a full page, the matches are sparse among the newest: every hit is read
   * at once if there are at most `sparseHits` of them, else the walk goes on.
   */
  walkLimit: number;
  sparseHits: number;
  /** The walk's end: after this many transcripts every hit is read, however many. */
  walkMax: number;
}

/**
 * Measured at 100,000 transcripts (1,000,000 messages): reading 2,000 hits with their transcripts takes a few
 * milliseconds, and at the density 2,000 hits guarantee a walk fills a page of 50 within a few steps. Reading
 * every hit of a term in half of them took seconds per search under mixed load (bench/mixed.ts: uploads of
 * transcripts without the term put 20,000 of them in front of its hits), while a walk step of 4,096
 * transcripts is bounded; so past 20,000 the walk goes on unless the hits are few (20,000), up to 200,000.
 */
export const defaultSearchPlan: SearchPlan = { rareHits: 2000, firstStepPages: 2, maxStep: 4096, walkLimit: 20_000, sparseHits: 20_000, walkMax: 200_000 };

const hitsSchema = z.array(z.tuple([z.string(), z.number(), z.number()]));

/**
 * A keyset page of the transcripts whose messages match the FTS5 query `match` (and `conditions`, the list's
 * other filters), newest first like the list, with the first matching message of each.
 *
 * Reading every hit costs as much as the term is common: a term in half of 100,000 transcripts meant ordering
 * and joining half a million hits for one page of 50. So a rare term (at most `rareHits` matching messages,
 * counted with a LIMIT, so counting stops there) is answered from all its hits; a common one by walking the
 * transcripts newest first in growing steps, each step one range query on the FTS index over the messages of
 * that step's transcripts, stopping once the page is full, or once the walk is long and the hits behind it are
 * few enough to read at once (SearchPlan). (A transcript's messages are written together, so
 * their rowids are close; the range is a bound that only costs time when they are not, never correctness.)
 * No BM25 here: bm25() counts every row holding each term before it ranks one (68 ms for a term in every
 * message of 1,000,000), which is the scan this avoids; a transcript shows its first matching message.
 */
export async function searchPage(
  db: Db,
  options: { match: string; conditions: SQL[]; cursor: string | undefined; limit: number },
  plan: SearchPlan = defaultSearchPlan,
): Promise<{ hits: SearchHit[]; more: boolean }> {
  const want = options.limit + 1;
  const filter = (after: string | undefined) => and(...options.conditions, after === undefined ? undefined : lt(transcripts.id, after)) ?? sql`1`;
  const page = (hits: SearchHit[]) => ({ hits: hits.slice(0, options.limit), more: hits.length > options.limit });

  const rare = await everyHit(db, options.match, filter(options.cursor), want, plan.rareHits);
  if (rare) return page(rare);

  const found: SearchHit[] = [];
  let after = options.cursor;
  let walked = 0;
  let step = Math.min(plan.maxStep, plan.firstStepPages * want);
  let counted = false;
  while (found.length < want) {
    if (walked >= plan.walkMax || (walked >= plan.walkLimit && !counted)) {
      counted = true;
      const rest = await everyHit(db, options.match, filter(after), want - found.length, walked >= plan.walkMax ? null : plan.sparseHits);
      if (rest) {
        found.push(...rest);
        break;
      }
    }
    const size = Math.min(step, (walked < plan.walkLimit ? plan.walkLimit : plan.walkMax) - walked);
    const chunk = await hitsInStep(db, options.match, filter(after), size);
    found.push(...chunk.hits);
    if (chunk.transcripts < size || chunk.last === null) break;
    after = chunk.last;
    walked += chunk.transcripts;
    step = Math.min(plan.maxStep, step * 4);
  }
  return page(found.slice(0, want));
}

/** Joined to transcripts as the list's filters expect. */
const modelsAndScenarios = sql`JOIN ${models} ON ${eq(models.id, transcripts.modelId)} JOIN ${scenarios} ON ${eq(scenarios.id, transcripts.scenarioId)}`;

/**
 * The newest `want` matching transcripts from every hit of `match`; null when there are more than `cap` hits
 * (counted in the index alone, with a LIMIT, so a common term costs at most `cap` index entries here).
 */
async function everyHit(db: Db, match: string, where: SQL, want: number, cap: number | null): Promise<SearchHit[] | null> {
  const [row] = await db.values<[hitCount: number | null, hits: string]>(sql`
    WITH counted AS MATERIALIZED (
      SELECT ${cap === null ? sql`NULL` : sql`(SELECT count(*) FROM (SELECT 1 FROM messages_fts WHERE messages_fts MATCH ${match} LIMIT ${cap + 1}))`} AS hits
    ),
    hit AS MATERIALIZED (
      -- CROSS JOIN keeps counted the outer loop (SQLite does not reorder it), so too many hits skip this scan.
      SELECT m.transcript_id AS tid, m.id AS mid, m.idx AS idx FROM counted CROSS JOIN messages_fts JOIN messages m ON m.id = messages_fts.rowid
      WHERE ${cap === null ? sql`1` : sql`counted.hits <= ${cap}`} AND messages_fts MATCH ${match}
    ),
    first AS MATERIALIZED (SELECT tid, mid, min(idx) AS idx FROM hit GROUP BY tid),
    page AS (SELECT tid, mid, idx FROM first JOIN ${transcripts} ON ${transcripts.id} = first.tid ${modelsAndScenarios} WHERE ${where} ORDER BY ${transcripts.id} DESC LIMIT ${want})
    SELECT (SELECT hits FROM counted), (SELECT json_group_array(json_array(tid, mid, idx)) FROM page)`);
  if (!row || (cap !== null && (row[0] ?? 0) > cap)) return null;
  return parseHits(row[1]);
}

/**
 * One walk step: the next `size` transcripts of the filter, newest first, and those of them with a hit. The
 * FTS index is read once, over the rowid range their messages span (integers from the table: FTS5 ignores a
 * rowid bound bound as a JS number, which arrives as REAL, and would scan every hit).
 */
async function hitsInStep(db: Db, match: string, where: SQL, size: number): Promise<{ transcripts: number; last: string | null; hits: SearchHit[] }> {
  const [row] = await db.values<[transcripts: number, last: string | null, hits: string]>(sql`
    WITH step AS MATERIALIZED (SELECT ${transcripts.id} AS id FROM ${transcripts} ${modelsAndScenarios} WHERE ${where} ORDER BY ${transcripts.id} DESC LIMIT ${size}),
    span AS MATERIALIZED (SELECT min(m.id) AS lo, max(m.id) AS hi FROM messages m WHERE m.transcript_id IN (SELECT id FROM step)),
    hit AS MATERIALIZED (SELECT messages_fts.rowid AS mid FROM span, messages_fts WHERE messages_fts MATCH ${match} AND messages_fts.rowid BETWEEN span.lo AND span.hi),
    first AS MATERIALIZED (
      SELECT m.transcript_id AS tid, m.id AS mid, min(m.idx) AS idx FROM hit JOIN messages m ON m.id = hit.mid
      WHERE m.transcript_id IN (SELECT id FROM step) GROUP BY m.transcript_id
    )
    SELECT (SELECT count(*) FROM step), (SELECT min(id) FROM step), (SELECT json_group_array(json_array(tid, mid, idx)) FROM first)`);
  return { transcripts: row?.[0] ?? 0, last: row?.[1] ?? null, hits: parseHits(row?.[2] ?? '[]') };
}

/** Hits from SQLite's JSON, newest transcript first (json_group_array promises no order). */
function parseHits(json: string): SearchHit[] {
  return hitsSchema
    .parse(JSON.parse(json))
    .map(([transcriptId, messageId, messageIndex]) => ({ transcriptId, messageId, messageIndex }))
    .sort((a, b) => (a.transcriptId < b.transcriptId ? 1 : a.transcriptId > b.transcriptId ? -1 : 0));
}
