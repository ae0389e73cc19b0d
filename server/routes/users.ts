import { Hono } from 'hono';
import { z } from 'zod';
import { requireAdmin } from '../auth/middleware.ts';
import { createUser, MIN_PASSWORD_LENGTH } from '../auth/users.ts';
import type { AppEnv } from '../context.ts';
import { validate } from '../lib/validator.ts';

export const createUserBody = z.object({
  email: z.email().max(320),
  password: z.string().min(MIN_PASSWORD_LENGTH, `password must have at least ${MIN_PASSWORD_LENGTH} characters`).max(1000),
  role: z.enum(['admin', 'researcher', 'labeler']),
});

export const userRoutes = new Hono<AppEnv>().post('/', requireAdmin, validate('json', createUserBody), async (c) => {
  const user = await createUser(c.var.deps.database, c.req.valid('json'), c.var.user.id);
  return c.json({ user }, 201);
});
