import { and, desc, eq, lt } from 'drizzle-orm';
import { Hono } from 'hono';
import { auditLog, users } from '../../db/schema/index.ts';
import type { AppEnv } from '../context.ts';
import { doc } from '../lib/openapi.ts';
import { validate } from '../lib/validator.ts';
import { auditListSchema, auditQuery } from '../schemas/auth.ts';

/** Admin only: who did what, when — uploads, imports, judge runs and their cost, users, roles and tokens. */
export const auditRoutes = new Hono<AppEnv>().get(
  '/',
  doc({ summary: 'The audit log, newest first (admin)', tags: ['audit'], success: { status: 200, description: 'A page of entries', schema: auditListSchema }, errors: [400] }),
  validate('query', auditQuery),
  async (c) => {
    const q = c.req.valid('query');
    const rows = await c.var.deps.database.db
      .select({ id: auditLog.id, userId: auditLog.userId, email: users.email, action: auditLog.action, target: auditLog.target, details: auditLog.details, createdAt: auditLog.createdAt })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.userId))
      .where(and(q.action ? eq(auditLog.action, q.action) : undefined, q.user ? eq(auditLog.userId, q.user) : undefined, q.cursor ? lt(auditLog.id, q.cursor) : undefined))
      .orderBy(desc(auditLog.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    return c.json({ items: page.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })), nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null }, 200);
  },
);
