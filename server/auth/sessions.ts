import { and, eq, ne } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Tx, WriteDb } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { sessions, users } from '../../db/schema/index.ts';
import type { AppEnv } from '../context.ts';
import { SESSION_COOKIE } from './middleware.ts';
import { hashSecret, newSecret } from './secrets.ts';

export const defaultSessionPolicy = { ttlMs: 7 * 24 * 60 * 60 * 1000, idleMs: 12 * 60 * 60 * 1000 };

/** Whether the browser reached us over HTTPS: directly, or through a trusted proxy that says so. */
export function isHttps(c: Context<AppEnv>): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.var.deps.trustProxy && (c.req.header('x-forwarded-proto') ?? '').split(',')[0]?.trim() === 'https';
}

/** The client's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.deps.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
    return 'unknown';
  }
}

export async function startSession(c: Context<AppEnv>, userId: string): Promise<void> {
  const secret = newSecret('cls');
  const now = Date.now();
  const { ttlMs } = c.var.deps.sessionPolicy;
  await c.var.deps.database.write((db) =>
    db.transaction(async (tx) => {
      await tx.insert(sessions).values({ id: newId(), tokenHash: hashSecret(secret), userId, expiresAt: now + ttlMs, lastSeenAt: now, createdAt: now });
      await tx.update(users).set({ lastSeenAt: now }).where(eq(users.id, userId));
    }),
  );
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: c.var.deps.secureCookies || isHttps(c),
    maxAge: Math.floor(ttlMs / 1000),
  });
}

export async function endSession(c: Context<AppEnv>): Promise<void> {
  const secret = getCookie(c, SESSION_COOKIE);
  if (secret) await c.var.deps.database.write((db) => db.delete(sessions).where(eq(sessions.tokenHash, hashSecret(secret))));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/** Ends every session of a user but one (a password change keeps the session that made it). */
export async function endSessionsOf(tx: Tx | WriteDb, userId: string, keep?: string): Promise<void> {
  await tx.delete(sessions).where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId));
}
