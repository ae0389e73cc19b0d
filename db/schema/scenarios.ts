import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAtColumn, idColumn } from './common.ts';

/**
 * What a transcript is a sample of. The same scenario across models is what side-by-side reading and paired
 * statistics align on. `key` is the uploader's `scenario`, or `h:` + a hash of system prompt and first user turn.
 */
export const scenarios = sqliteTable(
  'scenarios',
  {
    id: idColumn(),
    key: text().notNull().unique('scenarios_key_unique'),
    title: text(),
    category: text(),
    tags: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
    createdAt: createdAtColumn(),
  },
  (t) => [index('scenarios_category_idx').on(t.category)],
);
