import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAtColumn, idColumn, type Json } from './common.ts';
import { users } from './auth.ts';
import { rubricVersions, traits } from './traits.ts';
import { transcripts } from './transcripts.ts';

export type JudgeMode = 'sync' | 'batch';
/** `judge` scores transcripts; `themes` finds failure themes (server/themes/); `drafts` drafts eval scenarios for a theme. */
export type JudgeRunKind = 'judge' | 'themes' | 'drafts';
/** What one job does: score or compare transcripts, or one step of theme discovery or drafting. */
export type JudgeJobKind = 'score' | 'pairwise' | 'theme_map' | 'theme_reduce' | 'theme_assign' | 'theme_draft';
/**
 * `running` runs have claimable work; `paused` (by the user) and `budget_exhausted` keep their pending jobs
 * and can be resumed; `cancelled` and `done` are final.
 */
export type JudgeRunStatus = 'running' | 'paused' | 'budget_exhausted' | 'cancelled' | 'done';
/**
 * `pending` → `running` (a worker holds the lease) → `done` | `invalid` | `failed`.
 * In batch mode `running` → `submitted` (batch id stored) → final. `cancelled` when its run is cancelled.
 */
export type JudgeJobStatus = 'pending' | 'running' | 'submitted' | 'done' | 'invalid' | 'failed' | 'cancelled';

/** Token counts as the Messages API reports them, summed over every request a job made. */
export interface JudgeUsage {
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface JudgeRunTrait {
  slug: string;
  traitId: string;
  rubricVersionId: string;
  contentHash: string;
}

export interface JudgeSelection {
  transcriptIds?: string[];
  /** The list filter (server/queries/transcript-filter.ts), as it was given. */
  where?: {
    model?: string | undefined;
    scenario?: string | undefined;
    tag?: string | undefined;
    q?: string | undefined;
    trait?: string | undefined;
    min?: number | undefined;
    max?: number | undefined;
    source?: 'judge' | 'human' | 'import' | undefined;
    labeled?: 'true' | 'false' | undefined;
  };
}

export interface JudgeEstimate {
  jobs: number;
  requests: number;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** `count_tokens` when the API answered, else `offline` (characters / 4). */
  tokenSource: 'count_tokens' | 'offline';
}

/** A judge run: what was asked for (model, traits with exact rubric versions, selection, settings) and its totals. */
export const judgeRuns = sqliteTable(
  'judge_runs',
  {
    id: idColumn(),
    kind: text().$type<JudgeRunKind>().notNull().default('judge'),
    judgeModel: text().notNull(),
    traits: text({ mode: 'json' }).$type<JudgeRunTrait[]>().notNull(),
    selection: text({ mode: 'json' }).$type<JudgeSelection>().notNull(),
    samples: integer().notNull().default(1),
    /** Null: the model's default. Recent models reject non-default sampling parameters. */
    temperature: real(),
    mode: text().$type<JudgeMode>().notNull(),
    pairwise: integer({ mode: 'boolean' }).notNull().default(false),
    budgetUsd: real().notNull(),
    status: text().$type<JudgeRunStatus>().notNull(),
    jobCount: integer().notNull(),
    costUsd: real().notNull().default(0),
    inputTokens: integer().notNull().default(0),
    outputTokens: integer().notNull().default(0),
    cacheWriteTokens: integer().notNull().default(0),
    cacheReadTokens: integer().notNull().default(0),
    estimate: text({ mode: 'json' }).$type<JudgeEstimate>().notNull(),
    error: text(),
    createdBy: text().references(() => users.id),
    createdAt: createdAtColumn(),
    updatedAt: integer().notNull(),
    finishedAt: integer(),
  },
  (t) => [index('judge_runs_status_idx').on(t.status), index('judge_runs_created_at_idx').on(t.createdAt), index('judge_runs_kind_created_idx').on(t.kind, t.createdAt)],
);

/**
 * One unit of paid work: one transcript (or one ordered pair) × trait × sample; or one step of a theme run
 * (a map note, a reduce round's chunk, an assign chunk, a draft), which names no trait and reads `payload`.
 */
export const judgeJobs = sqliteTable(
  'judge_jobs',
  {
    id: idColumn(),
    runId: text()
      .notNull()
      .references(() => judgeRuns.id, { onDelete: 'cascade' }),
    /** Unique across all runs; also the batch request's custom_id (≤ 64 characters of [A-Za-z0-9_-]). */
    key: text().notNull().unique('judge_jobs_key_unique'),
    kind: text().$type<JudgeJobKind>().notNull(),
    /** The transcript scored (score, pairwise) or read (a theme map job of a transcript item). */
    transcriptId: text().references(() => transcripts.id, { onDelete: 'cascade' }),
    /** The second transcript of a pairwise job. */
    transcriptBId: text().references(() => transcripts.id, { onDelete: 'cascade' }),
    /** Pairwise: the order shown (`ab` = transcriptId first); both orders of one pair share `pairKey`. */
    shownOrder: text().$type<'ab' | 'ba'>(),
    pairKey: text(),
    traitId: text().references(() => traits.id),
    rubricVersionId: text().references(() => rubricVersions.id),
    /** Theme jobs: what the request is built from (item, notes, the themes as they were), frozen when planned. */
    payload: text({ mode: 'json' }).$type<Json>(),
    /** Theme jobs whose answer is not stored elsewhere (a reduce chunk's candidate themes): the checked answer. */
    result: text({ mode: 'json' }).$type<Json>(),
    sampleIndex: integer().notNull().default(0),
    status: text().$type<JudgeJobStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    leaseOwner: text(),
    leaseExpiresAt: integer(),
    batchId: text(),
    customId: text(),
    usage: text({ mode: 'json' }).$type<JudgeUsage>(),
    costUsd: real().notNull().default(0),
    /** The API's last response, kept for audit (and the only record of an invalid judgment). */
    rawResponse: text({ mode: 'json' }).$type<Json>(),
    /** Batch mode: the failed first answer and its error, sent back in the next batch as the repair turn. */
    repair: text({ mode: 'json' }).$type<{ content: Json; error: string } | null>(),
    /** Pairwise: the verdict in shown order (`first`, `second`, `tie`), read when both orders are done. */
    verdict: text().$type<'first' | 'second' | 'tie'>(),
    error: text(),
    createdAt: createdAtColumn(),
    updatedAt: integer().notNull(),
    finishedAt: integer(),
  },
  (t) => [
    index('judge_jobs_run_status_idx').on(t.runId, t.status),
    index('judge_jobs_status_lease_idx').on(t.status, t.leaseExpiresAt),
    index('judge_jobs_batch_idx').on(t.batchId),
    index('judge_jobs_pair_idx').on(t.pairKey),
    index('judge_jobs_transcript_idx').on(t.transcriptId),
  ],
);
