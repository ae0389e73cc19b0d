import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { feedbackItems, judgeJobs, judgeRuns, transcripts, themeItems, themeRuns, type JudgeEstimate, type ThemeRunSettings, type ThemeSelection } from '../../db/schema/index.ts';
import { NotFound, ValidationFailed } from '../lib/errors.ts';
import { sha256 } from '../lib/hash.ts';
import { storedString } from '../lib/text.ts';
import { jobKey, type PlanConfig } from '../judge/runs.ts';
import { costUsd, priceOf, type ModelPrice } from '../judge/prices.ts';
import { selectionKinds, selection as statsSelection } from '../queries/stats/selections.ts';
import { TRAIT_RANGE_PROBLEM, traitRangeProblem, transcriptFilter, type TranscriptFilter } from '../queries/transcript-filter.ts';
import { selectTranscriptIds } from '../queries/transcripts.ts';
import { idSchema } from '../schemas/common.ts';
import { payloadJson } from './payload.ts';
import { mapSystemPrompt, THEME_PROMPT_VERSION } from './prompts.ts';

/** Items one theme run reads (transcripts and feedback together): enough for "the 80 that scored badly" and far more. */
export const MAX_THEME_ITEMS = 5000;

export const themeSelectionBody = z
  .object({
    where: transcriptFilter
      .refine((w) => traitRangeProblem(w) === null, { message: TRAIT_RANGE_PROBLEM, path: ['trait'] })
      .optional()
      .describe('Transcripts of the list filter (the same as GET /transcripts), e.g. {"model":"aurora-2.0","trait":"pushback","max":2}'),
    transcriptIds: z.array(idSchema).min(1).max(MAX_THEME_ITEMS).optional().describe('Exactly these transcripts'),
    statsSelection: z
      .object({ kind: z.enum(selectionKinds), trait: storedString({ max: 100 }), model: storedString({ max: 200 }).optional(), limit: z.number().int().min(1).max(1000).default(50) })
      .optional()
      .describe('A statistics selection (GET /stats/selections): the largest judge spread, or the largest judge–human gap'),
    feedback: z
      .object({
        tag: storedString({ max: 100 }).optional().describe('Feedback with this tag'),
        model: storedString({ max: 200 }).optional().describe('Feedback about this model version'),
        ids: z.array(idSchema).min(1).max(MAX_THEME_ITEMS).optional().describe('Exactly these feedback items'),
      })
      .optional()
      .describe('Feedback items to read too ({} for all of them)'),
  })
  .refine((b) => [b.where, b.transcriptIds, b.statsSelection].filter((x) => x !== undefined).length <= 1, { message: 'give at most one of where, transcriptIds and statsSelection', path: ['where'] })
  .refine((b) => b.where !== undefined || b.transcriptIds !== undefined || b.statsSelection !== undefined || b.feedback !== undefined, {
    message: 'select something: where, transcriptIds, statsSelection and/or feedback',
    path: ['where'],
  });

export const themeRunBody = z
  .object({
    selection: themeSelectionBody,
    model: storedString({ max: 100 }).optional().describe('The Claude model; the server default judge model when absent'),
    mode: z.enum(['sync', 'batch']).default('sync').describe('batch: the Message Batches API, half price'),
    budgetUsd: z.number().positive('budgetUsd must be more than 0').max(100_000).describe('The run stops before spending more than this, in US dollars'),
    reduceChunkChars: z.number().int().min(500).max(400_000).default(80_000).describe('Notes per reduce request, in characters; more notes than this are reduced in rounds'),
    assignBatchSize: z.number().int().min(1).max(100).default(25).describe('Notes per assign request'),
  })
  .meta({ examples: [{ selection: { where: { model: 'aurora-2.0', trait: 'pushback', max: 2 }, feedback: { tag: 'support' } }, budgetUsd: 5 }] });
export type ThemeRunBody = z.infer<typeof themeRunBody>;

/** The selection as stored: the same selection always gives the same key, whatever the order of its fields. */
export function toThemeSelection(body: z.infer<typeof themeSelectionBody>): ThemeSelection {
  const out: ThemeSelection = {};
  if (body.where) out.transcripts = { kind: 'filter', where: Object.fromEntries(Object.entries(body.where).filter(([, v]) => v !== undefined)) };
  if (body.transcriptIds) out.transcripts = { kind: 'ids', ids: [...new Set(body.transcriptIds)].sort() };
  if (body.statsSelection) out.transcripts = { kind: 'stats', selection: body.statsSelection.kind, trait: body.statsSelection.trait, model: body.statsSelection.model, limit: body.statsSelection.limit };
  if (body.feedback) out.feedback = { tag: body.feedback.tag, model: body.feedback.model, ids: body.feedback.ids ? [...new Set(body.feedback.ids)].sort() : undefined };
  return out;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function selectionKey(selection: ThemeSelection): string {
  return sha256(canonical(selection), 'hex').slice(0, 32);
}

const RANGE_WORDS = (f: { trait?: string | undefined; min?: number | undefined; max?: number | undefined; source?: string | undefined }) =>
  [f.min !== undefined ? `${f.trait} ≥ ${f.min}` : '', f.max !== undefined ? `${f.trait} ≤ ${f.max}` : '', f.min === undefined && f.max === undefined ? `a value for ${f.trait}` : ''].filter(Boolean).join(' and ') + (f.source ? ` (${f.source} scores)` : '');

/** The selection in words: shown to Claude in every prompt and to readers above the themes. */
export function describeSelection(selection: ThemeSelection): string {
  const parts: string[] = [];
  const t = selection.transcripts;
  if (t?.kind === 'filter') {
    const w = t.where;
    const bits: string[] = [];
    if (w['model']) bits.push(`of model ${w['model']}`);
    if (w['scenario']) bits.push(`on scenario ${w['scenario']}`);
    if (w['tag']) bits.push(`tagged ${w['tag']}`);
    if (w['trait']) bits.push(`with ${RANGE_WORDS({ trait: String(w['trait']), min: typeof w['min'] === 'number' ? w['min'] : undefined, max: typeof w['max'] === 'number' ? w['max'] : undefined, source: typeof w['source'] === 'string' ? w['source'] : undefined })}`);
    if (w['q']) bits.push(`matching the search "${w['q']}"`);
    if (w['labeled']) bits.push(w['labeled'] === 'true' ? 'labeled by humans' : 'not labeled by humans');
    if (w['thinking']) bits.push(w['thinking'] === 'any' ? 'that thought' : 'that did not think');
    parts.push(`transcripts ${bits.join(', ') || '(all)'}`);
  } else if (t?.kind === 'ids') parts.push(`${t.ids.length} transcripts picked by a researcher`);
  else if (t?.kind === 'stats') parts.push(`the ${t.limit} transcripts with the largest ${t.selection === 'judge_spread' ? 'spread between judge samples' : 'gap between judge and human scores'} on ${t.trait}${t.model ? ` of model ${t.model}` : ''}`);
  const f = selection.feedback;
  if (f) {
    const bits = [f.tag ? `tagged ${f.tag}` : '', f.model ? `about model ${f.model}` : '', f.ids ? `(${f.ids.length} picked)` : ''].filter(Boolean);
    parts.push(`user feedback${bits.length ? ` ${bits.join(' ')}` : ''}`);
  }
  return parts.join('; and ');
}

export interface SelectedItem {
  transcriptId: string | null;
  feedbackId: string | null;
  modelId: string | null;
  scenarioId: string | null;
  /** Characters of the text a map request shows (for the estimate). */
  chars: number;
}

async function transcriptsOfSelection(db: Db, selection: ThemeSelection['transcripts']): Promise<{ id: string; modelId: string; scenarioId: string }[]> {
  if (!selection) return [];
  if (selection.kind === 'filter') {
    const parsed = transcriptFilter.safeParse(selection.where);
    if (!parsed.success) throw new ValidationFailed('The stored filter is not valid');
    const filter: TranscriptFilter = parsed.data;
    return selectTranscriptIds(db, filter, MAX_THEME_ITEMS + 1);
  }
  const ids = selection.kind === 'ids' ? selection.ids : (await statsSelection(db, { kind: selection.selection, trait: selection.trait, model: selection.model, limit: selection.limit })).items.map((i) => i.transcriptId);
  const rows: { id: string; modelId: string; scenarioId: string }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    rows.push(...(await db.select({ id: transcripts.id, modelId: transcripts.modelId, scenarioId: transcripts.scenarioId }).from(transcripts).where(inArray(transcripts.id, ids.slice(i, i + 500)))));
  }
  if (selection.kind === 'ids') {
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new ValidationFailed(`No transcript ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`, [{ field: 'selection.transcriptIds', message: 'unknown ids' }]);
  }
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function feedbackOfSelection(db: Db, selection: ThemeSelection['feedback']) {
  if (!selection) return [];
  const conditions: SQL[] = [];
  if (selection.tag) conditions.push(sql`EXISTS (SELECT 1 FROM json_each(${feedbackItems.tags}) WHERE value = ${selection.tag})`);
  if (selection.model) conditions.push(eq(feedbackItems.model, selection.model));
  if (selection.ids) conditions.push(inArray(feedbackItems.id, selection.ids));
  const rows = await db
    .select({ id: feedbackItems.id, modelId: feedbackItems.modelId, transcriptId: feedbackItems.transcriptId, chars: sql<number>`length(${feedbackItems.text})`, tModel: transcripts.modelId, tScenario: transcripts.scenarioId })
    .from(feedbackItems)
    .leftJoin(transcripts, eq(transcripts.id, feedbackItems.transcriptId))
    .where(and(...conditions))
    .orderBy(feedbackItems.id)
    .limit(MAX_THEME_ITEMS + 1);
  if (selection.ids) {
    const found = new Set(rows.map((r) => r.id));
    const missing = selection.ids.filter((id) => !found.has(id));
    if (missing.length) throw new ValidationFailed(`No feedback item ${missing.slice(0, 5).join(', ')}`, [{ field: 'selection.feedback.ids', message: 'unknown ids' }]);
  }
  return rows;
}

/** Every item the selection names: its transcripts, then its feedback (feedback about a transcript carries that transcript's model and scenario). */
export async function resolveSelection(db: Db, selection: ThemeSelection): Promise<SelectedItem[]> {
  const ts = await transcriptsOfSelection(db, selection.transcripts);
  const fs = await feedbackOfSelection(db, selection.feedback);
  if (ts.length + fs.length > MAX_THEME_ITEMS) throw new ValidationFailed(`The selection has more than ${MAX_THEME_ITEMS} items; narrow it`, [{ field: 'selection', message: 'too many items' }]);
  const items: SelectedItem[] = [];
  const chars = new Map<string, number>();
  for (let i = 0; i < ts.length; i += 500) {
    const ids = ts.slice(i, i + 500).map((t) => t.id);
    const rows = await db.all<{ id: string; chars: number }>(sql`SELECT transcript_id AS id, sum(length(text)) AS chars FROM messages WHERE transcript_id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) GROUP BY transcript_id`);
    for (const r of rows) chars.set(r.id, Number(r.chars));
  }
  for (const t of ts) items.push({ transcriptId: t.id, feedbackId: null, modelId: t.modelId, scenarioId: t.scenarioId, chars: chars.get(t.id) ?? 0 });
  for (const f of fs) {
    items.push({ transcriptId: f.transcriptId, feedbackId: f.id, modelId: f.modelId ?? f.tModel, scenarioId: f.tScenario, chars: Number(f.chars) + (f.transcriptId ? 4000 : 0) });
  }
  if (!items.length) throw new ValidationFailed('The selection has no items: no transcript or feedback matches it', [{ field: 'selection', message: 'no items' }]);
  return items;
}

/** Output tokens per step, for the estimate only. */
const NOTE_OUTPUT_TOKENS = 250;
const THEMES_OUTPUT_TOKENS = 3000;
const ASSIGN_OUTPUT_TOKENS_PER_NOTE = 30;
const NOTE_CHARS = 300;

/** An offline estimate (characters / 4) of every request the run will make: map per item, the reduce rounds, assign chunks. */
export function estimateThemeRun(items: readonly SelectedItem[], description: string, price: ModelPrice, settings: ThemeRunSettings, mode: 'sync' | 'batch'): JudgeEstimate {
  const tokens = (chars: number) => Math.ceil(chars / 4);
  const systemTokens = tokens(mapSystemPrompt(description).length + 1200);
  const mapInput = items.reduce((a, i) => a + tokens(i.chars + 400), 0);
  const noteChars = items.length * NOTE_CHARS;
  const reduceJobs = Math.max(1, Math.ceil(noteChars / settings.reduceChunkChars)) + (noteChars > settings.reduceChunkChars ? 1 : 0);
  const reduceInput = tokens(noteChars + reduceJobs * 3000) + reduceJobs * THEMES_OUTPUT_TOKENS;
  const assignJobs = Math.ceil(items.length / settings.assignBatchSize);
  const assignInput = tokens(noteChars) + assignJobs * tokens(6000);
  const jobs = items.length + reduceJobs + assignJobs;
  const inputTokens = mapInput + reduceInput + assignInput;
  const cachedInputTokens = Math.max(0, jobs - 3) * systemTokens;
  const outputTokens = items.length * NOTE_OUTPUT_TOKENS + reduceJobs * THEMES_OUTPUT_TOKENS + items.length * ASSIGN_OUTPUT_TOKENS_PER_NOTE;
  const cost = costUsd(price, { input_tokens: inputTokens, output_tokens: outputTokens, cache_creation_input_tokens: 3 * systemTokens, cache_read_input_tokens: cachedInputTokens }, mode);
  return { jobs, requests: jobs, inputTokens: inputTokens + cachedInputTokens + 3 * systemTokens, cachedInputTokens, outputTokens, costUsd: Math.round(cost * 1e6) / 1e6, tokenSource: 'offline' };
}

export interface ThemeRunPlan {
  runId: string;
  model: string;
  selection: ThemeSelection;
  key: string;
  description: string;
  items: SelectedItem[];
  settings: ThemeRunSettings;
  estimate: JudgeEstimate;
  previous: { id: string; version: number } | null;
}

export async function planThemeRun(db: Db, body: ThemeRunBody, config: PlanConfig): Promise<ThemeRunPlan> {
  const model = body.model ?? config.defaultModel;
  const price = priceOf(config.prices, model);
  if (!price) throw new ValidationFailed(`No price is known for model ${model}: add it to CHARLENS_JUDGE_PRICES`, [{ field: 'model', message: 'unknown price' }]);
  const selection = toThemeSelection(body.selection);
  const items = await resolveSelection(db, selection);
  const description = describeSelection(selection);
  const settings = { reduceChunkChars: body.reduceChunkChars, assignBatchSize: body.assignBatchSize };
  const key = selectionKey(selection);
  const [previous] = await db.select({ id: themeRuns.id, version: themeRuns.version }).from(themeRuns).where(eq(themeRuns.selectionKey, key)).orderBy(desc(themeRuns.version)).limit(1);
  return { runId: newId(), model, selection, key, description, items, settings, estimate: estimateThemeRun(items, description, price, settings, body.mode), previous: previous ?? null };
}

/**
 * Writes the run (a judge run of kind `themes`), its theme side, its items and one map job per item, in one
 * transaction. The version is the next of its selection; the version before is what edits carry over from.
 */
export async function createThemeRun(database: Database, plan: ThemeRunPlan, body: ThemeRunBody, userId: string | null): Promise<{ id: string; version: number }> {
  const now = Date.now();
  return database.write((db) =>
    db.transaction(async (tx) => {
      // Read again inside the write: two runs started at once on one selection get versions n and n+1.
      const [latest] = await tx.select({ id: themeRuns.id, version: themeRuns.version }).from(themeRuns).where(eq(themeRuns.selectionKey, plan.key)).orderBy(desc(themeRuns.version)).limit(1);
      const version = (latest?.version ?? 0) + 1;
      await tx.insert(judgeRuns).values({
        id: plan.runId,
        kind: 'themes',
        judgeModel: plan.model,
        traits: [],
        selection: {},
        samples: 1,
        temperature: null,
        mode: body.mode,
        pairwise: false,
        budgetUsd: body.budgetUsd,
        status: 'running',
        jobCount: plan.estimate.jobs,
        estimate: plan.estimate,
        createdBy: userId,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(themeRuns).values({
        id: plan.runId,
        selection: plan.selection,
        selectionKey: plan.key,
        version,
        previousRunId: latest?.id ?? null,
        promptVersion: THEME_PROMPT_VERSION,
        description: plan.description,
        phase: 'map',
        itemCount: plan.items.length,
        settings: plan.settings,
        createdAt: now,
      });
      const items = plan.items.map((item, i) => ({ id: newId(), runId: plan.runId, ref: `N${i + 1}`, transcriptId: item.transcriptId, feedbackId: item.feedbackId, modelId: item.modelId, scenarioId: item.scenarioId }));
      for (let i = 0; i < items.length; i += 300) await tx.insert(themeItems).values(items.slice(i, i + 300));
      const jobs = items.map((item) => {
        const key = jobKey([plan.runId, 'theme_map', item.id]);
        return { id: newId(), runId: plan.runId, key, customId: key, kind: 'theme_map' as const, transcriptId: item.transcriptId, payload: payloadJson({ step: 'map', itemId: item.id }), status: 'pending' as const, createdAt: now, updatedAt: now };
      });
      for (let i = 0; i < jobs.length; i += 300) await tx.insert(judgeJobs).values(jobs.slice(i, i + 300));
      return { id: plan.runId, version };
    }),
  );
}

export async function themeRunOrThrow(db: Db, id: string) {
  const [row] = await db.select().from(themeRuns).innerJoin(judgeRuns, eq(judgeRuns.id, themeRuns.id)).where(eq(themeRuns.id, id));
  if (!row) throw new NotFound(`No theme run ${id}`);
  return { theme: row.theme_runs, run: row.judge_runs };
}
