import { and, asc, countDistinct, desc, eq, gt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { models, scenarios, transcripts } from '../../db/schema/index.ts';
import { NotFound } from '../lib/errors.ts';
import { storedString } from '../lib/text.ts';
import { idSchema } from '../schemas/common.ts';
import { traitValuesOf } from './trait-values.ts';
import { compactTranscriptSchema } from './transcripts.ts';

export const scenarioListQuery = z.object({
  category: storedString({ max: 200 }).optional().describe('Only scenarios of this category'),
  cursor: storedString({ max: 500 }).optional().describe('The nextCursor of the previous page (a scenario key)'),
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Page size'),
});

export const scenarioListSchema = z.object({
  items: z.array(
    z.object({
      id: idSchema,
      key: z.string().describe("The uploader's scenario key, or h: + a hash of the system prompt and first user turn"),
      title: z.string().nullable(),
      category: z.string().nullable(),
      transcriptCount: z.int(),
      modelCount: z.int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export async function listScenarios(db: Db, query: z.infer<typeof scenarioListQuery>) {
  const rows = await db
    .select({
      id: scenarios.id,
      key: scenarios.key,
      title: scenarios.title,
      category: scenarios.category,
      transcriptCount: sql<number>`count(${transcripts.id})`.mapWith(Number),
      modelCount: countDistinct(transcripts.modelId),
    })
    .from(scenarios)
    .leftJoin(transcripts, eq(transcripts.scenarioId, scenarios.id))
    .where(and(query.category ? eq(scenarios.category, query.category) : undefined, query.cursor ? gt(scenarios.key, query.cursor) : undefined))
    .groupBy(scenarios.id)
    .orderBy(asc(scenarios.key))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { items: page, nextCursor: rows.length > query.limit ? (page.at(-1)?.key ?? null) : null };
}

/** A scenario shows at most this many transcripts (every sample of every model, in practice). */
const MAX_SCENARIO_TRANSCRIPTS = 1000;

export const scenarioDetailSchema = z
  .object({
    id: idSchema,
    key: z.string(),
    title: z.string().nullable(),
    category: z.string().nullable(),
    tags: z.array(z.string()),
    transcripts: z.array(compactTranscriptSchema).describe(`Its transcripts across models, by model then sample (at most ${MAX_SCENARIO_TRANSCRIPTS})`),
  })
  .meta({ id: 'Scenario' });

export async function scenarioDetail(db: Db, idOrKey: string) {
  const [scenario] = await db
    .select({ id: scenarios.id, key: scenarios.key, title: scenarios.title, category: scenarios.category, tags: scenarios.tags })
    .from(scenarios)
    .where(or(eq(scenarios.id, idOrKey), eq(scenarios.key, idOrKey)));
  if (!scenario) throw new NotFound(`No scenario ${idOrKey}`);
  const rows = await db
    .select({
      id: transcripts.id,
      externalId: transcripts.externalId,
      model: models.name,
      scenario: scenarios.key,
      scenarioId: scenarios.id,
      scenarioTitle: scenarios.title,
      sample: transcripts.sampleIndex,
      tags: transcripts.tags,
      messageCount: transcripts.messageCount,
      createdAt: transcripts.createdAt,
    })
    .from(transcripts)
    .innerJoin(models, eq(models.id, transcripts.modelId))
    .innerJoin(scenarios, eq(scenarios.id, transcripts.scenarioId))
    .where(eq(transcripts.scenarioId, scenario.id))
    .orderBy(asc(models.name), asc(transcripts.sampleIndex), desc(transcripts.id))
    .limit(MAX_SCENARIO_TRANSCRIPTS);
  const values = await traitValuesOf(db, rows.map((r) => r.id));
  return {
    ...scenario,
    transcripts: rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString(), traitValues: values.get(r.id) ?? [] })),
  };
}
