import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { newId } from '../../db/ids.ts';
import { sessions } from '../../db/schema/index.ts';
import type { AppEnv } from '../context.ts';
import { SESSION_COOKIE } from './middleware.ts';
import { hashSecret, newSecret } from './secrets.ts';

const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export async function startSession(c: Context<AppEnv>, userId: string): Promise<void> {
  const secret = newSecret('cls');
  const now = Date.now();
  await c.var.deps.database.write((db) =>
    db.insert(sessions).values({ id: newId(), tokenHash: hashSecret(secret), userId, expiresAt: now + SESSION_TTL_MS, createdAt: now }),
  );
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: c.var.deps.secureCookies ?? false,
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export async function endSession(c: Context<AppEnv>): Promise<void> {
  const secret = getCookie(c, SESSION_COOKIE);
  if (secret) await c.var.deps.database.write((db) => db.delete(sessions).where(eq(sessions.tokenHash, hashSecret(secret))));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}
