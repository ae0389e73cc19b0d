import { Hono } from 'hono';
import { requireAdmin } from '../auth/middleware.ts';
import { createUser } from '../auth/users.ts';
import type { AppEnv } from '../context.ts';
import { doc } from '../lib/openapi.ts';
import { validate } from '../lib/validator.ts';
import { createUserBody, userEnvelope } from '../schemas/auth.ts';

export const userRoutes = new Hono<AppEnv>().post(
  '/',
  doc({ summary: 'Add a user (admin)', tags: ['users'], success: { status: 201, description: 'The new user', schema: userEnvelope }, errors: [400, 409] }),
  requireAdmin,
  validate('json', createUserBody),
  async (c) => {
    const user = await createUser(c.var.deps.database, c.req.valid('json'), c.var.user.id);
    return c.json({ user }, 201);
  },
);
