import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAtColumn, idColumn } from './common.ts';
import { users } from './auth.ts';

/** One upload: a native NDJSON batch or an imported file. */
export const batches = sqliteTable('batches', {
  id: idColumn(),
  source: text().notNull(),
  format: text().notNull(),
  inserted: integer().notNull(),
  duplicates: integer().notNull(),
  errors: integer().notNull(),
  createdBy: text().references(() => users.id),
  createdAt: createdAtColumn(),
});
