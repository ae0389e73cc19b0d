import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { doc } from '../lib/openapi.ts';
import { validate } from '../lib/validator.ts';
import { comparisonListQuery, comparisonListSchema, listComparisons } from '../queries/comparisons.ts';

export const comparisonRoutes = new Hono<AppEnv>().get(
  '/',
  doc({ summary: 'Pairwise verdicts (imported, judged, labeled), newest first, by trait, model, scenario, transcript or source', tags: ['comparisons'], success: { status: 200, description: 'A page of verdicts', schema: comparisonListSchema }, errors: [400] }),
  validate('query', comparisonListQuery),
  async (c) => c.json(await listComparisons(c.var.deps.database.db, c.req.valid('query')), 200),
);
