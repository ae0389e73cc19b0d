import type Anthropic from '@anthropic-ai/sdk';
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import {
  judgeJobs,
  judgeRuns,
  messages,
  rubricVersions,
  transcripts,
  type JudgeEstimate,
  type JudgeRunTrait,
  type JudgeSelection,
} from '../../db/schema/index.ts';
import { ValidationFailed } from '../lib/errors.ts';
import { TRAIT_RANGE_PROBLEM, traitRangeProblem, transcriptFilter } from '../queries/transcript-filter.ts';
import { selectTranscriptIds } from '../queries/transcripts.ts';
import { idSchema } from '../schemas/common.ts';
import { costUsd, priceOf, type ModelPrice, type PriceTable } from './prices.ts';
import { buildPairwiseRequest, buildScoreRequest, type MessageCreateParams, type TranscriptForJudge } from './prompt.ts';
import { rubricFromVersion, type Rubric, type SyncedRubric } from './rubrics.ts';
import type { JobTarget } from './store.ts';
import { sha256 } from '../lib/hash.ts';
import { yieldTurn } from '../lib/yield.ts';

export const MAX_TRANSCRIPTS_PER_RUN = 20_000;
/** Paid requests one run may plan (transcripts or ordered pairs × traits × samples). */
export const MAX_JOBS_PER_RUN = 100_000;

export const runBody = z
  .object({
    traits: z.array(z.string().min(1).max(100)).min(1, 'name at least one trait').max(50).describe('Rubric trait slugs (rubrics/*.md)'),
    transcriptIds: z.array(idSchema).min(1).max(MAX_TRANSCRIPTS_PER_RUN).optional().describe('Judge exactly these transcripts'),
    where: transcriptFilter
      .refine((w) => traitRangeProblem(w) === null, { message: TRAIT_RANGE_PROBLEM, path: ['trait'] })
      .optional()
      .describe('Judge the transcripts this filter selects: the same filter as GET /transcripts (model, scenario, tag, q, trait range, labeled)'),
    judgeModel: z.string().min(1).max(100).optional().describe('The Claude model that judges; the server default when absent'),
    samples: z.number().int().min(1).max(20).default(1).describe('Judge samples per transcript (k): their spread measures self-consistency'),
    mode: z.enum(['sync', 'batch']).default('sync').describe('batch: the Message Batches API, half price, results within 24 h'),
    pairwise: z.boolean().default(false).describe('Judge pairs of transcripts of one scenario (different models), in both orders'),
    budgetUsd: z.number().positive('budgetUsd must be more than 0').max(100_000).describe('The run stops before spending more than this, in US dollars (work in flight counted)'),
  })
  .refine((b) => (b.transcriptIds === undefined) !== (b.where === undefined), {
    message: 'give either transcriptIds or where, not both',
    path: ['transcriptIds'],
  })
  .meta({ examples: [{ traits: ['pushback', 'sycophancy'], where: { model: 'aurora-1.1', tag: 'pushback' }, samples: 3, mode: 'batch', budgetUsd: 5 }] });
export type RunBody = z.infer<typeof runBody>;

/** What the planner needs of the judge's configuration. */
export interface PlanConfig {
  defaultModel: string;
  prices: PriceTable;
}

export type PlannedJob = JobTarget & { key: string };

export interface RunPlan {
  runId: string;
  judgeModel: string;
  price: ModelPrice;
  traits: JudgeRunTrait[];
  rubrics: Map<string, Rubric>;
  selection: JudgeSelection;
  jobs: PlannedJob[];
}

/** A job's unique key, also its batch custom_id: ≤ 64 characters of [A-Za-z0-9_-]. */
export function jobKey(parts: (string | number | null)[]): string {
  return 'j' + sha256(parts.join('\u0000'), 'base64url').slice(0, 40);
}

/** Resolves traits (to their current rubric versions), the judge model's price and the transcripts, into jobs. */
export async function planRun(db: Db, body: RunBody, rubrics: ReadonlyMap<string, SyncedRubric>, config: PlanConfig, runId = newId()): Promise<RunPlan> {
  const judgeModel = body.judgeModel ?? config.defaultModel;
  const price = priceOf(config.prices, judgeModel);
  if (!price) throw new ValidationFailed(`No price is known for judge model ${judgeModel}: add it to CHARLENS_JUDGE_PRICES`, [{ field: 'judgeModel', message: 'unknown price' }]);
  const traits: JudgeRunTrait[] = [];
  const rubricByVersion = new Map<string, Rubric>();
  const unknown = body.traits.filter((slug) => !rubrics.has(slug));
  if (unknown.length) {
    throw new ValidationFailed(`No rubric for trait ${unknown.join(', ')}: the judge scores traits defined in rubrics/ (${[...rubrics.keys()].join(', ')})`, [
      { field: 'traits', message: `unknown: ${unknown.join(', ')}` },
    ]);
  }
  for (const slug of new Set(body.traits)) {
    const r = rubrics.get(slug);
    if (!r) continue;
    traits.push({ slug, traitId: r.traitId, rubricVersionId: r.rubricVersionId, contentHash: r.contentHash });
    rubricByVersion.set(r.rubricVersionId, r);
  }
  const selection: JudgeSelection = body.transcriptIds ? { transcriptIds: body.transcriptIds } : { where: body.where ?? {} };
  const selected = await selectTranscripts(db, selection);
  if (!selected.length) throw new ValidationFailed('The selection matches no transcripts', [{ field: body.transcriptIds ? 'transcriptIds' : 'where', message: 'no transcripts' }]);
  // Count before building: pairs grow with the square of a scenario's transcripts (4,000 took 17 s to plan).
  const units = body.pairwise ? 2 * pairCount(selected) : selected.length;
  const jobCount = units * traits.length * body.samples;
  if (jobCount > MAX_JOBS_PER_RUN) {
    throw new ValidationFailed(`That is ${jobCount} judge requests; a run takes at most ${MAX_JOBS_PER_RUN}: narrow the selection or split the run`, [{ field: body.transcriptIds ? 'transcriptIds' : 'where', message: 'too many jobs' }]);
  }
  const jobs: PlannedJob[] = [];
  for (const trait of traits) {
    for (let sample = 0; sample < body.samples; sample++) {
      if (!body.pairwise) {
        for (const t of selected) {
          jobs.push({ key: jobKey([runId, 'score', t.id, trait.rubricVersionId, sample]), kind: 'score', transcriptId: t.id, transcriptBId: null, shownOrder: null, pairKey: null, traitId: trait.traitId, rubricVersionId: trait.rubricVersionId, sampleIndex: sample });
        }
        continue;
      }
      for (const [a, b] of pairsByScenario(selected)) {
        const pairKey = jobKey([runId, 'pair', a.id, b.id, trait.rubricVersionId, sample]);
        for (const order of ['ab', 'ba'] as const) {
          jobs.push({ key: jobKey([pairKey, order]), kind: 'pairwise', transcriptId: a.id, transcriptBId: b.id, shownOrder: order, pairKey, traitId: trait.traitId, rubricVersionId: trait.rubricVersionId, sampleIndex: sample });
        }
      }
    }
  }
  if (!jobs.length) throw new ValidationFailed('Pairwise judging needs two transcripts of different models on one scenario; the selection has none');
  return { runId, judgeModel, price, traits, rubrics: rubricByVersion, selection, jobs };
}

/** How many pairs `pairsByScenario` would make, without making them: Σ over scenarios of cross-model products. */
export function pairCount(selected: readonly { scenarioId: string; modelId: string }[]): number {
  const perScenario = new Map<string, Map<string, number>>();
  for (const t of selected) {
    const models = perScenario.get(t.scenarioId) ?? new Map<string, number>();
    models.set(t.modelId, (models.get(t.modelId) ?? 0) + 1);
    perScenario.set(t.scenarioId, models);
  }
  let pairs = 0;
  for (const models of perScenario.values()) {
    const counts = [...models.values()];
    const total = counts.reduce((a, b) => a + b, 0);
    pairs += (total * total - counts.reduce((a, n) => a + n * n, 0)) / 2;
  }
  return pairs;
}

/** Pairs of transcripts of one scenario from different models, in a stable order. */
export function pairsByScenario(selected: { id: string; scenarioId: string; modelId: string }[]): [typeof selected[number], typeof selected[number]][] {
  const byScenario = new Map<string, typeof selected>();
  for (const t of selected) {
    const group = byScenario.get(t.scenarioId);
    if (group) group.push(t);
    else byScenario.set(t.scenarioId, [t]);
  }
  const pairs: [typeof selected[number], typeof selected[number]][] = [];
  for (const group of byScenario.values()) {
    const sorted = [...group].sort((x, y) => (x.id < y.id ? -1 : 1));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i];
        const b = sorted[j];
        if (a && b && a.modelId !== b.modelId) pairs.push([a, b]);
      }
    }
  }
  return pairs;
}

async function selectTranscripts(db: Db, selection: JudgeSelection) {
  const columns = { id: transcripts.id, scenarioId: transcripts.scenarioId, modelId: transcripts.modelId };
  if (selection.transcriptIds) {
    const ids = [...new Set(selection.transcriptIds)];
    const rows: { id: string; scenarioId: string; modelId: string }[] = [];
    for (let i = 0; i < ids.length; i += 500) rows.push(...(await db.select(columns).from(transcripts).where(inArray(transcripts.id, ids.slice(i, i + 500)))));
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw new ValidationFailed(`No transcript ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`, [{ field: 'transcriptIds', message: 'unknown ids' }]);
    return rows;
  }
  const rows = await selectTranscriptIds(db, selection.where ?? {}, MAX_TRANSCRIPTS_PER_RUN + 1);
  if (rows.length > MAX_TRANSCRIPTS_PER_RUN) throw new ValidationFailed(`The selection matches more than ${MAX_TRANSCRIPTS_PER_RUN} transcripts; narrow it`);
  return rows;
}

/** A transcript with its messages, as the judge reads it. */
export async function loadTranscriptForJudge(db: Db, id: string): Promise<TranscriptForJudge> {
  const [row] = await db.select({ id: transcripts.id, systemPrompt: transcripts.systemPrompt }).from(transcripts).where(eq(transcripts.id, id));
  if (!row) throw new Error(`transcript ${id} is gone`);
  const rows = await db.select({ index: messages.idx, role: messages.role, content: messages.content }).from(messages).where(eq(messages.transcriptId, id)).orderBy(asc(messages.idx));
  return { id: row.id, systemPrompt: row.systemPrompt, messages: rows };
}

export async function loadRubricVersion(db: Db, id: string): Promise<Rubric> {
  const [row] = await db.select().from(rubricVersions).where(eq(rubricVersions.id, id));
  if (!row) throw new Error(`rubric version ${id} is gone`);
  return rubricFromVersion(row);
}

/** The request a job sends (before any repair turn). */
export async function requestForJob(
  db: Db,
  job: { kind: 'score' | 'pairwise'; transcriptId: string; transcriptBId: string | null; shownOrder: 'ab' | 'ba' | null },
  rubric: Rubric,
  model: string,
  cache?: Map<string, TranscriptForJudge>,
): Promise<{ request: MessageCreateParams; first: TranscriptForJudge; second: TranscriptForJudge | null }> {
  const load = async (id: string) => {
    const hit = cache?.get(id);
    if (hit) return hit;
    const t = await loadTranscriptForJudge(db, id);
    cache?.set(id, t);
    return t;
  };
  if (job.kind === 'score') {
    const t = await load(job.transcriptId);
    return { request: buildScoreRequest(rubric, t, model), first: t, second: null };
  }
  if (!job.transcriptBId) throw new Error('pairwise job without a second transcript');
  const a = await load(job.transcriptId);
  const b = await load(job.transcriptBId);
  const [first, second] = job.shownOrder === 'ba' ? [b, a] : [a, b];
  return { request: buildPairwiseRequest(rubric, first, second, model), first, second };
}

/** Output tokens a judgment takes (reasoning, a few quotes, the score); used only for estimates. */
export const ESTIMATED_OUTPUT_TOKENS = 450;
const COUNT_TOKENS_SAMPLE = 10;

/**
 * Requests, tokens and cost of a plan, without starting anything. Tokens come from `count_tokens` on a sample
 * of the requests when the API answers (scaled to the rest by characters), else from characters / 4. The
 * stable system prompt is written to the cache once per rubric and kind, then read by every later request.
 */
export async function estimatePlan(db: Db, plan: RunPlan, mode: 'sync' | 'batch', client: Anthropic | null): Promise<JudgeEstimate> {
  const cache = new Map<string, TranscriptForJudge>();
  let systemChars = 0;
  let userChars = 0;
  // The stable prefix is the same for every job of one rubric and kind, and a transcript's part the same for
  // every trait that renders it alike and every sample: each is built once, so large runs estimate quickly.
  const prefixes = new Map<string, number>();
  const userParts = new Map<string, number>();
  const sample: MessageCreateParams[] = [];
  // Building a prompt per distinct transcript is real work on the event loop: let other requests in between.
  for (const job of plan.jobs) {
    await yieldTurn();
    const rubric = plan.rubrics.get(job.rubricVersionId);
    if (!rubric) continue;
    const prefixKey = `${job.rubricVersionId}|${job.kind}`;
    const userKey = [job.kind, job.transcriptId, job.transcriptBId, job.shownOrder, rubric.thinking, rubric.title].join('|');
    let prefix = prefixes.get(prefixKey);
    let user = userParts.get(userKey);
    if (prefix === undefined || user === undefined) {
      const { request } = await requestForJob(db, job, rubric, plan.judgeModel, cache);
      prefix = JSON.stringify(request.system).length + JSON.stringify(request.tools).length;
      user = JSON.stringify(request.messages).length;
      prefixes.set(prefixKey, prefix);
      userParts.set(userKey, user);
      if (sample.length < COUNT_TOKENS_SAMPLE) sample.push(request);
    }
    systemChars += prefix;
    userChars += user;
  }
  let tokensPerChar = 1 / 4;
  let tokenSource: JudgeEstimate['tokenSource'] = 'offline';
  if (client && sample.length) {
    try {
      let tokens = 0;
      let chars = 0;
      for (const request of sample) {
        const counted = await client.messages.countTokens({ model: request.model, system: request.system ?? [], tools: request.tools ?? [], messages: request.messages }, { maxRetries: 0, timeout: 5_000 });
        tokens += counted.input_tokens;
        chars += JSON.stringify(request.system).length + JSON.stringify(request.tools).length + JSON.stringify(request.messages).length;
      }
      if (chars > 0) {
        tokensPerChar = tokens / chars;
        tokenSource = 'count_tokens';
      }
    } catch {
      // Unreachable or refusing: the offline estimate stands.
    }
  }
  const writeChars = [...prefixes.values()].reduce((a, b) => a + b, 0);
  const cacheWriteTokens = Math.round(writeChars * tokensPerChar);
  const cachedInputTokens = Math.round((systemChars - writeChars) * tokensPerChar);
  const inputTokens = Math.round(userChars * tokensPerChar);
  const outputTokens = plan.jobs.length * ESTIMATED_OUTPUT_TOKENS;
  const cost = costUsd(plan.price, { input_tokens: inputTokens, output_tokens: outputTokens, cache_creation_input_tokens: cacheWriteTokens, cache_read_input_tokens: cachedInputTokens }, mode);
  return {
    jobs: plan.jobs.length,
    requests: plan.jobs.length,
    inputTokens: inputTokens + cacheWriteTokens + cachedInputTokens,
    cachedInputTokens,
    outputTokens,
    costUsd: Math.round(cost * 1e6) / 1e6,
    tokenSource,
  };
}

/** Writes the run and all its jobs in one transaction: a run exists whole, with every job pending, or not at all. */
export async function createRun(database: Database, plan: RunPlan, body: RunBody, estimate: JudgeEstimate, userId: string | null): Promise<string> {
  const now = Date.now();
  await database.write((db) =>
    db.transaction(async (tx) => {
      await tx.insert(judgeRuns).values({
        id: plan.runId,
        judgeModel: plan.judgeModel,
        traits: plan.traits,
        selection: plan.selection,
        samples: body.samples,
        temperature: null,
        mode: body.mode,
        pairwise: body.pairwise,
        budgetUsd: body.budgetUsd,
        status: 'running',
        jobCount: plan.jobs.length,
        estimate,
        createdBy: userId,
        createdAt: now,
        updatedAt: now,
      });
      const rows = plan.jobs.map((j) => ({ id: newId(), runId: plan.runId, ...j, customId: j.key, status: 'pending' as const, createdAt: now, updatedAt: now }));
      for (let i = 0; i < rows.length; i += 400) await tx.insert(judgeJobs).values(rows.slice(i, i + 400));
    }),
  );
  return plan.runId;
}
