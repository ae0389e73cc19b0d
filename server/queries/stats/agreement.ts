import { and, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { labelQueues, queueItems, scores, type TraitScale } from '../../../db/schema/index.ts';
import { NotFound } from '../../lib/errors.ts';
import { raterValues, transcriptTraitValue, type ScoreRowForValue } from '../../aggregate/rule.ts';
import { storedString } from '../../lib/text.ts';
import { confusionMatrix } from '../../stats/confusion.ts';
import { cohenKappa } from '../../stats/kappa.ts';
import { krippendorffAlpha, type AlphaMetric } from '../../stats/krippendorff.ts';
import { spearmanRho } from '../../stats/spearman.ts';
import { statsOptionsShape, traitBySlug, traitIdentitySchema } from './common.ts';

const metricSchema = z.enum(['nominal', 'ordinal', 'interval', 'ratio']);

export const agreementQuery = z.object({
  trait: storedString({ max: 100 }).describe('Trait slug'),
  queue: storedString({ max: 100 }).optional().describe("A label queue's id: only its items, its labelers' labels there, and the judge's values of those transcripts"),
  level: metricSchema.optional().describe("Level of measurement for alpha; from the trait's scale when absent (categories: nominal, a rubric's 1–5 points: ordinal, other numbers: interval)"),
  ...statsOptionsShape,
});

const alphaSchema = z.object({
  value: z.number().nullable(),
  ciLow: z.number().nullable().describe('95% bootstrap CI over units (transcripts)'),
  ciHigh: z.number().nullable(),
  level: metricSchema,
  units: z.int().describe('Transcripts rated by at least two raters'),
  pairable: z.int().describe('Ratings in those units'),
  reason: z.string().optional().describe('Why alpha cannot be computed'),
});

export const agreementSchema = z
  .object({
    trait: traitIdentitySchema,
    alpha: alphaSchema.describe("Krippendorff's alpha across human labelers (each labeler's latest label per transcript)"),
    alphaWithJudge: alphaSchema.describe('The same, with the judge (its per-transcript value) as one more rater'),
    kappa: z.object({ value: z.number().nullable(), n: z.int(), weights: z.literal('quadratic'), reason: z.string().optional() }).describe("Cohen's quadratic-weighted kappa: the judge vs the human consensus, both rounded to the scale's points"),
    spearman: z.object({ value: z.number().nullable(), n: z.int(), reason: z.string().optional() }).describe('Judge value vs human consensus (mean of labelers), unrounded'),
    confusion: z.object({ categories: z.array(z.number()), counts: z.array(z.array(z.int())).describe('counts[i][j]: judge said categories[i], humans categories[j]'), n: z.int() }).nullable(),
    raters: z.array(
      z.object({
        rater: z.string().describe('A labeler, or judge'),
        kind: z.enum(['human', 'judge']),
        units: z.int().describe('Transcripts this rater rated'),
        kappaWithRest: z.number().nullable().describe('Quadratic kappa against the mean of the other raters on the same transcripts'),
      }),
    ),
  })
  .meta({ id: 'Agreement' });

function defaultMetric(scale: TraitScale | null): AlphaMetric {
  if (!scale || scale.kind === 'categorical' || scale.kind === 'boolean') return scale ? 'nominal' : 'interval';
  return Number.isInteger(scale.min) && Number.isInteger(scale.max) && scale.max - scale.min <= 20 ? 'ordinal' : 'interval';
}

/** Rounds to the nearest point of an integer scale (clamped), or leaves the value as it is. */
function toPoint(value: number, scale: TraitScale | null): number {
  if (scale?.kind !== 'numeric') return Math.round(value);
  return Math.min(scale.max, Math.max(scale.min, Math.round(value)));
}

/** How far human labelers agree with each other and with the judge on one trait, transcript by transcript. */
export async function agreement(db: Db, query: z.infer<typeof agreementQuery>) {
  const trait = await traitBySlug(db, query.trait);
  const level = query.level ?? defaultMetric(trait.scale);
  if (query.queue !== undefined) {
    const [queue] = await db.select({ id: labelQueues.id }).from(labelQueues).where(eq(labelQueues.id, query.queue));
    if (!queue) throw new NotFound(`No label queue ${query.queue}`);
  }
  // In a queue: a human row counts when it was given there; a judge row when its transcript is one of the items.
  const inQueue =
    query.queue === undefined
      ? undefined
      : and(
          inArray(scores.transcriptId, db.select({ id: queueItems.transcriptId }).from(queueItems).where(eq(queueItems.queueId, query.queue))),
          or(eq(scores.source, 'judge'), eq(scores.labelQueueId, query.queue)),
        );
  const rows = await db
    .select({
      transcriptId: scores.transcriptId,
      id: scores.id,
      source: scores.source,
      status: scores.status,
      value: scores.value,
      category: scores.category,
      turnStart: scores.turnStart,
      turnEnd: scores.turnEnd,
      sampleIndex: scores.sampleIndex,
      labeler: scores.labeler,
      supersedes: scores.supersedes,
      adjudicated: scores.adjudicated,
    })
    .from(scores)
    .where(and(eq(scores.traitId, trait.id), inArray(scores.source, ['human', 'judge']), inQueue));
  const byTranscript = new Map<string, { human: ScoreRowForValue[]; judge: ScoreRowForValue[] }>();
  for (const r of rows) {
    const entry = byTranscript.get(r.transcriptId) ?? { human: [], judge: [] };
    if (r.source === 'human') entry.human.push(r);
    else entry.judge.push(r);
    byTranscript.set(r.transcriptId, entry);
  }
  // Categories become their index in the trait's list, so nominal alpha can compare them.
  const categoryIndex = new Map((trait.scale?.kind === 'categorical' ? trait.scale.categories : []).map((c, i) => [c, i]));
  const numberOf = (v: { value: number | null; category: string | null }) => v.value ?? (v.category !== null ? (categoryIndex.get(v.category) ?? null) : null);
  const units: { labels: Map<string, number>; judge: number | null }[] = [];
  for (const entry of byTranscript.values()) {
    const labels = new Map<string, number>();
    for (const r of raterValues(entry.human).raters) {
      const v = numberOf(r);
      if (v !== null) labels.set(r.rater.replace(/^labeler:/, ''), v);
    }
    const judgeValue = entry.judge.length ? numberOf(transcriptTraitValue('judge', entry.judge)) : null;
    if (labels.size || judgeValue !== null) units.push({ labels, judge: judgeValue });
  }
  const labelers = [...new Set(units.flatMap((u) => [...u.labels.keys()]))].sort();
  const matrix = (withJudge: boolean) => units.map((u) => [...labelers.map((l) => u.labels.get(l) ?? null), ...(withJudge ? [u.judge] : [])]);
  const alphaOptions = { metric: level, seed: query.seed, resamples: Math.min(query.resamples, 1000) };
  const alphaOf = (withJudge: boolean) => {
    const raterCount = labelers.length + (withJudge && units.some((u) => u.judge !== null) ? 1 : 0);
    if (raterCount < 2) {
      return { value: null, ciLow: null, ciHigh: null, level, units: 0, pairable: 0, reason: `alpha needs at least two raters of ${trait.slug}; there ${raterCount === 1 ? 'is one' : 'are none'}` };
    }
    const a = krippendorffAlpha(matrix(withJudge), alphaOptions);
    return { value: a.value, ciLow: a.ciLow, ciHigh: a.ciHigh, level, units: a.units, pairable: a.pairable, ...(a.reason ? { reason: a.reason } : {}) };
  };

  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const paired = units.filter((u) => u.judge !== null && u.labels.size > 0);
  const judgeValues = paired.map((u) => u.judge ?? 0);
  const humanValues = paired.map((u) => mean([...u.labels.values()]));
  const points = trait.scale?.kind === 'numeric' && Number.isInteger(trait.scale.min) && Number.isInteger(trait.scale.max)
    ? Array.from({ length: trait.scale.max - trait.scale.min + 1 }, (_, i) => (trait.scale?.kind === 'numeric' ? trait.scale.min : 0) + i)
    : [];
  // Without a numeric scale the categories are the values seen.
  const kappaOptions = points.length ? { weights: 'quadratic' as const, categories: points } : { weights: 'quadratic' as const };
  const judgePoints = judgeValues.map((v) => toPoint(v, trait.scale));
  const humanPoints = humanValues.map((v) => toPoint(v, trait.scale));
  const kappa = paired.length ? cohenKappa(judgePoints, humanPoints, kappaOptions) : { value: null, n: 0, weights: 'quadratic' as const, reason: 'no transcript has both a judge value and a human label' };
  const spearman = paired.length ? spearmanRho(judgeValues, humanValues) : { value: null, n: 0, reason: 'no transcript has both a judge value and a human label' };
  const confusion = paired.length ? confusionMatrix(judgePoints, humanPoints, points) : null;

  const raterNames: { rater: string; kind: 'human' | 'judge' }[] = [...labelers.map((l) => ({ rater: l, kind: 'human' as const })), ...(units.some((u) => u.judge !== null) ? [{ rater: 'judge', kind: 'judge' as const }] : [])];
  const raters = raterNames.map(({ rater, kind }) => {
    const own: number[] = [];
    const rest: number[] = [];
    let rated = 0;
    for (const u of units) {
      const mine = kind === 'judge' ? u.judge : (u.labels.get(rater) ?? null);
      if (mine === null) continue;
      rated++;
      const others = [...[...u.labels.entries()].filter(([l]) => kind === 'judge' || l !== rater).map(([, v]) => v), ...(kind === 'human' && u.judge !== null ? [u.judge] : [])];
      if (!others.length) continue;
      own.push(toPoint(mine, trait.scale));
      rest.push(toPoint(mean(others), trait.scale));
    }
    const k = own.length ? cohenKappa(own, rest, kappaOptions) : null;
    return { rater, kind, units: rated, kappaWithRest: k?.value ?? null };
  });

  return {
    trait: { slug: trait.slug, title: trait.title, polarity: trait.polarity, scale: trait.scale, unit: trait.unit, source: trait.source },
    alpha: alphaOf(false),
    alphaWithJudge: alphaOf(true),
    kappa: { value: kappa.value, n: kappa.n, weights: 'quadratic' as const, ...(kappa.reason ? { reason: kappa.reason } : {}) },
    spearman: { value: spearman.value, n: spearman.n, ...(spearman.reason ? { reason: spearman.reason } : {}) },
    confusion: confusion ? { categories: confusion.categories, counts: confusion.counts, n: confusion.n } : null,
    raters,
  };
}
