import { aliasedTable, and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { comparisons, models, scenarios, traits, transcripts } from '../../db/schema/index.ts';
import { storedString } from '../lib/text.ts';
import { cursorSchema, idSchema, isoTime, scoreSourceSchema } from '../schemas/common.ts';

export const comparisonListQuery = z.object({
  trait: storedString({ max: 100 }).optional().describe('Trait slug'),
  model: storedString({ max: 200 }).optional().describe('Either side is this model version'),
  scenario: storedString({ max: 500 }).optional().describe('Scenario key or id'),
  transcript: idSchema.optional().describe('Either side is this transcript'),
  source: scoreSourceSchema.optional(),
  cursor: cursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Page size'),
});

const side = z.object({ transcriptId: idSchema, model: z.string(), sample: z.int() });

export const comparisonListSchema = z.object({
  items: z.array(
    z
      .object({
        id: idSchema,
        trait: z.string(),
        traitTitle: z.string(),
        source: scoreSourceSchema,
        scenario: z.string(),
        scenarioId: idSchema,
        a: side,
        b: side,
        winner: z.enum(['a', 'b', 'tie']),
        shownOrder: z.enum(['ab', 'ba', 'unknown']).describe('ab: a was shown first; unknown: the source does not record it (hh-rlhf, verdicts combined from both orders)'),
        rationale: z.string().nullable(),
        labeler: z.string().nullable(),
        judgeRunId: idSchema.nullable(),
        createdAt: isoTime,
      })
      .meta({ id: 'Comparison' }),
  ),
  nextCursor: cursorSchema.nullable(),
});

/** A verdict that counts: not a labeler's undo, and not undone (superseded by one). */
export const liveComparison = sql`${comparisons.status} = 'valid' AND ${comparisons.id} NOT IN (SELECT c2.supersedes FROM comparisons c2 WHERE c2.supersedes IS NOT NULL)`;

/** Pairwise verdicts, newest first: imported (MT-Bench, hh-rlhf), judged, or labeled. */
export async function listComparisons(db: Db, query: z.infer<typeof comparisonListQuery>) {
  const ta = aliasedTable(transcripts, 'ta');
  const tb = aliasedTable(transcripts, 'tb');
  const ma = aliasedTable(models, 'ma');
  const mb = aliasedTable(models, 'mb');
  const conditions: (SQL | undefined)[] = [
    query.trait ? eq(traits.slug, query.trait) : undefined,
    query.model ? or(eq(ma.name, query.model), eq(mb.name, query.model)) : undefined,
    query.scenario ? or(eq(scenarios.key, query.scenario), eq(scenarios.id, query.scenario)) : undefined,
    query.transcript ? or(eq(comparisons.transcriptA, query.transcript), eq(comparisons.transcriptB, query.transcript)) : undefined,
    query.source ? eq(comparisons.source, query.source) : undefined,
    query.cursor ? lt(comparisons.id, query.cursor) : undefined,
    liveComparison,
  ];
  const rows = await db
    .select({
      id: comparisons.id,
      trait: traits.slug,
      traitTitle: traits.title,
      source: comparisons.source,
      scenario: scenarios.key,
      scenarioId: scenarios.id,
      aId: comparisons.transcriptA,
      aModel: ma.name,
      aSample: ta.sampleIndex,
      bId: comparisons.transcriptB,
      bModel: mb.name,
      bSample: tb.sampleIndex,
      winner: comparisons.winner,
      shownOrder: comparisons.shownOrder,
      rationale: comparisons.rationale,
      labeler: comparisons.labeler,
      judgeRunId: comparisons.judgeRunId,
      createdAt: comparisons.createdAt,
    })
    .from(comparisons)
    .innerJoin(traits, eq(traits.id, comparisons.traitId))
    .innerJoin(ta, eq(ta.id, comparisons.transcriptA))
    .innerJoin(tb, eq(tb.id, comparisons.transcriptB))
    .innerJoin(ma, eq(ma.id, ta.modelId))
    .innerJoin(mb, eq(mb.id, tb.modelId))
    .innerJoin(scenarios, eq(scenarios.id, ta.scenarioId))
    .where(and(...conditions))
    .orderBy(desc(comparisons.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      trait: r.trait,
      traitTitle: r.traitTitle,
      source: r.source,
      scenario: r.scenario,
      scenarioId: r.scenarioId,
      a: { transcriptId: r.aId, model: r.aModel, sample: r.aSample },
      b: { transcriptId: r.bId, model: r.bModel, sample: r.bSample },
      winner: r.winner,
      shownOrder: r.shownOrder,
      rationale: r.rationale,
      labeler: r.labeler,
      judgeRunId: r.judgeRunId,
      createdAt: new Date(r.createdAt).toISOString(),
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
