import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { users } from '../../db/schema/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { hashPassword, newSecret, verifyPassword } from '../auth/secrets.ts';
import { clientAddress, endSession, endSessionsOf, startSession } from '../auth/sessions.ts';
import { createUser } from '../auth/users.ts';
import type { AppEnv } from '../context.ts';
import { Forbidden, RateLimited, Unauthenticated, ValidationFailed } from '../lib/errors.ts';
import { doc } from '../lib/openapi.ts';
import { validate } from '../lib/validator.ts';
import { changePasswordBody, loginBody, meSchema, setupBody, userEnvelope } from '../schemas/auth.ts';
import { okSchema } from '../schemas/common.ts';

const tags = ['auth'];

export const authRoutes = new Hono<AppEnv>()
  .post(
    '/login',
    doc({ summary: 'Sign in; sets the session cookie', tags, public: true, success: { status: 200, description: 'Signed in', schema: userEnvelope }, errors: [400, 401, 429] }),
    validate('json', loginBody),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const account = email.trim().toLowerCase();
      const address = clientAddress(c);
      const limiter = c.var.deps.loginLimiter;
      const wait = limiter.retryAfterSeconds(address, account);
      if (wait > 0) throw new RateLimited(`Too many failed sign-ins: try again in ${wait} s`, wait);
      const [user] = await c.var.deps.database.db.select().from(users).where(eq(users.email, account));
      // A missing account costs the same scrypt as a wrong password, and gets the same message, so neither the
      // answer nor its timing tells which emails have accounts.
      const valid = await verifyPassword(password, user?.passwordHash ?? (await unknownAccountHash()));
      if (!user || !valid || user.disabledAt !== null) {
        limiter.recordFailure(address, account);
        throw new Unauthenticated('Email or password is wrong');
      }
      limiter.recordSuccess(account);
      await startSession(c, user.id);
      return c.json({ user: { id: user.id, email: user.email, role: user.role } }, 200);
    },
  )
  .post('/logout', doc({ summary: 'End the session (server-side)', tags, public: true, success: { status: 200, description: 'Signed out', schema: okSchema } }), async (c) => {
    await endSession(c);
    return c.json({ ok: true as const }, 200);
  })
  .post(
    '/setup',
    doc({
      summary: 'Create the first admin with the one-time setup token',
      tags,
      public: true,
      success: { status: 201, description: 'The admin, signed in', schema: userEnvelope },
      errors: [400, 403, 409],
    }),
    validate('json', setupBody),
    async (c) => {
      const { token, email, password } = c.req.valid('json');
      const setup = c.var.deps.setup;
      if (!setup.token || token !== setup.token) throw new Forbidden('This setup link is invalid or has been used');
      const user = await createUser(c.var.deps.database, { email, password, role: 'admin' }, null);
      setup.token = null;
      await startSession(c, user.id);
      return c.json({ user }, 201);
    },
  )
  .get('/me', doc({ summary: 'Who is signed in, and how', tags, success: { status: 200, description: 'The caller', schema: meSchema } }), (c) => {
    const { id, email, role, via, scopes } = c.var.user;
    return c.json({ user: { id, email, role }, via, scopes }, 200);
  })
  .post(
    '/password',
    doc({ summary: 'Change your password; your other sessions end', tags, success: { status: 200, description: 'Changed', schema: okSchema }, errors: [400] }),
    validate('json', changePasswordBody),
    async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json');
      const me = c.var.user;
      if (me.via !== 'session') throw new Forbidden('Change a password from a signed-in session, not with an API token');
      const [user] = await c.var.deps.database.db.select().from(users).where(eq(users.id, me.id));
      if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) throw new ValidationFailed('The current password is wrong', [{ field: 'currentPassword', message: 'wrong password' }]);
      const passwordHash = await hashPassword(newPassword);
      await c.var.deps.database.write((db) =>
        db.transaction(async (tx) => {
          await tx.update(users).set({ passwordHash }).where(eq(users.id, me.id));
          await endSessionsOf(tx, me.id, me.sessionId);
          await recordAudit(tx, { userId: me.id, action: 'user.password_change', target: me.id });
        }),
      );
      return c.json({ ok: true as const }, 200);
    },
  );

let dummyHash: Promise<string> | undefined;
/** A real scrypt hash of nothing anyone knows, computed once, to verify against when the email is unknown. */
function unknownAccountHash(): Promise<string> {
  dummyHash ??= hashPassword(`unknown-${newSecret('x')}`);
  return dummyHash;
}
