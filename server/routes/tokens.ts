import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { apiTokens } from '../../db/schema/index.ts';
import { createApiToken } from '../auth/users.ts';
import type { AppEnv } from '../context.ts';
import { Forbidden, NotFound } from '../lib/errors.ts';
import { doc } from '../lib/openapi.ts';
import { validate } from '../lib/validator.ts';
import { createdTokenSchema, createTokenBody, tokenListSchema } from '../schemas/auth.ts';
import { idParam, okSchema } from '../schemas/common.ts';

const tags = ['tokens'];

/** A user's own API tokens. The secret is shown once, on creation. */
export const tokenRoutes = new Hono<AppEnv>()
  .get('/', doc({ summary: "The caller's active API tokens", tags, success: { status: 200, description: 'Tokens, newest first (never their secrets)', schema: tokenListSchema } }), async (c) => {
    const rows = await c.var.deps.database.db
      .select({ id: apiTokens.id, name: apiTokens.name, scopes: apiTokens.scopes, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, c.var.user.id), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.createdAt));
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return c.json({ items: rows.map((r) => ({ ...r, createdAt: iso(r.createdAt), lastUsedAt: iso(r.lastUsedAt) })) }, 200);
  })
  .post(
    '/',
    doc({ summary: 'Create an API token; the secret is returned once', tags, success: { status: 201, description: 'The token with its secret', schema: createdTokenSchema }, errors: [400] }),
    validate('json', createTokenBody),
    async (c) => {
    const body = c.req.valid('json');
    const user = c.var.user;
    // A token can carry no more than its creator has: admin scope only for admins, and a token only passes on its own scopes.
    for (const scope of body.scopes) {
      if ((scope === 'admin' && user.role !== 'admin') || (user.via === 'token' && !user.scopes.includes(scope) && !user.scopes.includes('admin'))) {
        throw new Forbidden(`You cannot create a token with the "${scope}" scope`);
      }
    }
    const token = await createApiToken(c.var.deps.database, { userId: user.id, name: body.name, scopes: body.scopes });
    return c.json(token, 201);
    },
  )
  .delete('/:id', doc({ summary: 'Revoke an API token', tags, success: { status: 200, description: 'Revoked', schema: okSchema }, errors: [400, 404] }), validate('param', idParam), async (c) => {
    const { id } = c.req.valid('param');
    const revoked = await c.var.deps.database.write((db) =>
      db
        .update(apiTokens)
        .set({ revokedAt: Date.now() })
        .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, c.var.user.id), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id }),
    );
    if (!revoked.length) throw new NotFound(`No active token ${id}`);
    return c.json({ ok: true as const }, 200);
  });
