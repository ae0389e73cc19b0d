import { aliasedTable, and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { comparisons, models, transcripts } from '../../../db/schema/index.ts';
import { Unprocessable } from '../../lib/errors.ts';
import { storedString } from '../../lib/text.ts';
import { battleRecords, winRateMatrix, type Battle } from '../../stats/battles.ts';
import { bradleyTerry } from '../../stats/bradley-terry.ts';
import { positionBias, type PositionedVerdict } from '../../stats/position-bias.ts';
import { scoreSourceSchema } from '../../schemas/common.ts';
import { liveComparison } from '../comparisons.ts';
import { resolveComparisonSource, statsOptionsShape, traitBySlug, traitIdentitySchema } from './common.ts';

export const ratingsQuery = z.object({
  trait: storedString({ max: 100 }).describe('Trait slug of the comparisons (mtbench_pairwise, hh_harmless, a judged pairwise rubric, …)'),
  source: scoreSourceSchema.optional().describe("Which source's verdicts; required when the trait has several"),
  ...statsOptionsShape,
});

export const ratingsSchema = z
  .object({
    trait: traitIdentitySchema,
    source: scoreSourceSchema,
    comparisons: z.int().describe('Verdicts between two different model versions'),
    sameModel: z.int().describe('Verdicts between two transcripts of one model (e.g. hh-rlhf chosen/rejected): in the position figures, not in the ratings'),
    models: z.array(
      z.object({
        model: z.string(),
        wins: z.int(),
        losses: z.int(),
        ties: z.int(),
        battles: z.int(),
        winRate: z.number().describe('(wins + ties / 2) / battles'),
        rating: z.number().nullable().describe('Bradley–Terry on the Chatbot Arena scale: 400·log10(strength), ratings averaging 1000'),
        ciLow: z.number().nullable().describe('95% bootstrap CI over verdicts'),
        ciHigh: z.number().nullable(),
      }),
    ),
    winRates: z.object({ models: z.array(z.string()), rates: z.array(z.array(z.number().nullable())).describe('rates[i][j]: share of i’s verdicts against j that i won, ties as half'), battles: z.array(z.array(z.int())) }),
    byOrder: z
      .array(z.object({ modelA: z.string(), modelB: z.string(), shownOrder: z.enum(['ab', 'ba', 'unknown']), winsA: z.int(), winsB: z.int(), ties: z.int() }))
      .describe('Counts per model pair and order shown, A and B as stored (for MT-Bench: model_1 and model_2; ab is g1, ba is g2)'),
    positionBias: z.object({
      decided: z.int(),
      firstWins: z.int(),
      firstWinShare: z.number().nullable().describe('Share of decided verdicts won by the side shown first; 0.5 is no bias'),
      ciLow: z.number().nullable().describe('Wilson 95% interval'),
      ciHigh: z.number().nullable(),
      ties: z.int(),
      pairsInBothOrders: z.int(),
      agreeing: z.int(),
      agreementRate: z.number().nullable().describe('Pairs judged in both orders whose verdicts agree'),
      positionFlips: z.int().describe('Pairs where each order picked the side in the same position'),
      reason: z.string().optional(),
    }),
    connected: z.boolean(),
    reason: z.string().optional(),
  })
  .meta({ id: 'Ratings' });

/** Pairwise verdicts of one trait and source as ratings, win rates and position-bias figures. */
export async function ratings(db: Db, query: z.infer<typeof ratingsQuery>) {
  const trait = await traitBySlug(db, query.trait);
  const source = await resolveComparisonSource(db, trait, query.source);
  const ta = aliasedTable(transcripts, 'ta');
  const tb = aliasedTable(transcripts, 'tb');
  const ma = aliasedTable(models, 'ma');
  const mb = aliasedTable(models, 'mb');
  const rows = await db
    .select({ a: comparisons.transcriptA, b: comparisons.transcriptB, modelA: ma.name, modelB: mb.name, winner: comparisons.winner, shownOrder: comparisons.shownOrder, labeler: comparisons.labeler, judgeRunId: comparisons.judgeRunId })
    .from(comparisons)
    .innerJoin(ta, eq(ta.id, comparisons.transcriptA))
    .innerJoin(tb, eq(tb.id, comparisons.transcriptB))
    .innerJoin(ma, eq(ma.id, ta.modelId))
    .innerJoin(mb, eq(mb.id, tb.modelId))
    .where(and(eq(comparisons.traitId, trait.id), eq(comparisons.source, source), liveComparison));
  if (!rows.length) throw new Unprocessable(`Trait ${trait.slug} has no ${source} comparisons`);
  const battles: Battle[] = rows.filter((r) => r.modelA !== r.modelB).map((r) => ({ a: r.modelA, b: r.modelB, winner: r.winner }));
  const records = battleRecords(battles);
  const bt = battles.length ? bradleyTerry(battles, { seed: query.seed, resamples: Math.min(query.resamples, 1000) }) : null;
  const ratingOf = new Map(bt?.ratings.map((r) => [r.model, r]) ?? []);
  const matrix = winRateMatrix(battles);
  const orders = new Map<string, { modelA: string; modelB: string; shownOrder: 'ab' | 'ba' | 'unknown'; winsA: number; winsB: number; ties: number }>();
  for (const r of rows) {
    const key = `${r.modelA}\u0000${r.modelB}\u0000${r.shownOrder}`;
    const o = orders.get(key) ?? { modelA: r.modelA, modelB: r.modelB, shownOrder: r.shownOrder, winsA: 0, winsB: 0, ties: 0 };
    if (r.winner === 'a') o.winsA++;
    else if (r.winner === 'b') o.winsB++;
    else o.ties++;
    orders.set(key, o);
  }
  // The two orders of one pair share the pair of transcripts and who judged it.
  // Only verdicts whose order is known say anything about position.
  const verdicts: PositionedVerdict[] = rows.flatMap((r): PositionedVerdict[] => {
    if (r.shownOrder === 'unknown') return [];
    const [x, y] = r.a < r.b ? [r.a, r.b] : [r.b, r.a];
    const aFirst = r.shownOrder === 'ab';
    const winner = r.winner === 'tie' ? 'tie' : (r.winner === 'a') === aFirst ? 'first' : 'second';
    return [{ pairKey: `${x}|${y}|${r.labeler ?? ''}|${r.judgeRunId ?? ''}`, shownOrder: r.shownOrder, winner }];
  });
  const bias = positionBias(verdicts);
  return {
    trait: { slug: trait.slug, title: trait.title, polarity: trait.polarity, scale: trait.scale, unit: trait.unit, source: trait.source },
    source,
    comparisons: battles.length,
    sameModel: rows.length - battles.length,
    models: records.map((r) => ({ ...r, rating: ratingOf.get(r.model)?.rating ?? null, ciLow: ratingOf.get(r.model)?.ciLow ?? null, ciHigh: ratingOf.get(r.model)?.ciHigh ?? null })),
    winRates: { models: matrix.models, rates: matrix.rates, battles: matrix.battles },
    byOrder: [...orders.values()].sort((x, y) => `${x.modelA}${x.modelB}${x.shownOrder}`.localeCompare(`${y.modelA}${y.modelB}${y.shownOrder}`)),
    positionBias: { decided: bias.decided, firstWins: bias.firstWins, firstWinShare: bias.firstWinShare, ciLow: bias.ciLow, ciHigh: bias.ciHigh, ties: bias.ties, pairsInBothOrders: bias.pairsInBothOrders, agreeing: bias.agreeing, agreementRate: bias.agreementRate, positionFlips: bias.positionFlips, ...(bias.reason ? { reason: bias.reason } : {}) },
    connected: bt?.connected ?? false,
    ...(bt?.reason ? { reason: bt.reason } : battles.length ? {} : { reason: 'every verdict compares two transcripts of one model version: no ratings between versions' }),
  };
}
