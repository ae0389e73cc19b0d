import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { users } from '../../db/schema/index.ts';
import { requireUser } from '../auth/middleware.ts';
import { verifyPassword } from '../auth/secrets.ts';
import { endSession, startSession } from '../auth/sessions.ts';
import { createUser } from '../auth/users.ts';
import type { AppEnv } from '../context.ts';
import { Forbidden, Unauthenticated } from '../lib/errors.ts';
import { doc } from '../lib/openapi.ts';
import { validate } from '../lib/validator.ts';
import { loginBody, meSchema, setupBody, userEnvelope } from '../schemas/auth.ts';
import { okSchema } from '../schemas/common.ts';

const tags = ['auth'];

export const authRoutes = new Hono<AppEnv>()
  .post(
    '/login',
    doc({ summary: 'Sign in; sets the session cookie', tags, public: true, success: { status: 200, description: 'Signed in', schema: userEnvelope }, errors: [400, 401] }),
    validate('json', loginBody),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const [user] = await c.var.deps.database.db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
      // One message for both cases, so the answer does not reveal which emails have accounts.
      if (!user || !(await verifyPassword(password, user.passwordHash))) {
        throw new Unauthenticated('Email or password is wrong');
      }
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
  .get('/me', doc({ summary: 'Who is signed in, and how', tags, success: { status: 200, description: 'The caller', schema: meSchema } }), requireUser, (c) => {
    const { id, email, role, via } = c.var.user;
    return c.json({ user: { id, email, role }, via }, 200);
  });
