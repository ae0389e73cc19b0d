import { Hono } from 'hono';
import { requireScope } from '../auth/middleware.ts';
import type { AppEnv } from '../context.ts';
import { loadDemo } from '../demo/load.ts';
import { doc } from '../lib/openapi.ts';
import { batchResponseSchema } from '../schemas/ingest.ts';

export const demoRoutes = new Hono<AppEnv>().post(
  '/',
  doc({ summary: 'Load the demo data set (idempotent: a second load is all duplicates)', tags: ['demo'], success: { status: 200, description: 'What was written', schema: batchResponseSchema } }),
  requireScope('write'),
  async (c) => {
    const { database, limits, spoolDir } = c.var.deps;
    return c.json(await loadDemo({ database, limits, spoolDir }, c.var.user.id), 200);
  },
);
