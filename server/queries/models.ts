import { asc, countDistinct, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { models, transcripts } from '../../db/schema/index.ts';
import { idSchema } from '../schemas/common.ts';

export const modelListSchema = z.object({
  items: z.array(
    z
      .object({
        id: idSchema,
        name: z.string().describe('The model version, e.g. claude-sonnet-4 (provider prefixes are dropped on import)'),
        family: z.string().nullable(),
        releaseDate: z.string().nullable(),
        notes: z.string().nullable(),
        transcriptCount: z.int(),
        scenarioCount: z.int().describe('Distinct scenarios it has transcripts of'),
      })
      .meta({ id: 'Model' }),
  ),
});

/** Every model version with how much of it there is; trait figures with intervals are GET /stats/traits. */
export async function listModels(db: Db) {
  const items = await db
    .select({
      id: models.id,
      name: models.name,
      family: models.family,
      releaseDate: models.releaseDate,
      notes: models.notes,
      transcriptCount: countDistinct(transcripts.id),
      scenarioCount: countDistinct(transcripts.scenarioId),
    })
    .from(models)
    .leftJoin(transcripts, eq(transcripts.modelId, models.id))
    .groupBy(models.id)
    .orderBy(asc(models.name));
  return { items };
}
