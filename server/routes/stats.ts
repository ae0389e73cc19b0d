import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { doc } from '../lib/openapi.ts';
import { validate } from '../lib/validator.ts';
import { agreement, agreementQuery, agreementSchema } from '../queries/stats/agreement.ts';
import { comparePaired, compareQuery, compareTraits, compareTraitsQuery, compareTraitsSchema, pairedComparisonSchema } from '../queries/stats/compare.ts';
import { ratings, ratingsQuery, ratingsSchema } from '../queries/stats/ratings.ts';
import { selection, selectionQuery, selectionSchema } from '../queries/stats/selections.ts';
import { thinkingCompare, thinkingCompareQuery, thinkingCompareSchema, thinkingQuery, thinkingSchema, thinkingSummary } from '../queries/stats/thinking.ts';
import { traitSummaries, traitSummaryListSchema, traitSummaryQuery } from '../queries/stats/summary.ts';

const tags = ['stats'];

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
    async (c) => c.json(await traitSummaries(c.var.deps.database.db, c.req.valid('query')), 200),
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
    async (c) => c.json(await comparePaired(c.var.deps.database.db, c.req.valid('query')), 200),
  )
  .get(
    '/compare/traits',
    doc({ summary: 'Paired comparisons of two versions on several traits, with Holm-adjusted p-values', tags, success: { status: 200, description: 'One comparison per trait', schema: compareTraitsSchema }, errors: [400, 404, 422] }),
    validate('query', compareTraitsQuery),
    async (c) => c.json(await compareTraits(c.var.deps.database.db, c.req.valid('query')), 200),
  )
  .get(
    '/ratings',
    doc({ summary: 'Pairwise verdicts as Bradley–Terry ratings with CIs, win rates, counts per order and position bias', tags, success: { status: 200, description: 'Ratings', schema: ratingsSchema }, errors: [400, 404, 422] }),
    validate('query', ratingsQuery),
    async (c) => c.json(await ratings(c.var.deps.database.db, c.req.valid('query')), 200),
  )
  .get(
    '/agreement',
    doc({ summary: "Agreement on a trait: Krippendorff's alpha (humans, and with the judge), judge–human kappa and Spearman, confusion, per rater", tags, success: { status: 200, description: 'Agreement', schema: agreementSchema }, errors: [400, 404] }),
    validate('query', agreementQuery),
    async (c) => c.json(await agreement(c.var.deps.database.db, c.req.valid('query')), 200),
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
    async (c) => c.json(await thinkingSummary(c.var.deps.database.db, c.req.valid('query')), 200),
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
    async (c) => c.json(await thinkingCompare(c.var.deps.database.db, c.req.valid('query')), 200),
  )
  .get(
    '/selections',
    doc({ summary: 'Transcripts worth a second look: largest judge spread, or largest judge–human gap', tags, success: { status: 200, description: 'The selection', schema: selectionSchema }, errors: [400, 404] }),
    validate('query', selectionQuery),
    async (c) => c.json(await selection(c.var.deps.database.db, c.req.valid('query')), 200),
  );
