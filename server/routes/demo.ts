import { Hono } from 'hono';
import { requireScope } from '../auth/middleware.ts';
import type { AppEnv } from '../context.ts';
import { loadDemo } from '../demo/load.ts';

export const demoRoutes = new Hono<AppEnv>().post('/', requireScope('write'), async (c) => {
  const { database, limits, spoolDir } = c.var.deps;
  const result = await loadDemo({ database, limits, spoolDir }, c.var.user.id);
  return c.json(result, 200);
});
