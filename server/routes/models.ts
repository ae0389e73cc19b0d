import { and, asc, avg, count, eq, isNotNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { models, scores, traits, transcripts } from '../../db/schema/index.ts';
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
  // Plain means of every valid numeric score (chunk scores count one each); the statistics pages give intervals.
  const means = await c.var.deps.database.db
    .select({ modelId: transcripts.modelId, trait: traits.slug, source: scores.source, mean: avg(scores.value).mapWith(Number), n: count(scores.value) })
    .from(scores)
    .innerJoin(transcripts, eq(transcripts.id, scores.transcriptId))
    .innerJoin(traits, eq(traits.id, scores.traitId))
    .where(and(eq(scores.status, 'valid'), isNotNull(scores.value)))
    .groupBy(transcripts.modelId, traits.slug, scores.source)
    .orderBy(asc(traits.slug), asc(scores.source));
  const items = rows.map((m) => ({
    ...m,
    traitMeans: means.filter((x) => x.modelId === m.id).map(({ trait, source, mean, n }) => ({ trait, source, mean, n })),
  }));
  return c.json({ items }, 200);
});
