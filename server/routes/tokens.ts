import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { apiTokens } from '../../db/schema/index.ts';
import { createApiToken, tokenScopes } from '../auth/users.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../lib/errors.ts';
import { validate } from '../lib/validator.ts';

export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(tokenScopes)).min(1).default(['read', 'write']),
});

/** A user's own API tokens. The secret is shown once, on creation. */
export const tokenRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const rows = await c.var.deps.database.db
      .select({ id: apiTokens.id, name: apiTokens.name, scopes: apiTokens.scopes, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, c.var.user.id), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.createdAt));
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return c.json({ items: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt), lastUsedAt: iso(r.lastUsedAt) })) }, 200);
  })
  .post('/', validate('json', createTokenBody), async (c) => {
    const body = c.req.valid('json');
    const user = c.var.user;
    // A token can carry no more than its creator has: admin scope only for admins, and a token only passes on its own scopes.
    for (const scope of body.scopes) {
      if ((scope === 'admin' && user.role !== 'admin') || (user.via === 'token' && !user.scopes.includes(scope) && !user.scopes.includes('admin'))) {
        throw new ApiError('forbidden', `You cannot create a token with the "${scope}" scope`);
      }
    }
    const token = await createApiToken(c.var.deps.database, { userId: user.id, name: body.name, scopes: body.scopes });
    return c.json(token, 201);
  })
  .delete('/:id', async (c) => {
    const id = c.req.param('id');
    const revoked = await c.var.deps.database.write((db) =>
      db
        .update(apiTokens)
        .set({ revokedAt: Date.now() })
        .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, c.var.user.id), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id }),
    );
    if (!revoked.length) throw new ApiError('not_found', `No active token ${id}`);
    return c.json({ ok: true }, 200);
  });
