import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ScoreSource } from './scores.ts';
import { traits } from './traits.ts';
import { transcripts } from './transcripts.ts';

/**
 * Derived, never edited by hand: the one per-transcript value of each trait and source, made from the
 * `scores` rows by the rule in server/aggregate/rule.ts and kept in step with them in the same transaction
 * as every score write. Lists, filters, pages, statistics and exports read it, so a transcript shows the same
 * number everywhere. `model_id` and `scenario_id` repeat the transcript's (they never change) so that
 * per-model statistics are one index scan.
 */
export const traitValues = sqliteTable(
  'trait_values',
  {
    transcriptId: text()
      .notNull()
      .references(() => transcripts.id, { onDelete: 'cascade' }),
    traitId: text()
      .notNull()
      .references(() => traits.id),
    source: text().$type<ScoreSource>().notNull(),
    modelId: text().notNull(),
    scenarioId: text().notNull(),
    value: real(),
    category: text(),
    raters: integer().notNull(),
    ranges: integer().notNull(),
    spread: real(),
    na: integer().notNull(),
    invalid: integer().notNull(),
    failed: integer().notNull(),
    superseded: integer().notNull(),
    /** The value is a researcher's adjudication, not the mean of the labelers. */
    adjudicated: integer({ mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.transcriptId, t.traitId, t.source] }),
    index('trait_values_trait_value_idx').on(t.traitId, t.source, t.value),
    // Covering for the statistics: per-model, per-scenario sums read only the index.
    index('trait_values_trait_model_idx').on(t.traitId, t.source, t.modelId, t.scenarioId, t.value),
  ],
);

/** Small facts about the database itself, e.g. which version of the aggregation rule built trait_values. */
export const appMeta = sqliteTable('app_meta', {
  key: text().primaryKey(),
  value: text().notNull(),
});
