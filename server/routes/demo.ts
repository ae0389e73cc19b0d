import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { loadDemo } from '../demo/load.ts';
import { doc } from '../lib/openapi.ts';
import { batchResponseSchema } from '../schemas/ingest.ts';
import { auditCaller } from '../auth/audit.ts';

export const demoRoutes = new Hono<AppEnv>().post(
  '/',
  doc({ summary: 'Load the demo data set (idempotent: a second load is all duplicates)', tags: ['demo'], success: { status: 200, description: 'What was written', schema: batchResponseSchema } }),
  async (c) => {
    const { database, limits } = c.var.deps;
    const result = await loadDemo({ database, limits }, c.var.user.id);
    await auditCaller(c, { action: 'demo.load', target: result.batchId, details: { inserted: result.inserted } });
    return c.json(result, 200);
  },
);
