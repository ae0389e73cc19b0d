import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import type { ScoreSource } from '../../../db/schema/index.ts';
import { BadRequest, Unprocessable } from '../../lib/errors.ts';
import { holmAdjust } from '../../stats/holm.ts';
import { paired } from '../../stats/compute.ts';
import { storedString } from '../../lib/text.ts';
import { idSchema, scoreSourceSchema } from '../../schemas/common.ts';
import { AGGREGATION_UNIT, modelIds, resolveSource, scenarioLabels, scenarioSums, statsOptionsShape, traitBySlug, traitIdentitySchema, transcriptsOf } from './common.ts';

const versions = {
  a: storedString({ max: 200 }).describe('The baseline model version'),
  b: storedString({ max: 200 }).describe('The model version compared with it; deltas are b − a'),
};

export const compareQuery = z.object({
  trait: storedString({ max: 100 }).describe('Trait slug'),
  ...versions,
  source: scoreSourceSchema.optional().describe("Which source's values; required when the trait has several"),
  ...statsOptionsShape,
});

export const compareTraitsQuery = z.object({
  traits: storedString({ max: 2000 })
    .transform((s) => [...new Set(s.split(',').map((t) => t.trim()).filter(Boolean))])
    .describe('Comma-separated trait slugs, each optionally as slug:source (spiral.pushback:import); Holm corrects across them'),
  ...versions,
  ...statsOptionsShape,
});

const scenarioDeltaSchema = z.object({
  scenarioId: idSchema,
  key: z.string(),
  title: z.string().nullable(),
  a: z.number().describe('Mean of a’s transcripts of this scenario'),
  b: z.number(),
  delta: z.number().describe('b − a'),
  transcriptsA: z.array(idSchema).describe('Open these with the b ones side by side: /compare/<ids>'),
  transcriptsB: z.array(idSchema),
});

export const pairedComparisonSchema = z
  .object({
    trait: traitIdentitySchema,
    source: scoreSourceSchema,
    a: z.string(),
    b: z.string(),
    n: z.int().describe('Shared scenarios: both versions have a value'),
    meanDelta: z.number().nullable().describe('Mean over shared scenarios of (b − a), each side the mean of its transcripts there'),
    ciLow: z.number().nullable().describe('95% paired bootstrap CI of meanDelta (resampling shared scenarios)'),
    ciHigh: z.number().nullable(),
    pValue: z.number().nullable().describe('Two-sided sign-flip permutation test: exact up to 20 non-zero deltas, else 10,000 random flips'),
    pValueMethod: z.enum(['exact', 'monte-carlo']).nullable(),
    pHolm: z.number().nullable().optional().describe('Holm-adjusted p across the traits compared (multi-trait form)'),
    effectSize: z.number().nullable().describe("Cohen's d_z: mean delta / SD of the deltas"),
    onlyA: z.int().describe('Scenarios only a has a value on (left out)'),
    onlyB: z.int().describe('Scenarios only b has a value on (left out)'),
    scenarios: z.array(scenarioDeltaSchema).describe('Shared scenarios, largest |delta| first (at most 200)'),
    unit: z.string(),
    reason: z.string().optional(),
  })
  .meta({ id: 'PairedComparison' });

export const compareTraitsSchema = z.object({ a: z.string(), b: z.string(), items: z.array(pairedComparisonSchema) });

const MAX_SCENARIOS_LISTED = 200;

type PairedQuery = { trait: string; a: string; b: string; source?: ScoreSource | undefined; seed: number; resamples: number };

/** Version b against version a on one trait and source, paired on the scenarios both have values for. */
export async function comparePaired(db: Db, query: PairedQuery) {
  const item = await pairedItem(db, query);
  if (item.n === 0) throw new Unprocessable(`${query.a} and ${query.b} share no scenario with a value of ${item.trait.slug} (${item.source}): there is nothing to pair`);
  return item;
}

/** The comparison, or with n = 0 and a reason when the versions share no scenario with a value. */
async function pairedItem(db: Db, query: PairedQuery) {
  if (query.a === query.b) throw new BadRequest('a and b name the same model version: compare two different ones');
  const trait = await traitBySlug(db, query.trait);
  const ids = await modelIds(db, [query.a, query.b]);
  const source = await resolveSource(db, trait, query.source);
  const idA = ids.get(query.a) ?? '';
  const idB = ids.get(query.b) ?? '';
  const sums = await scenarioSums(db, trait.id, source, [idA, idB]);
  const meansOf = (modelId: string) => new Map(sums.filter((s) => s.modelId === modelId).map((s) => [s.scenarioId, s.sum / s.n]));
  const sideA = meansOf(idA);
  const sideB = meansOf(idB);
  const shared = [...sideA.keys()].filter((id) => sideB.has(id)).sort();
  const deltas = shared.map((id) => {
    const a = sideA.get(id) ?? 0;
    const b = sideB.get(id) ?? 0;
    return { scenarioId: id, a, b, delta: b - a };
  });
  const result = await paired(
    deltas.map((d) => d.delta),
    { seed: query.seed, resamples: query.resamples },
  );
  const top = [...deltas].sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.scenarioId < y.scenarioId ? -1 : 1)).slice(0, MAX_SCENARIOS_LISTED);
  const [labels, listed] = await Promise.all([scenarioLabels(db, top.map((d) => d.scenarioId)), transcriptsOf(db, trait.id, source, [idA, idB], top.map((d) => d.scenarioId))]);
  const transcriptsFor = (modelId: string, scenarioId: string) => listed.filter((t) => t.modelId === modelId && t.scenarioId === scenarioId).map((t) => t.transcriptId);
  return {
    trait: { slug: trait.slug, title: trait.title, polarity: trait.polarity, scale: trait.scale, unit: trait.unit, source: trait.source },
    source,
    a: query.a,
    b: query.b,
    n: result.n,
    meanDelta: result.meanDelta,
    ciLow: result.ciLow,
    ciHigh: result.ciHigh,
    pValue: result.pValue,
    pValueMethod: result.pValueMethod,
    effectSize: result.effectSize,
    onlyA: [...sideA.keys()].filter((id) => !sideB.has(id)).length,
    onlyB: [...sideB.keys()].filter((id) => !sideA.has(id)).length,
    scenarios: top.map((d) => ({
      ...d,
      key: labels.get(d.scenarioId)?.key ?? d.scenarioId,
      title: labels.get(d.scenarioId)?.title ?? null,
      transcriptsA: transcriptsFor(idA, d.scenarioId),
      transcriptsB: transcriptsFor(idB, d.scenarioId),
    })),
    unit: AGGREGATION_UNIT,
    ...(result.reason ? { reason: result.reason } : {}),
  };
}

/**
 * Several traits at once, with Holm's correction across them. A trait the two versions share no scenario on
 * is an item with n = 0 and its reason, not a failure of the whole request.
 */
export async function compareTraits(db: Db, query: z.infer<typeof compareTraitsQuery>) {
  if (!query.traits.length) throw new BadRequest('traits names no trait');
  const items = [];
  for (const token of query.traits) {
    const [slug = '', source] = token.split(':');
    const parsedSource = source === undefined ? undefined : scoreSourceSchema.safeParse(source);
    if (parsedSource && !parsedSource.success) throw new BadRequest(`${token}: the source after ':' must be judge, human or import`);
    items.push(await pairedItem(db, { trait: slug, a: query.a, b: query.b, source: parsedSource?.data, seed: query.seed, resamples: query.resamples }));
  }
  // Holm over the traits that have a p-value; a trait without one (a single scenario) is not a test.
  const tested = items.flatMap((item, i) => (item.pValue === null ? [] : [{ i, p: item.pValue }]));
  const adjusted = new Map(holmAdjust(tested.map((t) => t.p)).map((p, k) => [tested[k]?.i ?? -1, p]));
  return { a: query.a, b: query.b, items: items.map((item, i) => ({ ...item, pHolm: adjusted.get(i) ?? null })) };
}
