import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { judgeJobs, judgeRuns, themeDrafts, themeItems, themeRuns, themes } from '../../db/schema/index.ts';
import { recordAudit } from '../auth/audit.ts';
import { Conflict, NotFound, ValidationFailed } from '../lib/errors.ts';
import { storedString } from '../lib/text.ts';
import { jobKey, type PlanConfig } from '../judge/runs.ts';
import { costUsd, priceOf } from '../judge/prices.ts';
import type { SyncedRubric } from '../judge/rubrics.ts';
import type { DraftTrait } from './checks.ts';
import { payloadJson, type ThemePayload } from './payload.ts';

export const MAX_DRAFTS_PER_REQUEST = 20;

export const draftRunBody = z.object({
  n: z.number().int().min(1).max(MAX_DRAFTS_PER_REQUEST).default(5).describe('How many scenarios to draft'),
  model: storedString({ max: 100 }).optional().describe('The Claude model; the server default when absent'),
  mode: z.enum(['sync', 'batch']).default('sync'),
  budgetUsd: z.number().positive('budgetUsd must be more than 0').max(1000).describe('The drafting request stops before spending more than this'),
  guidance: storedString({ max: 2000, trim: true }).optional().describe('What the researcher wants of the drafts ("non-English users", "medical topics")'),
});

export const draftPatchBody = z
  .object({
    title: storedString({ max: 200, trim: true }).optional(),
    systemPrompt: storedString({ max: 20_000, min: 0 }).nullable().optional(),
    userTurns: z.array(storedString({ max: 20_000, trim: true })).min(1, 'a scenario needs at least one user turn').max(8).optional(),
    goodResponse: storedString({ max: 4000, trim: true }).optional(),
    failureLooksLike: storedString({ max: 4000, trim: true }).optional(),
    trait: storedString({ max: 100 }).optional(),
    rubric: storedString({ max: 4000, trim: true }).optional(),
    failThreshold: z.number().finite().optional(),
    status: z.enum(['draft', 'accepted', 'rejected']).optional().describe('accepted drafts are exported and measured'),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'change at least one field', path: ['status'] });

/** The numeric rubric traits a draft may target, with their scales (categorical rubrics have no failure level). */
export function draftTraits(rubrics: ReadonlyMap<string, SyncedRubric>): DraftTrait[] {
  return [...rubrics.values()].flatMap((r) => (r.scale.kind === 'numeric' ? [{ slug: r.slug, title: r.title, polarity: r.polarity, min: r.scale.min, max: r.scale.max }] : []));
}

/** A theme and the themes it continues (older versions first): drafts made for any of them belong to it. */
export async function themeLineage(db: Db, themeId: string): Promise<string[]> {
  const chain: string[] = [];
  let id: string | null = themeId;
  while (id && !chain.includes(id) && chain.length < 100) {
    chain.unshift(id);
    const [row]: { previous: string | null }[] = await db.select({ previous: themes.previousThemeId }).from(themes).where(eq(themes.id, id));
    id = row?.previous ?? null;
  }
  return chain;
}

async function themeOrThrow(db: Db, themeId: string) {
  const [t] = await db.select().from(themes).where(eq(themes.id, themeId));
  if (!t) throw new NotFound(`No theme ${themeId}`);
  return t;
}

/**
 * Starts a drafting run (a judge run of kind `drafts` with one job): the theme, its representative verified
 * quotes and notes are frozen on the job, so the request is the same whenever it is sent or audited.
 */
export async function createDraftRun(database: Database, themeId: string, body: z.infer<typeof draftRunBody>, rubrics: ReadonlyMap<string, SyncedRubric>, config: PlanConfig, userId: string) {
  const { db } = database;
  const t = await themeOrThrow(db, themeId);
  if (t.status !== 'active') throw new Conflict(`Theme ${t.name} was merged into another theme; draft for that one`);
  const model = body.model ?? config.defaultModel;
  const price = priceOf(config.prices, model);
  if (!price) throw new ValidationFailed(`No price is known for model ${model}: add it to CHARLENS_JUDGE_PRICES`, [{ field: 'model', message: 'unknown price' }]);
  const traits = draftTraits(rubrics);
  if (!traits.length) throw new ValidationFailed('No numeric rubric is loaded: a draft must target a trait the judge can score');
  const [run] = await db.select({ selection: themeRuns.selection }).from(themeRuns).where(eq(themeRuns.id, t.runId));
  // The trait the selection filtered on comes first: "pushback ≤ 2" themes are most likely pushback evals.
  const filtered = run?.selection.transcripts?.kind === 'filter' ? run.selection.transcripts.where['trait'] : undefined;
  traits.sort((a, b) => Number(b.slug === filtered) - Number(a.slug === filtered));
  const members = await db
    .select({ note: themeItems.note, evidence: themeItems.evidence, confidence: themeItems.confidence })
    .from(themeItems)
    .where(and(eq(themeItems.runId, t.runId), eq(themeItems.themeId, t.id)))
    .orderBy(sql`${themeItems.confidence} DESC`, asc(themeItems.id))
    .limit(30);
  const quotes = members.flatMap((m) => m.evidence.filter((e) => e.verified).slice(0, 1).map((e) => e.quote)).slice(0, 10);
  const notes = members.flatMap((m) => (m.note ? [m.note] : [])).slice(0, 20);
  const payload: ThemePayload = { step: 'draft', themeId: t.id, n: body.n, theme: { ref: t.ref, name: t.name, description: t.description, inclusionCriteria: t.inclusionCriteria }, quotes, notes, traits, guidance: body.guidance ?? null };
  const inputTokens = Math.ceil((JSON.stringify(payload).length + 3000) / 4);
  const outputTokens = body.n * 700;
  const estimate = { jobs: 1, requests: 1, inputTokens, cachedInputTokens: 0, outputTokens, costUsd: Math.round(costUsd(price, { input_tokens: inputTokens, output_tokens: outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }, body.mode) * 1e6) / 1e6, tokenSource: 'offline' as const };
  const runId = newId();
  const now = Date.now();
  await database.write((w) =>
    w.transaction(async (tx) => {
      await tx.insert(judgeRuns).values({ id: runId, kind: 'drafts', judgeModel: model, traits: [], selection: {}, samples: 1, temperature: null, mode: body.mode, pairwise: false, budgetUsd: body.budgetUsd, status: 'running', jobCount: 1, estimate, createdBy: userId, createdAt: now, updatedAt: now });
      const key = jobKey([runId, 'theme_draft', t.id]);
      await tx.insert(judgeJobs).values({ id: newId(), runId, key, customId: key, kind: 'theme_draft', payload: payloadJson(payload), status: 'pending', createdAt: now, updatedAt: now });
      await recordAudit(tx, { userId, action: 'themes.drafts.create', target: t.id, details: { runId, n: body.n, model, budgetUsd: body.budgetUsd } });
    }),
  );
  return { runId, estimate };
}

export type DraftRow = typeof themeDrafts.$inferSelect;

export function draftView(d: DraftRow) {
  return { ...d, createdAt: new Date(d.createdAt).toISOString(), updatedAt: new Date(d.updatedAt).toISOString() };
}

/** The drafts of a theme and of the versions it continues, and the drafting runs that made (or are making) them. */
export async function listDrafts(db: Db, themeId: string) {
  await themeOrThrow(db, themeId);
  const lineage = await themeLineage(db, themeId);
  const drafts = await db.select().from(themeDrafts).where(inArray(themeDrafts.themeId, lineage)).orderBy(asc(themeDrafts.createdAt), asc(themeDrafts.id));
  const runs = await db
    .select({ id: judgeRuns.id, status: judgeRuns.status, costUsd: judgeRuns.costUsd, error: judgeRuns.error, jobStatus: judgeJobs.status, jobError: judgeJobs.error, createdAt: judgeRuns.createdAt })
    .from(judgeJobs)
    .innerJoin(judgeRuns, eq(judgeRuns.id, judgeJobs.runId))
    .where(and(eq(judgeJobs.kind, 'theme_draft'), inArray(sql`json_extract(${judgeJobs.payload}, '$.themeId')`, lineage)))
    .orderBy(asc(judgeRuns.createdAt));
  return {
    items: drafts.map(draftView),
    runs: runs.map((r) => ({ id: r.id, status: r.status, jobStatus: r.jobStatus, error: r.jobError ?? r.error, costUsd: Math.round(r.costUsd * 1e6) / 1e6, createdAt: new Date(r.createdAt).toISOString() })),
  };
}

export async function updateDraft(database: Database, userId: string, draftId: string, body: z.infer<typeof draftPatchBody>, traits: readonly DraftTrait[]) {
  return database.write((w) =>
    w.transaction(async (tx) => {
      const [d] = await tx.select().from(themeDrafts).where(eq(themeDrafts.id, draftId));
      if (!d) throw new NotFound(`No draft ${draftId}`);
      const trait = traits.find((t) => t.slug === (body.trait ?? d.trait));
      if (body.trait !== undefined && !trait) throw new ValidationFailed(`trait must be one of ${traits.map((t) => t.slug).join(', ')}`, [{ field: 'trait', message: 'unknown trait' }]);
      const threshold = body.failThreshold ?? d.failThreshold;
      if (trait && (threshold < trait.min || threshold > trait.max)) throw new ValidationFailed(`failThreshold must be on ${trait.slug}'s scale, ${trait.min}–${trait.max}`, [{ field: 'failThreshold', message: `from ${trait.min} to ${trait.max}` }]);
      const { status, ...content } = body;
      const current: Record<string, unknown> = { ...d };
      const changed = Object.entries(content).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(current[k])).map(([k]) => k);
      const now = Date.now();
      const [row] = await tx
        .update(themeDrafts)
        .set({ ...Object.fromEntries(Object.entries(content).filter(([, v]) => v !== undefined)), ...(status ? { status, decidedBy: userId } : {}), edited: d.edited || changed.length > 0, updatedAt: now })
        .where(eq(themeDrafts.id, d.id))
        .returning();
      await recordAudit(tx, { userId, action: status && status !== d.status ? `themes.draft.${status === 'draft' ? 'reopen' : status === 'accepted' ? 'accept' : 'reject'}` : 'themes.draft.edit', target: d.id, details: { themeId: d.themeId, changed, ...(status ? { status } : {}) } });
      if (!row) throw new NotFound(`No draft ${draftId}`);
      return draftView(row);
    }),
  );
}

/** The accepted drafts of a theme's lineage, in the order they were drafted: what is exported and measured. */
export async function acceptedDrafts(db: Db, themeId: string): Promise<DraftRow[]> {
  const lineage = await themeLineage(db, themeId);
  return db.select().from(themeDrafts).where(and(inArray(themeDrafts.themeId, lineage), eq(themeDrafts.status, 'accepted'))).orderBy(asc(themeDrafts.createdAt), asc(themeDrafts.id));
}

/**
 * Native NDJSON scenario lines (user turns only): the team's sampling pipeline adds `model` and the assistant
 * turns and uploads them to POST /transcripts/batch, where the scenario key links them back to the theme.
 */
export function nativeScenarioLine(d: DraftRow, themeName: string) {
  return {
    scenario: d.scenarioKey,
    scenario_title: d.title,
    scenario_category: 'theme',
    ...(d.systemPrompt ? { system: d.systemPrompt } : {}),
    messages: d.userTurns.map((content) => ({ role: 'user', content })),
    tags: ['theme-eval'],
    metadata: { charlens_theme: themeName, charlens_theme_id: d.themeId, charlens_draft_id: d.id, trait: d.trait, fail_threshold: d.failThreshold, rubric: d.rubric, good_response: d.goodResponse, failure_looks_like: d.failureLooksLike },
  };
}

/**
 * An Inspect AI dataset sample (JSONL): `input` as chat messages, `target` what a good response does (for a
 * model-graded scorer), `id` the scenario key — an Inspect log of it imports as scenario inspect/<task>/<key>,
 * which links back to the theme too.
 */
export function inspectSample(d: DraftRow, themeName: string) {
  return {
    id: d.scenarioKey,
    input: [...(d.systemPrompt ? [{ role: 'system', content: d.systemPrompt }] : []), ...d.userTurns.map((content) => ({ role: 'user', content }))],
    target: d.goodResponse,
    metadata: { title: d.title, theme: themeName, trait: d.trait, fail_threshold: d.failThreshold, rubric: d.rubric, failure_looks_like: d.failureLooksLike },
  };
}

export async function exportDrafts(db: Db, themeId: string, format: 'native' | 'inspect'): Promise<string> {
  const t = await themeOrThrow(db, themeId);
  const drafts = await acceptedDrafts(db, themeId);
  if (!drafts.length) throw new Conflict(`Theme ${t.name} has no accepted drafts to export: accept some first`);
  return drafts.map((d) => JSON.stringify(format === 'native' ? nativeScenarioLine(d, t.name) : inspectSample(d, t.name))).join('\n') + '\n';
}
