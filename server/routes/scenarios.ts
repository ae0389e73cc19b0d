import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.ts';
import { doc } from '../lib/openapi.ts';
import { storedString } from '../lib/text.ts';
import { validate } from '../lib/validator.ts';
import { listScenarios, scenarioDetail, scenarioDetailSchema, scenarioListQuery, scenarioListSchema } from '../queries/scenarios.ts';

const tags = ['scenarios'];

export const scenarioRoutes = new Hono<AppEnv>()
  .get(
    '/',
    doc({ summary: 'Scenarios with transcript and model counts, by key', tags, success: { status: 200, description: 'A page of scenarios', schema: scenarioListSchema }, errors: [400] }),
    validate('query', scenarioListQuery),
    async (c) => c.json(await listScenarios(c.var.deps.database.db, c.req.valid('query')), 200),
  )
  .get(
    '/:id',
    doc({ summary: 'A scenario and its transcripts across models, with their trait values', tags, success: { status: 200, description: 'The scenario', schema: scenarioDetailSchema }, errors: [400, 404] }),
    validate('param', z.object({ id: storedString({ max: 500 }).describe('Scenario id or key') })),
    async (c) => c.json(await scenarioDetail(c.var.deps.database.db, c.req.valid('param').id), 200),
  );
