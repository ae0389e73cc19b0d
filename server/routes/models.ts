import { asc, count, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { models, transcripts } from '../../db/schema/index.ts';
import type { AppEnv } from '../context.ts';

export const modelRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const rows = await c.var.deps.database.db
    .select({
      id: models.id,
      name: models.name,
      family: models.family,
      releaseDate: models.releaseDate,
      notes: models.notes,
      transcriptCount: count(transcripts.id),
    })
    .from(models)
    .leftJoin(transcripts, eq(transcripts.modelId, models.id))
    .groupBy(models.id)
    .orderBy(asc(models.name));
  return c.json({ items: rows }, 200);
});
