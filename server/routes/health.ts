import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';

/** Needs no auth. `needsSetup` tells the web app to show the first-start page instead of the login. */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  await c.var.deps.database.client.execute('SELECT 1');
  return c.json({ status: 'ok' as const, needsSetup: c.var.deps.setup.token !== null }, 200);
});
