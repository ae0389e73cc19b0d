import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAtColumn, idColumn, type Json } from './common.ts';

export type TraitPolarity = 'higher_is_better' | 'lower_is_better' | 'neutral';
export type TraitScale =
  | { kind: 'numeric'; min: number; max: number; anchors?: Record<string, string> }
  | { kind: 'categorical'; categories: string[] }
  | { kind: 'boolean' };

/** A trait: judged from a rubric, or imported (a Spiral-Bench criterion, an Inspect scorer), marked by source. */
export const traits = sqliteTable(
  'traits',
  {
    id: idColumn(),
    slug: text().notNull().unique('traits_slug_unique'),
    title: text().notNull(),
    polarity: text().$type<TraitPolarity>().notNull().default('neutral'),
    scale: text({ mode: 'json' }).$type<TraitScale | null>(),
    unit: text().$type<'transcript' | 'turns'>().notNull().default('transcript'),
    /** `rubric` for traits defined in rubrics/, else the importer that created it. */
    source: text().notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [index('traits_source_idx').on(t.source)],
);

/** Every version of a trait's rubric text, addressed by content hash. A score names the exact version. */
export const rubricVersions = sqliteTable(
  'rubric_versions',
  {
    id: idColumn(),
    traitId: text()
      .notNull()
      .references(() => traits.id),
    contentHash: text().notNull(),
    frontMatter: text({ mode: 'json' }).$type<{ [key: string]: Json }>().notNull(),
    body: text().notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex('rubric_versions_trait_hash_unique').on(t.traitId, t.contentHash)],
);
