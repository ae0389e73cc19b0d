import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAtColumn, idColumn, type Json } from './common.ts';

export type Role = 'admin' | 'researcher' | 'labeler';

export const users = sqliteTable('users', {
  id: idColumn(),
  email: text().notNull().unique('users_email_unique'),
  /** scrypt: `scrypt$N$r$p$salt$hash`, base64url parts. */
  passwordHash: text().notNull(),
  role: text().$type<Role>().notNull(),
  /** A disabled user cannot sign in, and their sessions and tokens stop working. */
  disabledAt: integer(),
  /** Latest sign-in or session activity, to a few minutes; kept here because sessions are deleted at sign-out. */
  lastSeenAt: integer(),
  createdAt: createdAtColumn(),
});

/** Browser sessions. The cookie holds a random secret; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: idColumn(),
    tokenHash: text().notNull().unique('sessions_token_hash_unique'),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: integer().notNull(),
    /** Last request, to a few minutes: a session idle for longer than the idle timeout has ended. */
    lastSeenAt: integer().notNull().default(0),
    createdAt: createdAtColumn(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** API tokens for scripts, stored as SHA-256 of the secret. Scopes are enforced by server/auth. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: idColumn(),
    name: text().notNull(),
    tokenHash: text().notNull().unique('api_tokens_token_hash_unique'),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scopes: text({ mode: 'json' }).$type<string[]>().notNull(),
    lastUsedAt: integer(),
    revokedAt: integer(),
    createdAt: createdAtColumn(),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: idColumn(),
    userId: text(),
    action: text().notNull(),
    target: text(),
    details: text({ mode: 'json' }).$type<{ [key: string]: Json }>().notNull().default({}),
    createdAt: createdAtColumn(),
  },
  (t) => [index('audit_log_created_at_idx').on(t.createdAt), index('audit_log_user_idx').on(t.userId)],
);
