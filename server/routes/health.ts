import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { doc } from '../lib/openapi.ts';
import { healthSchema } from '../schemas/auth.ts';

/** Needs no auth. `needsSetup` tells the web app to show the first-start page instead of the login. */
export const healthRoutes = new Hono<AppEnv>().get(
  '/',
  doc({ summary: 'Liveness; says whether first-start setup is pending', tags: ['health'], public: true, success: { status: 200, description: 'The server answers and its database too', schema: healthSchema } }),
  async (c) => {
    await c.var.deps.database.client.execute('SELECT 1');
    return c.json({ status: 'ok' as const, needsSetup: c.var.deps.setup.token !== null }, 200);
  },
);
