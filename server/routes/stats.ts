import { Hono } from 'hono';
import type { Database, Db } from '../../db/client.ts';
import type { AppEnv } from '../context.ts';
import { doc } from '../lib/openapi.ts';
import { validate } from '../lib/validator.ts';
import { memoRead } from '../queries/memo.ts';
import { agreement, agreementQuery, agreementSchema } from '../queries/stats/agreement.ts';
import { comparePaired, compareQuery, compareTraits, compareTraitsQuery, compareTraitsSchema, pairedComparisonSchema } from '../queries/stats/compare.ts';
import { ratings, ratingsQuery, ratingsSchema } from '../queries/stats/ratings.ts';
import { selection, selectionQuery, selectionSchema } from '../queries/stats/selections.ts';
import { thinkingCompare, thinkingCompareQuery, thinkingCompareSchema, thinkingQuery, thinkingSchema, thinkingSummary } from '../queries/stats/thinking.ts';
import { traitSummaries, traitSummaryListSchema, traitSummaryQuery } from '../queries/stats/summary.ts';

const tags = ['stats'];

/** Every figure here is seeded and read-only: one computation per query and data version (queries/memo.ts). */
function cached<Q, T>(database: Database, name: string, query: Q, compute: (db: Db, query: Q) => Promise<T>): Promise<T> {
  return memoRead(database, name, query, () => compute(database.db, query));
}

export const statsRoutes = new Hono<AppEnv>()
  .get(
    '/traits',
    doc({
      summary: 'Trait summary per model version: n, mean over scenarios with a scenario-bootstrap 95% CI, median, SD, histogram',
      description: 'Sources are kept apart: one item per trait, source and model. Numbers follow the one aggregation rule (unit).',
      tags,
      success: { status: 200, description: 'Summaries', schema: traitSummaryListSchema },
      errors: [400, 404],
    }),
    validate('query', traitSummaryQuery),
    async (c) => c.json(await cached(c.var.deps.database, 'traits', c.req.valid('query'), traitSummaries), 200),
  )
  .get(
    '/compare',
    doc({
      summary: 'Paired comparison of two versions on one trait over their shared scenarios: mean delta, CI, permutation p, d_z',
      tags,
      success: { status: 200, description: 'The comparison', schema: pairedComparisonSchema },
      errors: [400, 404, 422],
    }),
    validate('query', compareQuery),
    async (c) => c.json(await cached(c.var.deps.database, 'compare', c.req.valid('query'), comparePaired), 200),
  )
  .get(
    '/compare/traits',
    doc({ summary: 'Paired comparisons of two versions on several traits, with Holm-adjusted p-values', description: 'A trait the two versions share no scenario on is an item with n = 0, null figures and its reason; the other traits are answered and Holm runs over those with a p-value.', tags, success: { status: 200, description: 'One comparison per trait', schema: compareTraitsSchema }, errors: [400, 404, 422] }),
    validate('query', compareTraitsQuery),
    async (c) => c.json(await cached(c.var.deps.database, 'compare/traits', c.req.valid('query'), compareTraits), 200),
  )
  .get(
    '/ratings',
    doc({ summary: 'Pairwise verdicts as Bradley–Terry ratings with CIs, win rates, counts per order and position bias', tags, success: { status: 200, description: 'Ratings', schema: ratingsSchema }, errors: [400, 404, 422] }),
    validate('query', ratingsQuery),
    async (c) => c.json(await cached(c.var.deps.database, 'ratings', c.req.valid('query'), ratings), 200),
  )
  .get(
    '/agreement',
    doc({ summary: "Agreement on a trait: Krippendorff's alpha (humans, and with the judge), judge–human kappa and Spearman, confusion, per rater", tags, success: { status: 200, description: 'Agreement', schema: agreementSchema }, errors: [400, 404] }),
    validate('query', agreementQuery),
    async (c) => c.json(await cached(c.var.deps.database, 'agreement', c.req.valid('query'), agreement), 200),
  )
  .get(
    '/thinking',
    doc({
      summary: 'Thinking per model version: share of assistant messages that thought (with CI), length, by scenario category and turn position, a trait split by thought vs not, and the thinking_appropriateness 2×2',
      tags,
      success: { status: 200, description: 'Thinking per model version', schema: thinkingSchema },
      errors: [400, 404, 422],
    }),
    validate('query', thinkingQuery),
    async (c) => c.json(await cached(c.var.deps.database, 'thinking', c.req.valid('query'), thinkingSummary), 200),
  )
  .get(
    '/thinking/compare',
    doc({
      summary: 'Two versions on shared scenarios: paired change in how often they thought, who thought where, and a trait’s paired change split by it',
      tags,
      success: { status: 200, description: 'The comparison', schema: thinkingCompareSchema },
      errors: [400, 404, 422],
    }),
    validate('query', thinkingCompareQuery),
    async (c) => c.json(await cached(c.var.deps.database, 'thinking/compare', c.req.valid('query'), thinkingCompare), 200),
  )
  .get(
    '/selections',
    doc({ summary: 'Transcripts worth a second look: largest judge spread, or largest judge–human gap', tags, success: { status: 200, description: 'The selection', schema: selectionSchema }, errors: [400, 404] }),
    validate('query', selectionQuery),
    async (c) => c.json(await cached(c.var.deps.database, 'selections', c.req.valid('query'), selection), 200),
  );
