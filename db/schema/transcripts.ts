import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAtColumn, idColumn, type Json } from './common.ts';
import { models } from './models.ts';
import { scenarios } from './scenarios.ts';
import { batches } from './batches.ts';

/** One sampled conversation of one model on one scenario. */
export const transcripts = sqliteTable(
  'transcripts',
  {
    id: idColumn(),
    modelId: text().notNull().references(() => models.id),
    scenarioId: text().notNull().references(() => scenarios.id),
    sampleIndex: integer().notNull().default(0),
    systemPrompt: text(),
    metadata: text({ mode: 'json' }).$type<{ [key: string]: Json }>().notNull().default({}),
    tags: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
    /** Where the transcript came from (`native`, `inspect`, …); `external_id` is unique within it. */
    source: text().notNull(),
    externalId: text().notNull(),
    contentHash: text().notNull(),
    batchId: text().references(() => batches.id),
    messageCount: integer().notNull(),
    inputTokens: integer(),
    outputTokens: integer(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('transcripts_source_external_id_unique').on(t.source, t.externalId),
    index('transcripts_model_idx').on(t.modelId, t.id),
    index('transcripts_scenario_idx').on(t.scenarioId, t.id),
    index('transcripts_content_hash_idx').on(t.contentHash),
    index('transcripts_batch_idx').on(t.batchId),
    index('transcripts_created_at_idx').on(t.createdAt),
  ],
);

/** Tags in their own table so that a tag filter is an index lookup, not a JSON scan. */
export const transcriptTags = sqliteTable(
  'transcript_tags',
  {
    transcriptId: text()
      .notNull()
      .references(() => transcripts.id, { onDelete: 'cascade' }),
    tag: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.transcriptId, t.tag] }), index('transcript_tags_tag_idx').on(t.tag, t.transcriptId)],
);

export type MessageRole = 'system' | 'user' | 'assistant' | 'tool';
/** A content block as stored: Anthropic block shapes (server/ingest/blocks.ts checks them on the way in). */
export type StoredBlock = { type: string; [field: string]: unknown };

/**
 * Ordered turns. `content` keeps the blocks exactly as uploaded (Anthropic block shapes); `text` is their
 * flattened text, indexed by the FTS5 table `messages_fts` (custom migration) through triggers.
 * The integer id is the rowid that FTS5 points at.
 */
export const messages = sqliteTable(
  'messages',
  {
    id: integer().primaryKey(),
    transcriptId: text()
      .notNull()
      .references(() => transcripts.id, { onDelete: 'cascade' }),
    idx: integer().notNull(),
    role: text().$type<MessageRole>().notNull(),
    content: text({ mode: 'json' }).$type<string | StoredBlock[]>().notNull(),
    text: text().notNull(),
    /**
     * Thinking as server/thinking/measure.ts defines it (assistant messages; zero elsewhere). Null until
     * measured: rows written before these columns existed are measured on start (ensureThinkingMeasured).
     */
    thinkingBlocks: integer(),
    thinkingChars: integer().notNull().default(0),
    redactedThinkingBlocks: integer().notNull().default(0),
    interleavedThinkingBlocks: integer().notNull().default(0),
    /** As the upload reports them; null when it does not. */
    thinkingTokens: integer(),
  },
  (t) => [uniqueIndex('messages_transcript_idx_unique').on(t.transcriptId, t.idx)],
);
