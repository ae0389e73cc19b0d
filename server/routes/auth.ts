import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { users } from '../../db/schema/index.ts';
import { requireUser } from '../auth/middleware.ts';
import { verifyPassword } from '../auth/secrets.ts';
import { endSession, startSession } from '../auth/sessions.ts';
import { createUser, MIN_PASSWORD_LENGTH } from '../auth/users.ts';
import type { AppEnv } from '../context.ts';
import { ApiError } from '../lib/errors.ts';
import { validate } from '../lib/validator.ts';

export const loginBody = z.object({ email: z.email().max(320), password: z.string().min(1).max(1000) });
export const setupBody = z.object({
  token: z.string().min(1).max(200),
  email: z.email().max(320),
  password: z.string().min(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`).max(1000),
});

export const authRoutes = new Hono<AppEnv>()
  .post('/login', validate('json', loginBody), async (c) => {
    const { email, password } = c.req.valid('json');
    const [user] = await c.var.deps.database.db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
    // One message for both cases, so the answer does not reveal which emails have accounts.
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      throw new ApiError('unauthorized', 'Email or password is wrong');
    }
    await startSession(c, user.id);
    return c.json({ user: { id: user.id, email: user.email, role: user.role } }, 200);
  })
  .post('/logout', async (c) => {
    await endSession(c);
    return c.json({ ok: true }, 200);
  })
  .post('/setup', validate('json', setupBody), async (c) => {
    const { token, email, password } = c.req.valid('json');
    const setup = c.var.deps.setup;
    if (!setup.token || token !== setup.token) throw new ApiError('forbidden', 'This setup link is invalid or has been used');
    const user = await createUser(c.var.deps.database, { email, password, role: 'admin' }, null);
    setup.token = null;
    await startSession(c, user.id);
    return c.json({ user }, 201);
  })
  .get('/me', requireUser, (c) => {
    const { id, email, role, via } = c.var.user;
    return c.json({ user: { id, email, role }, via }, 200);
  });
