import { count, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { apiTokens, users } from '../../db/schema/index.ts';
import { createUser, updateUser } from '../auth/users.ts';
import type { AppEnv } from '../context.ts';
import { doc } from '../lib/openapi.ts';
import { validate } from '../lib/validator.ts';
import { createUserBody, updatedUserSchema, updateUserBody, userEnvelope, userListSchema } from '../schemas/auth.ts';
import { idParam } from '../schemas/common.ts';

const tags = ['users'];
const iso = (ms: number | null) => (ms === null || ms === 0 ? null : new Date(ms).toISOString());

/** Admin only (the access table): the people who use this instance, their roles and whether they may sign in. */
export const userRoutes = new Hono<AppEnv>()
  .get('/', doc({ summary: 'Every user with role, state, last activity and active tokens (admin)', tags, success: { status: 200, description: 'Users by email', schema: userListSchema } }), async (c) => {
    const { db } = c.var.deps.database;
    const rows = await db.select({ id: users.id, email: users.email, role: users.role, disabledAt: users.disabledAt, lastSeenAt: users.lastSeenAt, createdAt: users.createdAt }).from(users).orderBy(users.email);
    const tokens = await db.select({ userId: apiTokens.userId, n: count() }).from(apiTokens).where(isNull(apiTokens.revokedAt)).groupBy(apiTokens.userId);
    const tokensBy = new Map(tokens.map((t) => [t.userId, t.n]));
    return c.json(
      {
        items: rows.map((u) => ({ id: u.id, email: u.email, role: u.role, disabled: u.disabledAt !== null, createdAt: new Date(u.createdAt).toISOString(), lastSeenAt: iso(u.lastSeenAt), activeTokens: tokensBy.get(u.id) ?? 0 })),
      },
      200,
    );
  })
  .post('/', doc({ summary: 'Add a user with a role (admin)', tags, success: { status: 201, description: 'The new user', schema: userEnvelope }, errors: [400, 409] }), validate('json', createUserBody), async (c) => {
    const user = await createUser(c.var.deps.database, c.req.valid('json'), c.var.user.id);
    return c.json({ user }, 201);
  })
  .patch(
    '/:id',
    doc({ summary: "Change a user's role, disable or enable them, or reset their password (admin); ends their sessions when needed", tags, success: { status: 200, description: 'The user as changed', schema: updatedUserSchema }, errors: [400, 404] }),
    validate('param', idParam),
    validate('json', updateUserBody),
    async (c) => c.json({ user: await updateUser(c.var.deps.database, c.req.valid('param').id, c.req.valid('json'), c.var.user.id) }, 200),
  );
