import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAtColumn, idColumn } from './common.ts';

/** A model version under evaluation: the comparison axis. */
export const models = sqliteTable('models', {
  id: idColumn(),
  name: text().notNull().unique('models_name_unique'),
  family: text(),
  releaseDate: text(),
  notes: text(),
  createdAt: createdAtColumn(),
});
