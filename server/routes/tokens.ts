import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { apiTokens, users } from '../../db/schema/index.ts';
import { createApiToken, revokeToken, scopesAllowed } from '../auth/users.ts';
import type { AppEnv } from '../context.ts';
import { Forbidden } from '../lib/errors.ts';
import { doc } from '../lib/openapi.ts';
import { validate } from '../lib/validator.ts';
import { createdTokenSchema, createTokenBody, tokenListQuery, tokenListSchema } from '../schemas/auth.ts';
import { idParam, okSchema } from '../schemas/common.ts';

const tags = ['tokens'];
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** API tokens. The secret is shown once, on creation; only its SHA-256 is stored. */
export const tokenRoutes = new Hono<AppEnv>()
  .get(
    '/',
    doc({ summary: 'Active API tokens: your own, or with all=true (admins) everyone’s', tags, success: { status: 200, description: 'Tokens, newest first (never their secrets)', schema: tokenListSchema }, errors: [400] }),
    validate('query', tokenListQuery),
    async (c) => {
      const user = c.var.user;
      const all = c.req.valid('query').all === 'true';
      if (all && user.role !== 'admin') throw new Forbidden('Only an admin may list every user’s tokens');
      const rows = await c.var.deps.database.db
        .select({ id: apiTokens.id, name: apiTokens.name, owner: users.email, scopes: apiTokens.scopes, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .where(and(isNull(apiTokens.revokedAt), all ? undefined : eq(apiTokens.userId, user.id)))
        .orderBy(desc(apiTokens.createdAt));
      return c.json({ items: rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString(), lastUsedAt: iso(r.lastUsedAt) })) }, 200);
    },
  )
  .post(
    '/',
    doc({ summary: 'Create an API token; the secret is returned once', tags, success: { status: 201, description: 'The token with its secret', schema: createdTokenSchema }, errors: [400] }),
    validate('json', createTokenBody),
    async (c) => {
      const body = c.req.valid('json');
      const user = c.var.user;
      // A token carries no more than its creator has: the role's scopes, and a token passes on only its own.
      const beyondRole = scopesAllowed(user.role, body.scopes);
      if (beyondRole) throw new Forbidden(`A ${user.role} cannot create a token with the "${beyondRole}" scope`);
      const beyondToken = user.via === 'token' ? body.scopes.find((s) => !user.scopes.includes(s)) : undefined;
      if (beyondToken) throw new Forbidden(`This API token cannot create a token with the "${beyondToken}" scope it lacks`);
      const token = await createApiToken(c.var.deps.database, { userId: user.id, name: body.name, scopes: body.scopes });
      return c.json(token, 201);
    },
  )
  .delete(
    '/:id',
    doc({ summary: 'Revoke an API token: your own (signed in), the token itself, or any (admin)', tags, success: { status: 200, description: 'Revoked', schema: okSchema }, errors: [400, 404] }),
    validate('param', idParam),
    async (c) => {
      await revokeToken(c.var.deps.database, c.req.valid('param').id, c.var.user);
      return c.json({ ok: true as const }, 200);
    },
  );
