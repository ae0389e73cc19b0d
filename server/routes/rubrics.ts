import { asc, count, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { rubricVersions, traits } from '../../db/schema/index.ts';
import type { AppEnv } from '../context.ts';
import { z } from 'zod';
import { NotFound } from '../lib/errors.ts';
import { doc } from '../lib/openapi.ts';
import { storedString } from '../lib/text.ts';
import { validate } from '../lib/validator.ts';
import { rubricVersionsSchema, traitListSchema } from '../schemas/traits.ts';

/** Every trait: rubric traits with their current rubric version, and imported ones (Spiral-Bench, Inspect, …). */
export const traitRoutes = new Hono<AppEnv>().get(
  '/',
  doc({ summary: 'Every trait (rubric and imported) with its current rubric version', tags: ['traits'], success: { status: 200, description: 'Traits by slug', schema: traitListSchema } }),
  async (c) => {
  const { db } = c.var.deps.database;
  const current = c.var.deps.judge?.rubrics;
  const rows = await db
    .select({
      id: traits.id,
      slug: traits.slug,
      title: traits.title,
      polarity: traits.polarity,
      scale: traits.scale,
      unit: traits.unit,
      source: traits.source,
      versionCount: count(rubricVersions.id),
    })
    .from(traits)
    .leftJoin(rubricVersions, eq(rubricVersions.traitId, traits.id))
    .groupBy(traits.id)
    .orderBy(asc(traits.slug));
  const items = rows.map((t) => {
    const rubric = current?.get(t.slug);
    return {
      ...t,
      currentRubricVersion: rubric ? { id: rubric.rubricVersionId, contentHash: rubric.contentHash } : null,
      seesThinking: rubric ? rubric.thinking === 'shown' : null,
      thinking: rubric?.thinking ?? null,
      notApplicableWhen: rubric?.notApplicableWhen ?? null,
    };
  });
  return c.json({ items }, 200);
  },
);

/** A trait's rubric versions, newest first; every one that ever scored anything stays. */
export const rubricRoutes = new Hono<AppEnv>().get(
  '/:trait',
  doc({ summary: "A trait's rubric versions, newest first", tags: ['traits'], success: { status: 200, description: 'The trait and every version of its rubric', schema: rubricVersionsSchema }, errors: [400, 404] }),
  validate('param', z.object({ trait: storedString({ max: 100 }).describe('Trait slug') })),
  async (c) => {
  const slug = c.req.valid('param').trait;
  const { db } = c.var.deps.database;
  const [trait] = await db.select().from(traits).where(eq(traits.slug, slug));
  if (!trait) throw new NotFound(`No trait ${slug}`);
  const versions = await db
    .select({ id: rubricVersions.id, contentHash: rubricVersions.contentHash, frontMatter: rubricVersions.frontMatter, body: rubricVersions.body, createdAt: rubricVersions.createdAt })
    .from(rubricVersions)
    .where(eq(rubricVersions.traitId, trait.id))
    .orderBy(desc(rubricVersions.createdAt), desc(rubricVersions.id));
  const currentId = c.var.deps.judge?.rubrics.get(slug)?.rubricVersionId ?? null;
  return c.json(
    {
      trait: { id: trait.id, slug: trait.slug, title: trait.title, polarity: trait.polarity, scale: trait.scale, unit: trait.unit, source: trait.source },
      currentVersionId: currentId,
      versions: versions.map((v) => ({ ...v, current: v.id === currentId, createdAt: new Date(v.createdAt).toISOString() })),
    },
    200,
  );
  },
);
