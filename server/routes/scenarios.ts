import { and, asc, countDistinct, desc, eq, gt, or, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { models, scenarios, transcripts } from '../../db/schema/index.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../lib/errors.ts';
import { validate } from '../lib/validator.ts';
import { scoreSummaries } from './score-summary.ts';
import { compactTranscriptColumns, toCompactTranscript } from './transcript-shape.ts';

export const scenarioListQuery = z.object({
  category: z.string().min(1).max(200).optional(),
  cursor: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const scenarioRoutes = new Hono<AppEnv>()
  .get('/', validate('query', scenarioListQuery), async (c) => {
    const query = c.req.valid('query');
    const rows = await c.var.deps.database.db
      .select({
        id: scenarios.id,
        key: scenarios.key,
        title: scenarios.title,
        category: scenarios.category,
        transcriptCount: sql<number>`count(${transcripts.id})`,
        modelCount: countDistinct(transcripts.modelId),
      })
      .from(scenarios)
      .leftJoin(transcripts, eq(transcripts.scenarioId, scenarios.id))
      .where(and(query.category ? eq(scenarios.category, query.category) : undefined, query.cursor ? gt(scenarios.key, query.cursor) : undefined))
      .groupBy(scenarios.id)
      .orderBy(asc(scenarios.key))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    return c.json({ items: page, nextCursor: rows.length > query.limit ? (page.at(-1)?.key ?? null) : null }, 200);
  })
  .get('/:id', async (c) => {
    const id = c.req.param('id');
    const { db } = c.var.deps.database;
    const [scenario] = await db
      .select({ id: scenarios.id, key: scenarios.key, title: scenarios.title, category: scenarios.category, tags: scenarios.tags })
      .from(scenarios)
      .where(or(eq(scenarios.id, id), eq(scenarios.key, id)));
    if (!scenario) throw new ApiError('not_found', `No scenario ${id}`);
    const rows = await db
      .select(compactTranscriptColumns)
      .from(transcripts)
      .innerJoin(models, eq(models.id, transcripts.modelId))
      .innerJoin(scenarios, eq(scenarios.id, transcripts.scenarioId))
      .where(eq(transcripts.scenarioId, scenario.id))
      .orderBy(asc(models.name), asc(transcripts.sampleIndex), desc(transcripts.id))
      .limit(1000);
    const summaries = await scoreSummaries(db, rows.map((r) => r.id));
    return c.json({ ...scenario, transcripts: rows.map((r) => ({ ...toCompactTranscript(r), scores: summaries.get(r.id) ?? [] })) }, 200);
  });
