import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { doc } from '../lib/openapi.ts';
import { listModels, modelListSchema } from '../queries/models.ts';

export const modelRoutes = new Hono<AppEnv>().get(
  '/',
  doc({ summary: 'Model versions with transcript and scenario counts', tags: ['models'], success: { status: 200, description: 'Every model version', schema: modelListSchema } }),
  async (c) => c.json(await listModels(c.var.deps.database.db), 200),
);
