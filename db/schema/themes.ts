import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './auth.ts';
import { batches } from './batches.ts';
import { createdAtColumn, idColumn, type Json } from './common.ts';
import { judgeRuns } from './judge.ts';
import { models } from './models.ts';
import { scenarios } from './scenarios.ts';
import { transcripts } from './transcripts.ts';

/**
 * Free-text feedback (user reports, researcher notes): the other firehose themes are found in. Append-only;
 * `key` is the uploader's `id` or a hash of the content, so a re-upload is a no-op.
 */
export const feedbackItems = sqliteTable(
  'feedback_items',
  {
    id: idColumn(),
    key: text().notNull().unique('feedback_items_key_unique'),
    text: text().notNull(),
    /** The model version the feedback is about, as given; `modelId` when that model is known here. */
    model: text(),
    modelId: text().references(() => models.id),
    /** The transcript it is about, when given (by id, or by source and external id). */
    transcriptId: text().references(() => transcripts.id, { onDelete: 'set null' }),
    tags: text({ mode: 'json' }).$type<string[]>().notNull().default([]),
    metadata: text({ mode: 'json' }).$type<{ [key: string]: Json }>().notNull().default({}),
    batchId: text().references(() => batches.id),
    createdBy: text().references(() => users.id),
    createdAt: createdAtColumn(),
  },
  (t) => [index('feedback_items_model_idx').on(t.modelId), index('feedback_items_transcript_idx').on(t.transcriptId), index('feedback_items_created_at_idx').on(t.createdAt)],
);

/** Which items a theme run reads: transcripts (a list filter, ids, or a stats selection) and feedback. */
export interface ThemeSelection {
  transcripts?:
    | { kind: 'filter'; where: { [key: string]: string | number | undefined } }
    | { kind: 'ids'; ids: string[] }
    | { kind: 'stats'; selection: 'judge_spread' | 'judge_human_gap'; trait: string; model?: string | undefined; limit: number };
  feedback?: { tag?: string | undefined; model?: string | undefined; ids?: string[] | undefined };
}

export type ThemePhase = 'map' | 'reduce' | 'assign' | 'done';

/** How a run splits its work: notes per reduce request (by characters) and per assign request. */
export interface ThemeRunSettings {
  reduceChunkChars: number;
  assignBatchSize: number;
}

/**
 * The theme side of a judge run of kind `themes` (the run holds model, status, budget, cost and the jobs):
 * which selection, which version of the themes of that selection, which prompt version, and where it is.
 */
export const themeRuns = sqliteTable(
  'theme_runs',
  {
    id: text()
      .primaryKey()
      .references(() => judgeRuns.id, { onDelete: 'cascade' }),
    selection: text({ mode: 'json' }).$type<ThemeSelection>().notNull(),
    /** A hash of the selection: runs with the same key are versions of one set of themes. */
    selectionKey: text().notNull(),
    version: integer().notNull(),
    /** The version before (same selection), whose themes and researcher edits this one starts from. */
    previousRunId: text(),
    promptVersion: text().notNull(),
    /** What the selection means, in words, shown to Claude and to readers ("pushback ≤ 2 on aurora-2.0"). */
    description: text().notNull(),
    phase: text().$type<ThemePhase>().notNull(),
    /** Reduce rounds done (0 until the first finishes). */
    reduceRound: integer().notNull().default(0),
    itemCount: integer().notNull(),
    settings: text({ mode: 'json' }).$type<ThemeRunSettings>().notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex('theme_runs_selection_version_unique').on(t.selectionKey, t.version), index('theme_runs_created_at_idx').on(t.createdAt)],
);

/** A quote behind a note: `messageIndex` null quotes the feedback text; verified as judge evidence is. */
export interface ThemeEvidence {
  messageIndex: number | null;
  quote: string;
  verified: boolean;
}

/** A named theme of one run (version). `previousThemeId` is the theme of the version before it continues. */
export const themes = sqliteTable(
  'themes',
  {
    id: idColumn(),
    runId: text()
      .notNull()
      .references(() => themeRuns.id, { onDelete: 'cascade' }),
    /** `T1`, `T2`, … in the order Claude named them; what assignments and prompts refer to. */
    ref: text().notNull(),
    name: text().notNull(),
    description: text().notNull(),
    inclusionCriteria: text().notNull(),
    /** `claude` (reduce), `carried` (a researcher-edited theme kept from the version before), `split` (an edit). */
    origin: text().$type<'claude' | 'carried' | 'split'>().notNull(),
    /** A researcher renamed, split or merged into it: its wording is kept verbatim by later versions. */
    curated: integer({ mode: 'boolean' }).notNull().default(false),
    /** `merged`: folded into `mergedIntoId` by an edit; its items moved there. */
    status: text().$type<'active' | 'merged'>().notNull().default('active'),
    mergedIntoId: text(),
    previousThemeId: text(),
    createdAt: createdAtColumn(),
    updatedAt: integer().notNull(),
  },
  (t) => [uniqueIndex('themes_run_ref_unique').on(t.runId, t.ref), index('themes_previous_idx').on(t.previousThemeId)],
);

/**
 * One item of a run (a transcript or a feedback item): its map note with evidence, and its assignment — one
 * theme or none ("other"), with a confidence. One row per item, so an item is assigned exactly once.
 */
export const themeItems = sqliteTable(
  'theme_items',
  {
    id: idColumn(),
    runId: text()
      .notNull()
      .references(() => themeRuns.id, { onDelete: 'cascade' }),
    /** `N1`, `N2`, …: how reduce and assign prompts refer to the note. */
    ref: text().notNull(),
    transcriptId: text().references(() => transcripts.id, { onDelete: 'cascade' }),
    feedbackId: text().references(() => feedbackItems.id, { onDelete: 'cascade' }),
    /** Denormalized for shares: the item's model version and scenario (the bootstrap cluster), if any. */
    modelId: text().references(() => models.id),
    scenarioId: text().references(() => scenarios.id),
    noteStatus: text().$type<'pending' | 'done' | 'invalid' | 'failed'>().notNull().default('pending'),
    note: text(),
    /** Claude found nothing wrong with the item (it still gets an assignment, usually "other"). */
    nothingWrong: integer({ mode: 'boolean' }).notNull().default(false),
    evidence: text({ mode: 'json' }).$type<ThemeEvidence[]>().notNull().default([]),
    /** Null: "other" (or not assigned yet, while `assignedBy` is null). */
    themeId: text().references(() => themes.id),
    confidence: real(),
    /** `claude` (assign), `researcher` (a move, kept by later versions), `system` (no note to assign by). */
    assignedBy: text().$type<'claude' | 'researcher' | 'system'>(),
    assignedAt: integer(),
  },
  (t) => [
    uniqueIndex('theme_items_run_ref_unique').on(t.runId, t.ref),
    index('theme_items_run_theme_idx').on(t.runId, t.themeId),
    index('theme_items_transcript_idx').on(t.transcriptId),
    index('theme_items_feedback_idx').on(t.feedbackId),
  ],
);

export type ThemeEditKind = 'rename' | 'merge' | 'split' | 'move';

/** A researcher's edit of a run's themes, as it was made; the themes and items carry its effect. */
export const themeEdits = sqliteTable(
  'theme_edits',
  {
    id: idColumn(),
    runId: text()
      .notNull()
      .references(() => themeRuns.id, { onDelete: 'cascade' }),
    kind: text().$type<ThemeEditKind>().notNull(),
    themeId: text(),
    details: text({ mode: 'json' }).$type<{ [key: string]: Json }>().notNull(),
    userId: text().references(() => users.id),
    createdAt: createdAtColumn(),
  },
  (t) => [index('theme_edits_run_idx').on(t.runId, t.createdAt)],
);

/** A drafted eval scenario for a theme: Claude's draft, a researcher's edits, and the decision. */
export const themeDrafts = sqliteTable(
  'theme_drafts',
  {
    id: idColumn(),
    themeId: text()
      .notNull()
      .references(() => themes.id, { onDelete: 'cascade' }),
    /** The drafting run (a judge run of kind `drafts`) that wrote it. */
    draftRunId: text().references(() => judgeRuns.id),
    /** The scenario key exported lines carry; transcripts uploaded later with it link back to the theme. */
    scenarioKey: text().notNull().unique('theme_drafts_scenario_key_unique'),
    title: text().notNull(),
    systemPrompt: text(),
    userTurns: text({ mode: 'json' }).$type<string[]>().notNull(),
    goodResponse: text().notNull(),
    failureLooksLike: text().notNull(),
    /** The trait it targets (a rubric slug) and what counts as failing it. */
    trait: text().notNull(),
    rubric: text().notNull(),
    /** Failing: the per-transcript value of `trait` is at or past this level, on the trait's bad side. */
    failThreshold: real().notNull(),
    status: text().$type<'draft' | 'accepted' | 'rejected'>().notNull().default('draft'),
    edited: integer({ mode: 'boolean' }).notNull().default(false),
    decidedBy: text().references(() => users.id),
    createdAt: createdAtColumn(),
    updatedAt: integer().notNull(),
  },
  (t) => [index('theme_drafts_theme_idx').on(t.themeId, t.status)],
);
