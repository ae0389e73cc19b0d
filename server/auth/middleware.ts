import { and, eq, gt, isNull } from 'drizzle-orm';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { apiTokens, sessions, users } from '../../db/schema/index.ts';
import type { AppEnv, AuthUser } from '../context.ts';
import { Forbidden, Unauthenticated } from '../lib/errors.ts';
import { hashSecret } from './secrets.ts';
import { tokenScopes, type TokenScope } from './users.ts';

export const SESSION_COOKIE = 'charlens_session';
const LAST_USED_RESOLUTION_MS = 10 * 60 * 1000;

/** Resolves the caller from the session cookie or an `Authorization: Bearer` API token; 401 when neither. */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const { db } = c.var.deps.database;
  const header = c.req.header('authorization');
  let user: AuthUser | undefined;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new Unauthenticated('Authorization header must be "Bearer <token>"');
    const [row] = await db
      .select({ id: users.id, email: users.email, role: users.role, scopes: apiTokens.scopes, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, hashSecret(match[1])), isNull(apiTokens.revokedAt)));
    if (!row) throw new Unauthenticated('API token is invalid or revoked');
    user = { id: row.id, email: row.email, role: row.role, via: 'token', scopes: row.scopes.filter(isScope) };
    const now = Date.now();
    // Coarse on purpose: a write per request would load the write queue; admins only need "used recently".
    if (row.lastUsedAt === null || now - row.lastUsedAt > LAST_USED_RESOLUTION_MS) {
      const { database, logger } = c.var.deps;
      database
        .write((db) => db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId)))
        .catch((err: unknown) => logger.warn('token.last_used_failed', { message: err instanceof Error ? err.message : String(err) }));
    }
  } else {
    const secret = getCookie(c, SESSION_COOKIE);
    if (secret) {
      const [row] = await db
        .select({ id: users.id, email: users.email, role: users.role })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, hashSecret(secret)), gt(sessions.expiresAt, Date.now())));
      if (row) user = { ...row, via: 'session', scopes: [...tokenScopes] };
    }
  }
  if (!user) throw new Unauthenticated('Sign in, or send Authorization: Bearer <token>');
  c.set('user', user);
  await next();
});

function isScope(s: string): s is TokenScope {
  return tokenScopes.some((scope) => scope === s);
}

/** Writes need the `write` scope on a token; `admin` implies every scope. */
export const requireScope = (scope: TokenScope) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { scopes } = c.var.user;
    if (!scopes.includes(scope) && !scopes.includes('admin')) {
      throw new Forbidden(`This API token lacks the "${scope}" scope`);
    }
    await next();
  });

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const user = c.var.user;
  if (user.role !== 'admin' || (user.via === 'token' && !user.scopes.includes('admin'))) {
    throw new Forbidden('Only an admin may do this');
  }
  await next();
});
