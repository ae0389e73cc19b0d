import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { models, scenarios, traitValues } from '../../../db/schema/index.ts';
import { storedString } from '../../lib/text.ts';
import { idSchema } from '../../schemas/common.ts';
import { modelIds, traitBySlug } from './common.ts';

export const selectionKinds = ['judge_spread', 'judge_human_gap'] as const;

export const selectionQuery = z.object({
  kind: z.enum(selectionKinds).describe('judge_spread: largest SD across judge samples; judge_human_gap: largest |judge − human| per transcript'),
  trait: storedString({ max: 100 }).describe('Trait slug'),
  model: storedString({ max: 200 }).optional().describe('Only this model version'),
  limit: z.coerce.number().int().min(1).max(1000).default(50).describe('How many transcripts'),
});

export const selectionSchema = z.object({
  kind: z.enum(selectionKinds),
  trait: z.string(),
  items: z.array(
    z.object({
      transcriptId: idSchema,
      model: z.string(),
      scenario: z.string(),
      judge: z.number().nullable().describe("The judge's per-transcript value (mean of its samples)"),
      human: z.number().nullable().describe('The human per-transcript value (mean of labelers), for judge_human_gap'),
      spread: z.number().nullable().describe('SD across judge samples'),
      samples: z.int().describe('Judge samples behind the value'),
      score: z.number().describe('What the list is ordered by: the spread, or the gap'),
    }),
  ),
});

/** Transcripts worth a second look: where the judge disagrees with itself, or with the humans. A selection labeling queues and themes can use. */
export async function selection(db: Db, query: z.infer<typeof selectionQuery>) {
  const trait = await traitBySlug(db, query.trait);
  const modelFilter = query.model ? (await modelIds(db, [query.model])).get(query.model) : undefined;
  const human = sql<number | null>`(SELECT h.value FROM trait_values h WHERE h.transcript_id = ${traitValues.transcriptId} AND h.trait_id = ${traitValues.traitId} AND h.source = 'human')`;
  const judgeOf = and(eq(traitValues.traitId, trait.id), eq(traitValues.source, 'judge'), modelFilter ? eq(traitValues.modelId, modelFilter) : undefined);
  const gap = sql<number>`abs(${traitValues.value} - ${human})`;
  const rows = await db
    .select({
      transcriptId: traitValues.transcriptId,
      model: models.name,
      scenario: scenarios.key,
      judge: traitValues.value,
      spread: traitValues.spread,
      samples: traitValues.raters,
      human,
    })
    .from(traitValues)
    .innerJoin(models, eq(models.id, traitValues.modelId))
    .innerJoin(scenarios, eq(scenarios.id, traitValues.scenarioId))
    .where(query.kind === 'judge_spread' ? and(judgeOf, isNotNull(traitValues.spread)) : and(judgeOf, sql`${human} IS NOT NULL`, isNotNull(traitValues.value)))
    .orderBy(query.kind === 'judge_spread' ? desc(traitValues.spread) : desc(gap), traitValues.transcriptId)
    .limit(query.limit);
  return {
    kind: query.kind,
    trait: trait.slug,
    items: rows.map((r) => ({ ...r, score: query.kind === 'judge_spread' ? (r.spread ?? 0) : Math.abs((r.judge ?? 0) - (r.human ?? 0)) })),
  };
}
