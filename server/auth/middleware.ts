import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import { apiTokens, sessions, users } from '../../db/schema/index.ts';
import type { AppEnv, AuthUser } from '../context.ts';
import { Forbidden, Unauthenticated } from '../lib/errors.ts';
import { roleScopes, routeAccess, tokenScopes, type TokenScope } from './access.ts';
import { hashSecret } from './secrets.ts';

export const SESSION_COOKIE = 'charlens_session';
/** Last-use times are kept to this resolution: a write per request would load the write queue. */
const LAST_USED_RESOLUTION_MS = 5 * 60 * 1000;

/** The route a request matched, as the OpenAPI document writes it (`GET /api/v1/transcripts/{id}`), or null. */
export function routeKey(c: Context): string | null {
  // Middleware (`use`) entries have method ALL; wildcard entries are catch-alls (the API 404, the web app).
  const route = matchedRoutes(c).find((r) => r.method !== 'ALL' && !r.path.endsWith('*'));
  return route ? `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}` : null;
}

/**
 * The one access check, for every API request: the route's entry in the access table (access.ts) says whether
 * it is public, which roles may call it and which scope it needs. A route missing from the table is refused.
 */
export const authorize = createMiddleware<AppEnv>(async (c, next) => {
  const key = routeKey(c);
  if (key === null) return next(); // no such route: the 404 handler answers
  const access = routeAccess[key];
  if (!access) throw new Forbidden(`${key} has no entry in the access table`);
  if (access.public) return next();
  const user = await resolveUser(c);
  if (!access.roles.includes(user.role)) throw new Forbidden(`Your role (${user.role}) may not use ${key}`);
  if (access.scope && !user.scopes.includes(access.scope)) {
    throw new Forbidden(user.via === 'token' ? `This API token lacks the "${access.scope}" scope` : `Your role (${user.role}) lacks the "${access.scope}" scope`);
  }
  c.set('user', user);
  await next();
});

/** Resolves the caller from an `Authorization: Bearer` API token or the session cookie; 401 when neither holds. */
async function resolveUser(c: Context<AppEnv>): Promise<AuthUser> {
  const { database, logger, sessionPolicy } = c.var.deps;
  const db = database.keyLookups;
  const now = Date.now();
  const header = c.req.header('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new Unauthenticated('Authorization header must be "Bearer <token>"');
    const [row] = await db
      .select({ id: users.id, email: users.email, role: users.role, scopes: apiTokens.scopes, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(and(eq(apiTokens.tokenHash, hashSecret(match[1])), isNull(apiTokens.revokedAt), isNull(users.disabledAt)));
    if (!row) throw new Unauthenticated('API token is invalid or revoked');
    if (row.lastUsedAt === null || now - row.lastUsedAt > LAST_USED_RESOLUTION_MS) {
      database
        .write((w) => w.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId)), { bookkeeping: true })
        .catch((err: unknown) => logger.warn('token.last_used_failed', { message: err instanceof Error ? err.message : String(err) }));
    }
    return { id: row.id, email: row.email, role: row.role, via: 'token', tokenId: row.tokenId, scopes: tokenScopesFor(row.role, row.scopes) };
  }
  const secret = getCookie(c, SESSION_COOKIE);
  if (secret) {
    const [row] = await db
      .select({ id: users.id, email: users.email, role: users.role, sessionId: sessions.id, lastSeenAt: sessions.lastSeenAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, hashSecret(secret)), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, now - sessionPolicy.idleMs), isNull(users.disabledAt)));
    if (row) {
      if (now - row.lastSeenAt > LAST_USED_RESOLUTION_MS) {
        database
          .write((w) =>
            w.transaction(async (tx) => {
              await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
              await tx.update(users).set({ lastSeenAt: now }).where(eq(users.id, row.id));
            }),
            { bookkeeping: true },
          )
          .catch((err: unknown) => logger.warn('session.last_seen_failed', { message: err instanceof Error ? err.message : String(err) }));
      }
      return { id: row.id, email: row.email, role: row.role, via: 'session', sessionId: row.sessionId, scopes: [...roleScopes[row.role]] };
    }
  }
  throw new Unauthenticated('Sign in, or send Authorization: Bearer <token>');
}

/** A token's scopes, expanded (`admin` implies all) and capped at what its owner's role has. */
function tokenScopesFor(role: AuthUser['role'], stored: readonly string[]): TokenScope[] {
  const given = new Set(stored.includes('admin') ? tokenScopes : stored);
  return roleScopes[role].filter((s) => given.has(s));
}

export function isScope(s: string): s is TokenScope {
  return tokenScopes.some((scope) => scope === s);
}

/**
 * Cookie-authenticated changes must come from this app's own pages: a foreign `Origin` (or a cross-site
 * `Sec-Fetch-Site`) is refused, so no other site can post with the user's cookie — forms, `no-cors` fetches and
 * `text/plain` bodies included. Bearer-token requests carry no ambient credential and are not checked.
 */
export const sameOriginForCookies = createMiddleware<AppEnv>(async (c, next) => {
  const method = c.req.method;
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || c.req.header('authorization')) return next();
  const origin = c.req.header('origin');
  const allowed = new Set([new URL(c.req.url).origin, ...c.var.deps.trustedOrigins]);
  if (origin !== undefined && origin !== 'null' && allowed.has(origin)) return next();
  const site = c.req.header('sec-fetch-site');
  if (origin === undefined && (site === undefined || site === 'same-origin' || site === 'none')) return next();
  throw new Forbidden(`Cross-site request refused: ${method} with a session cookie must come from this app's pages (Origin ${origin ?? site ?? 'unknown'})`);
});
