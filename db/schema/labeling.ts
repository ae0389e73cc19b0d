import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth.ts';
import { createdAtColumn, idColumn, type Json } from './common.ts';
import { scenarios } from './scenarios.ts';
import { transcripts } from './transcripts.ts';

/** A trait a queue asks for, with the rubric version its labelers are shown (null for a trait without one). */
export interface QueueTrait {
  slug: string;
  traitId: string;
  rubricVersionId: string | null;
}

/** A labeling queue: what to label, by whom, how often, and what the labelers may see. */
export const labelQueues = sqliteTable(
  'label_queues',
  {
    id: idColumn(),
    name: text().notNull(),
    traits: text({ mode: 'json' }).$type<QueueTrait[]>().notNull(),
    /** How the items were chosen (ids, a list filter, or a statistics selection), as given. */
    selection: text({ mode: 'json' }).$type<{ [key: string]: Json }>().notNull(),
    /** Labelers per item: an item is complete with this many. */
    overlap: integer().notNull(),
    /** Blind: labelers see no model, transcript id, score or other labeler's value. */
    blind: integer({ mode: 'boolean' }).notNull(),
    pairwise: integer({ mode: 'boolean' }).notNull(),
    instructions: text().notNull().default(''),
    /** Metadata keys a blind queue still shows (the creator's choice); nothing else of the metadata is sent. */
    shownMetadataKeys: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Labels that differ by at least this much (or from the judge) go to adjudication. */
    adjudicationMargin: real().notNull().default(1),
    status: text().$type<'open' | 'closed'>().notNull().default('open'),
    createdBy: text().references(() => users.id),
    createdAt: createdAtColumn(),
  },
  (t) => [index('label_queues_created_at_idx').on(t.createdAt)],
);

/** Who may label a queue. */
export const queueLabelers = sqliteTable(
  'queue_labelers',
  {
    queueId: text()
      .notNull()
      .references(() => labelQueues.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.queueId, t.userId] }), index('queue_labelers_user_idx').on(t.userId)],
);

/**
 * One thing to label: a transcript, or (pairwise) two transcripts of one scenario. The id is what labelers see
 * — it opens nothing outside the queue. A gold item carries the known answers, shown only to researchers.
 */
export const queueItems = sqliteTable(
  'queue_items',
  {
    id: idColumn(),
    queueId: text()
      .notNull()
      .references(() => labelQueues.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    transcriptId: text()
      .notNull()
      .references(() => transcripts.id, { onDelete: 'cascade' }),
    transcriptBId: text().references(() => transcripts.id, { onDelete: 'cascade' }),
    scenarioId: text()
      .notNull()
      .references(() => scenarios.id),
    /** Known answers by trait slug (a number, a category, or a pairwise winner a|b|tie). */
    gold: text({ mode: 'json' }).$type<{ [trait: string]: number | string } | null>(),
    createdAt: createdAtColumn(),
  },
  (t) => [index('queue_items_queue_position_idx').on(t.queueId, t.position)],
);

/**
 * A labeler's claim on an item: leased while they work (renewed while the page is open), done when every trait
 * is labeled. One row per item and labeler, so nobody labels an item twice; an expired lease frees the place.
 */
export const queueAssignments = sqliteTable(
  'queue_assignments',
  {
    id: idColumn(),
    queueId: text()
      .notNull()
      .references(() => labelQueues.id, { onDelete: 'cascade' }),
    itemId: text()
      .notNull()
      .references(() => queueItems.id, { onDelete: 'cascade' }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text().$type<'leased' | 'done'>().notNull(),
    leaseExpiresAt: integer(),
    /** Pairwise: the side shown first to this labeler (`ab`: transcript A), chosen at random per labeler. */
    shownOrder: text().$type<'ab' | 'ba'>(),
    startedAt: integer().notNull(),
    finishedAt: integer(),
    /** Time on the item, from the first lease to the last label, in milliseconds. */
    timeSpentMs: integer(),
  },
  (t) => [
    uniqueIndex('queue_assignments_item_user_unique').on(t.itemId, t.userId),
    index('queue_assignments_queue_user_idx').on(t.queueId, t.userId),
    index('queue_assignments_item_status_idx').on(t.itemId, t.status, t.leaseExpiresAt),
  ],
);
