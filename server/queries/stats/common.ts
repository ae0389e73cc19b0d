import { and, count, eq, inArray, isNotNull, sql, sum } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { comparisons, models, scenarios, traits, traitValues, type ScoreSource, type TraitScale } from '../../../db/schema/index.ts';
import { NotFound, Unprocessable, ValidationFailed } from '../../lib/errors.ts';
import { storedString } from '../../lib/text.ts';
import { polaritySchema, traitScaleSchema, traitUnitSchema } from '../../schemas/common.ts';

/** Every interval is reproducible: the same data, seed and resamples give the same numbers. */
export const DEFAULT_SEED = 20261201;

export const statsOptionsShape = {
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).default(DEFAULT_SEED).describe('Seed of the bootstrap and permutation draws'),
  resamples: z.coerce.number().int().min(200).max(20_000).default(2000).describe('Bootstrap resamples'),
};

export const modelListParam = storedString({ max: 2000 })
  .transform((s) => [...new Set(s.split(',').map((m) => m.trim()).filter(Boolean))])
  .describe('Model versions, comma separated; all when absent');

/** Who a trait is and how it is measured: shown with every number so no two traits read alike. */
export const traitIdentitySchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    polarity: polaritySchema,
    scale: traitScaleSchema,
    unit: traitUnitSchema,
    source: z.string().describe('rubric, or the importer that created the trait'),
  })
  .meta({ id: 'TraitIdentity' });
export type TraitIdentity = z.infer<typeof traitIdentitySchema>;

export const AGGREGATION_UNIT =
  'per transcript: the mean over raters (judge samples, labelers or imported samples) of their mean over turn ranges; per scenario: the mean over its transcripts; per model: the mean over scenarios, the scenario being the bootstrap cluster';

export async function traitBySlug(db: Db, slug: string): Promise<TraitIdentity & { id: string }> {
  const [trait] = await db
    .select({ id: traits.id, slug: traits.slug, title: traits.title, polarity: traits.polarity, scale: traits.scale, unit: traits.unit, source: traits.source })
    .from(traits)
    .where(eq(traits.slug, slug));
  if (!trait) throw new NotFound(`No trait ${slug}`);
  return trait;
}

/** Model ids by name; an unknown name is a 404 naming it. */
export async function modelIds(db: Db, names: readonly string[]): Promise<Map<string, string>> {
  if (!names.length) return new Map();
  const rows = await db.select({ id: models.id, name: models.name }).from(models).where(inArray(models.name, [...names]));
  const found = new Map(rows.map((r) => [r.name, r.id]));
  const missing = names.filter((n) => !found.has(n));
  if (missing.length) throw new NotFound(`No model ${missing.join(', ')}`);
  return found;
}

/** The sources a trait has values from. */
export async function sourcesOf(db: Db, traitId: string): Promise<ScoreSource[]> {
  const rows = await db.selectDistinct({ source: traitValues.source }).from(traitValues).where(eq(traitValues.traitId, traitId));
  return rows.map((r) => r.source).sort();
}

/** The one source to compare on: the given one, or the trait's only one; several without a choice is a 422. */
export async function resolveSource(db: Db, trait: { id: string; slug: string }, source: ScoreSource | undefined): Promise<ScoreSource> {
  if (source) return source;
  const sources = await sourcesOf(db, trait.id);
  const [only] = sources;
  if (!only) throw new Unprocessable(`Trait ${trait.slug} has no values yet`);
  if (sources.length > 1) {
    throw new ValidationFailed(`Trait ${trait.slug} has values from ${sources.join(' and ')}; sources are kept apart: give source=`, [{ field: 'source', message: `one of ${sources.join(', ')}` }]);
  }
  return only;
}

/** The one source of a trait's comparisons: the given one, or its only one. */
export async function resolveComparisonSource(db: Db, trait: { id: string; slug: string }, source: ScoreSource | undefined): Promise<ScoreSource> {
  if (source) return source;
  const rows = await db.selectDistinct({ source: comparisons.source }).from(comparisons).where(eq(comparisons.traitId, trait.id));
  const sources = rows.map((r) => r.source).sort();
  const [only] = sources;
  if (!only) throw new Unprocessable(`Trait ${trait.slug} has no pairwise comparisons`);
  if (sources.length > 1) {
    throw new ValidationFailed(`Trait ${trait.slug} has comparisons from ${sources.join(' and ')}; sources are kept apart: give source=`, [{ field: 'source', message: `one of ${sources.join(', ')}` }]);
  }
  return only;
}

/**
 * Per model and scenario: the sum and count of the numeric transcript values (a scenario's mean is sum/count).
 * Aggregated in SQL: moving 100,000 wide rows into JavaScript objects cost three quarters of a request.
 */
export async function scenarioSums(db: Db, traitId: string, source: ScoreSource, modelFilter: readonly string[] | null): Promise<{ modelId: string; scenarioId: string; sum: number; n: number }[]> {
  // One row per model holding its scenarios as a JSON array, not a row per (model, scenario): at 10,000
  // scenarios × 3 models the 30,000 driver rows cost 4–6× the query itself; the JSON comes back in ~80 ms.
  // The sum travels as text with 17 significant digits (JSON's own numbers keep 15, which changes the mean).
  // A fixed order (model, then scenario): the bootstrap draws scenarios by position, so the same data must
  // come in the same order.
  const modelClause = modelFilter ? sql`AND ${inArray(traitValues.modelId, [...modelFilter])}` : sql``;
  const rows = await db.all<{ modelId: string; scenarios: string }>(sql`
    SELECT model_id AS modelId, json_group_array(json_array(scenario_id, printf('%!.17g', s), n) ORDER BY scenario_id) AS scenarios
    FROM (
      SELECT ${traitValues.modelId} AS model_id, ${traitValues.scenarioId} AS scenario_id, sum(${traitValues.value}) AS s, count(${traitValues.value}) AS n
      FROM ${traitValues}
      WHERE ${traitValues.traitId} = ${traitId} AND ${traitValues.source} = ${source} AND ${traitValues.value} IS NOT NULL ${modelClause}
      GROUP BY ${traitValues.modelId}, ${traitValues.scenarioId}
    )
    GROUP BY model_id
    ORDER BY model_id`);
  const out: { modelId: string; scenarioId: string; sum: number; n: number }[] = [];
  for (const row of rows) {
    const list: [string, string, number][] = JSON.parse(row.scenarios);
    for (const [scenarioId, total, n] of list) out.push({ modelId: row.modelId, scenarioId, sum: Number(total), n });
  }
  return out;
}

/** The transcripts with a value, of some scenarios, per model: what a listed scenario opens side by side. */
export async function transcriptsOf(db: Db, traitId: string, source: ScoreSource, modelIdList: readonly string[], scenarioIds: readonly string[]) {
  const out: { modelId: string; scenarioId: string; transcriptId: string }[] = [];
  for (let i = 0; i < scenarioIds.length; i += 200) {
    out.push(
      ...(await db
        .select({ modelId: traitValues.modelId, scenarioId: traitValues.scenarioId, transcriptId: traitValues.transcriptId })
        .from(traitValues)
        .where(and(eq(traitValues.traitId, traitId), eq(traitValues.source, source), isNotNull(traitValues.value), inArray(traitValues.modelId, [...modelIdList]), inArray(traitValues.scenarioId, scenarioIds.slice(i, i + 200))))
        .orderBy(traitValues.transcriptId)),
    );
  }
  return out;
}

/** Per model: each distinct transcript value and how many transcripts have it (few, on a rubric's scale). */
export async function valueCounts(db: Db, traitId: string, source: ScoreSource, modelFilter: readonly string[] | null) {
  return db
    .select({ modelId: traitValues.modelId, value: traitValues.value, n: count() })
    .from(traitValues)
    .where(and(eq(traitValues.traitId, traitId), eq(traitValues.source, source), isNotNull(traitValues.value), modelFilter ? inArray(traitValues.modelId, [...modelFilter]) : undefined))
    .groupBy(traitValues.modelId, traitValues.value)
    .orderBy(traitValues.modelId, traitValues.value);
}

/** Per model: transcripts that were all N/A, and the invalid and failed score rows left out. */
export async function droppedCounts(db: Db, traitId: string, source: ScoreSource, modelFilter: readonly string[] | null) {
  return db
    .select({
      modelId: traitValues.modelId,
      model: models.name,
      na: sql<number>`sum(CASE WHEN ${traitValues.value} IS NULL AND ${traitValues.category} IS NULL AND ${traitValues.na} > 0 THEN 1 ELSE 0 END)`.mapWith(Number),
      invalid: sum(traitValues.invalid).mapWith(Number),
      failed: sum(traitValues.failed).mapWith(Number),
    })
    .from(traitValues)
    .innerJoin(models, eq(models.id, traitValues.modelId))
    .where(and(eq(traitValues.traitId, traitId), eq(traitValues.source, source), modelFilter ? inArray(traitValues.modelId, [...modelFilter]) : undefined))
    .groupBy(traitValues.modelId);
}

export async function scenarioLabels(db: Db, ids: readonly string[]): Promise<Map<string, { key: string; title: string | null }>> {
  const out = new Map<string, { key: string; title: string | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .select({ id: scenarios.id, key: scenarios.key, title: scenarios.title })
      .from(scenarios)
      .where(inArray(scenarios.id, ids.slice(i, i + 500)));
    for (const r of rows) out.set(r.id, { key: r.key, title: r.title });
  }
  return out;
}

/** The histogram scale of a trait: its rubric's points, or bins over the values seen. */
export function histogramScale(scale: TraitScale | null, values: readonly number[]): { min: number; max: number; step?: number } | null {
  if (!values.length) return null;
  const allIntegers = values.every(Number.isInteger);
  if (scale?.kind === 'numeric' && allIntegers && Number.isInteger(scale.min) && Number.isInteger(scale.max)) return { min: scale.min, max: scale.max };
  // A loop, not Math.min(...values): spreading 100,000 arguments overflows the stack.
  let lo = scale?.kind === 'numeric' ? scale.min : Infinity;
  let hi = scale?.kind === 'numeric' ? scale.max : -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (allIntegers && hi - lo <= 20) return { min: Math.floor(lo), max: Math.ceil(hi) };
  const min = Math.floor(lo);
  const max = Math.max(min + 1, Math.ceil(hi));
  return { min, max, step: (max - min) / Math.min(20, Math.max(5, Math.ceil(Math.sqrt(values.length)))) };
}

