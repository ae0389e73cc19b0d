import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAtColumn, idColumn } from './common.ts';
import { transcripts } from './transcripts.ts';
import { rubricVersions, traits } from './traits.ts';

export type ScoreSource = 'judge' | 'human' | 'import';
/**
 * `valid` scores enter statistics; `invalid` (judge output that failed validation) and `failed` do not;
 * `withdrawn` is a labeler's undo: it supersedes their label and is itself no value.
 */
export type ScoreStatus = 'valid' | 'invalid' | 'failed' | 'withdrawn';
/** `ab`: transcript A was shown first; `unknown`: the source does not say (hh-rlhf, verdicts combined from both orders). */
export type ShownOrder = 'ab' | 'ba' | 'unknown';
export type Evidence = { message_index: number; quote: string; verified: boolean };

/**
 * Append-only. A score is a number (`value`), a category (`category`), or N/A (`naReason`).
 * A human edit is a new row whose `supersedes` names the old one.
 */
export const scores = sqliteTable(
  'scores',
  {
    id: idColumn(),
    transcriptId: text()
      .notNull()
      .references(() => transcripts.id, { onDelete: 'cascade' }),
    traitId: text()
      .notNull()
      .references(() => traits.id),
    rubricVersionId: text().references(() => rubricVersions.id),
    source: text().$type<ScoreSource>().notNull(),
    status: text().$type<ScoreStatus>().notNull().default('valid'),
    value: real(),
    category: text(),
    naReason: text(),
    turnStart: integer(),
    turnEnd: integer(),
    evidence: text({ mode: 'json' }).$type<Evidence[]>().notNull().default([]),
    rationale: text(),
    sampleIndex: integer().notNull().default(0),
    /** The judge run that produced it; judge_runs arrives with the judge (its own migration). */
    judgeRunId: text(),
    /** A user id, or the labeler's name as given by an upload. */
    labeler: text(),
    supersedes: text(),
    /** A label given in a labeling queue: the queue and item (plain columns, as judge_run_id). */
    labelQueueId: text(),
    queueItemId: text(),
    /** A researcher's final value after labelers disagreed: it stands for the human value of the transcript. */
    adjudicated: integer({ mode: 'boolean' }).notNull().default(false),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index('scores_transcript_trait_idx').on(t.transcriptId, t.traitId),
    index('scores_trait_value_idx').on(t.traitId, t.value),
    index('scores_source_idx').on(t.source),
    index('scores_judge_run_idx').on(t.judgeRunId),
    index('scores_queue_item_idx').on(t.queueItemId),
  ],
);

/** A pairwise verdict on one scenario: which of transcripts A and B shows the trait better. */
export const comparisons = sqliteTable(
  'comparisons',
  {
    id: idColumn(),
    transcriptA: text()
      .notNull()
      .references(() => transcripts.id, { onDelete: 'cascade' }),
    transcriptB: text()
      .notNull()
      .references(() => transcripts.id, { onDelete: 'cascade' }),
    traitId: text()
      .notNull()
      .references(() => traits.id),
    rubricVersionId: text().references(() => rubricVersions.id),
    source: text().$type<ScoreSource>().notNull(),
    winner: text().$type<'a' | 'b' | 'tie'>().notNull(),
    /** The order shown to the judge or labeler: `ab` or `ba`; `unknown` where the source does not record it. */
    shownOrder: text().$type<ShownOrder>().notNull().default('ab'),
    rationale: text(),
    judgeRunId: text(),
    labeler: text(),
    labelQueueId: text(),
    queueItemId: text(),
    /** `withdrawn`: a labeler's undo, superseding the verdict named in `supersedes`. */
    status: text().$type<'valid' | 'withdrawn'>().notNull().default('valid'),
    supersedes: text(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index('comparisons_a_idx').on(t.transcriptA),
    index('comparisons_b_idx').on(t.transcriptB),
    index('comparisons_trait_idx').on(t.traitId),
  ],
);
