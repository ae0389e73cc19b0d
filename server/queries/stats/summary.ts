import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { traits, traitValues, type ScoreSource } from '../../../db/schema/index.ts';
import { meanCi } from '../../stats/compute.ts';
import { histogram, median, sampleSd } from '../../stats/describe.ts';
import { storedString } from '../../lib/text.ts';
import { scoreSourceSchema } from '../../schemas/common.ts';
import { AGGREGATION_UNIT, droppedCounts, histogramScale, modelIds, modelListParam, scenarioSums, statsOptionsShape, traitBySlug, traitIdentitySchema, valueCounts, type TraitIdentity } from './common.ts';
import { eq } from 'drizzle-orm';

export const traitSummaryQuery = z.object({
  trait: storedString({ max: 100 }).optional().describe('Trait slug; every trait with values when absent'),
  models: modelListParam.optional(),
  source: scoreSourceSchema.optional().describe('Only this source; each source apart when absent (sources are never pooled)'),
  ...statsOptionsShape,
});

const histogramSchema = z.object({
  bins: z.array(z.object({ low: z.number(), high: z.number(), count: z.int() })).describe('Per scale point (low = high) for a discrete scale, else [low, high) bins'),
  outside: z.int(),
});

export const traitSummarySchema = z
  .object({
    trait: traitIdentitySchema,
    source: scoreSourceSchema,
    model: z.string(),
    n: z.int().describe('Transcripts with a numeric value'),
    scenarios: z.int().describe('Scenarios with a numeric value: the n of the mean and its interval'),
    na: z.int().describe('Transcripts whose scores were all N/A'),
    invalid: z.int().describe('Invalid score rows (judge answers that failed validation), not counted'),
    failed: z.int().describe('Failed score rows (e.g. Spiral-Bench chunks the judge could not score), not counted'),
    mean: z.number().nullable().describe('Mean over scenarios of each scenario’s mean transcript value'),
    median: z.number().nullable().describe('Median of the per-transcript values'),
    sd: z.number().nullable().describe('Sample SD of the per-transcript values'),
    ciLow: z.number().nullable().describe('95% CI of the mean: bootstrap resampling scenarios (BCa, expanded)'),
    ciHigh: z.number().nullable(),
    level: z.number(),
    resamples: z.int(),
    histogram: histogramSchema.nullable().describe('Of the per-transcript values; the bins are the same for every version of a trait and source in one answer'),
    reason: z.string().optional().describe('Why the mean or interval is missing'),
  })
  .meta({ id: 'TraitSummary' });

export const traitSummaryListSchema = z.object({
  unit: z.string().describe('How each number is made'),
  seed: z.int(),
  items: z.array(traitSummarySchema),
});

/** Per trait, source and model version: n, the mean over scenarios with its scenario-bootstrap CI, and the spread. */
export async function traitSummaries(db: Db, query: z.infer<typeof traitSummaryQuery>) {
  const named = query.models ?? [];
  const ids = await modelIds(db, named);
  const modelFilter = named.length ? [...ids.values()] : null;
  const traitList: (TraitIdentity & { id: string })[] = query.trait
    ? [await traitBySlug(db, query.trait)]
    : await db
        .selectDistinct({ id: traits.id, slug: traits.slug, title: traits.title, polarity: traits.polarity, scale: traits.scale, unit: traits.unit, source: traits.source })
        .from(traits)
        .innerJoin(traitValues, eq(traitValues.traitId, traits.id))
        .orderBy(traits.slug);
  const items: z.infer<typeof traitSummarySchema>[] = [];
  for (const trait of traitList) {
    const sources: ScoreSource[] = query.source ? [query.source] : ['judge', 'human', 'import'];
    for (const source of sources) {
      const [sums, counts, dropped] = await Promise.all([
        scenarioSums(db, trait.id, source, modelFilter),
        valueCounts(db, trait.id, source, modelFilter),
        droppedCounts(db, trait.id, source, modelFilter),
      ]);
      // One set of bins per trait and source, over every version asked for, so their histograms line up.
      const bins = histogramScale(trait.scale, Array.from(expand(counts)));
      for (const model of [...dropped].sort((a, b) => a.model.localeCompare(b.model))) {
        const perScenario = sums.filter((s) => s.modelId === model.modelId).map((s) => s.sum / s.n);
        const values = expand(counts.filter((c) => c.modelId === model.modelId));
        items.push(await summarize(trait, source, model, perScenario, values, bins, query));
      }
    }
  }
  return { unit: AGGREGATION_UNIT, seed: query.seed, items };
}

/** Each value repeated as often as it occurs: the transcript values themselves, without a row per transcript. */
function expand(counts: readonly { value: number | null; n: number }[]): Float64Array {
  const out = new Float64Array(counts.reduce((a, c) => a + c.n, 0));
  let at = 0;
  for (const c of counts) {
    out.fill(c.value ?? 0, at, at + c.n);
    at += c.n;
  }
  return out;
}

async function summarize(
  trait: TraitIdentity,
  source: ScoreSource,
  counts: { model: string; na: number; invalid: number; failed: number },
  perScenario: number[],
  values: Float64Array,
  bins: ReturnType<typeof histogramScale>,
  options: { seed: number; resamples: number },
) {
  const list = Array.from(values);
  const ci = await meanCi(perScenario, { seed: options.seed, resamples: options.resamples });
  return {
    trait: { slug: trait.slug, title: trait.title, polarity: trait.polarity, scale: trait.scale, unit: trait.unit, source: trait.source },
    source,
    model: counts.model,
    n: list.length,
    scenarios: perScenario.length,
    na: counts.na,
    invalid: counts.invalid,
    failed: counts.failed,
    mean: ci.mean,
    median: median(list),
    sd: sampleSd(list),
    ciLow: ci.ciLow,
    ciHigh: ci.ciHigh,
    level: ci.level,
    resamples: ci.resamples,
    histogram: bins && list.length ? histogram(list, bins) : null,
    ...(ci.reason ? { reason: ci.reason } : {}),
  };
}
