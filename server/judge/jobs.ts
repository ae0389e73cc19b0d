import type Anthropic from '@anthropic-ai/sdk';
import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { judgeJobs, judgeRuns, type Json } from '../../db/schema/index.ts';
import type { Logger } from '../lib/logger.ts';
import type { CallOutcome } from './call.ts';
import { checkComparison, checkJudgment, type Checked, type Judgment, type PairVerdict } from './judgment.ts';
import { priceOf, type ModelPrice, type PriceTable } from './prices.ts';
import { renderTranscript, type MessageCreateParams } from './prompt.ts';
import { measureTranscript, thought } from '../thinking/measure.ts';
import { loadRubricVersion, requestForJob } from './runs.ts';
import type { Rubric } from './rubrics.ts';
import type { JobResult, JobRow } from './store.ts';

/** A job this worker holds the lease of. */
export type ClaimedJob = JobRow & { key: string; attempts: number; repair: { content: Json; error: string } | null };

export type JobCheck = { kind: 'score'; judgment: Judgment } | { kind: 'pairwise'; verdict: PairVerdict };

/** Everything needed to send a job and check its answer. */
export interface PreparedJob {
  request: MessageCreateParams;
  check: (content: Anthropic.ContentBlock[]) => Checked<JobCheck>;
  price: ModelPrice;
}

export interface JobContextDeps {
  database: Database;
  logger: Logger;
  owner: string;
  leaseMs: number;
  prices: PriceTable;
}

/**
 * What the sync and batch paths share: claiming jobs under leases and budgets, and turning a job row into its
 * request and answer check (rubric versions and run settings cached, since they never change).
 */
export function createJobContext(deps: JobContextDeps) {
  const { database, logger, owner, leaseMs } = deps;
  const { db } = database;
  const rubricCache = new Map<string, Rubric>();
  const modelCache = new Map<string, string>();

  const rubricOf = async (id: string) => {
    const hit = rubricCache.get(id);
    if (hit) return hit;
    const rubric = await loadRubricVersion(db, id);
    rubricCache.set(id, rubric);
    return rubric;
  };
  const modelOf = async (runId: string): Promise<string> => {
    const hit = modelCache.get(runId);
    if (hit) return hit;
    const [row] = await db.select({ judgeModel: judgeRuns.judgeModel }).from(judgeRuns).where(eq(judgeRuns.id, runId));
    if (!row) throw new Error(`run ${runId} is gone`);
    modelCache.set(runId, row.judgeModel);
    return row.judgeModel;
  };

  /**
   * Claims up to `limit` jobs of running runs in `mode` (pending ones, or running ones whose lease expired),
   * within each run's budget. One UPDATE per run, so two processes never claim the same job.
   */
  async function claim(mode: 'sync' | 'batch', limit: number): Promise<ClaimedJob[]> {
    return database.write(async (tx) => {
      const now = Date.now();
      const runs = await tx
        .select({ id: judgeRuns.id, costUsd: judgeRuns.costUsd, budgetUsd: judgeRuns.budgetUsd, estimate: judgeRuns.estimate, jobCount: judgeRuns.jobCount })
        .from(judgeRuns)
        .where(and(eq(judgeRuns.status, 'running'), eq(judgeRuns.mode, mode)))
        .orderBy(asc(judgeRuns.createdAt));
      const claimed: ClaimedJob[] = [];
      for (const run of runs) {
        if (claimed.length >= limit) break;
        // Budget: what is spent, plus what the jobs in flight (in any process) will likely cost, must leave room
        // for one more job. While the budget covers the whole run twice over, counting is not needed.
        const perJob = Math.max(run.estimate.costUsd / Math.max(run.jobCount, 1), 1e-9);
        const budgetRoom = Math.floor((run.budgetUsd - run.costUsd) / perJob);
        let leased = 0;
        if (budgetRoom < 2 * run.jobCount) {
          const [row] = await tx
            .select({ n: sql<number>`count(*)` })
            .from(judgeJobs)
            .where(and(eq(judgeJobs.runId, run.id), eq(judgeJobs.status, 'running'), sql`${judgeJobs.leaseExpiresAt} >= ${now}`));
          leased = Number(row?.n ?? 0);
        }
        const room = budgetRoom - leased;
        if (room <= 0) {
          if (leased === 0) {
            await tx.update(judgeRuns).set({ status: 'budget_exhausted', updatedAt: now, error: `stopped at its budget of $${run.budgetUsd}` }).where(eq(judgeRuns.id, run.id));
            logger.warn('judge.budget_exhausted', { runId: run.id, costUsd: run.costUsd, budgetUsd: run.budgetUsd });
          }
          continue;
        }
        const claimable = or(eq(judgeJobs.status, 'pending'), and(eq(judgeJobs.status, 'running'), lt(judgeJobs.leaseExpiresAt, now)));
        const candidates = tx
          .select({ id: judgeJobs.id })
          .from(judgeJobs)
          .where(and(eq(judgeJobs.runId, run.id), claimable))
          .orderBy(asc(judgeJobs.id))
          .limit(Math.min(room, limit - claimed.length));
        const rows = await tx
          .update(judgeJobs)
          .set({ status: 'running', leaseOwner: owner, leaseExpiresAt: now + leaseMs, attempts: sql`${judgeJobs.attempts} + 1`, updatedAt: now })
          .where(and(inArray(judgeJobs.id, candidates), claimable))
          .returning();
        claimed.push(...rows.map((r) => ({ ...r, repair: r.repair ?? null })));
      }
      return claimed;
    });
  }

  /** The job's request and the check of its answer (quotes are checked against the text the judge was shown). */
  async function prepare(job: ClaimedJob): Promise<PreparedJob> {
    const model = await modelOf(job.runId);
    const price = priceOf(deps.prices, model);
    if (!price) throw new Error(`no price for ${model}`);
    const rubric = await rubricOf(job.rubricVersionId);
    const { request, first, second } = await requestForJob(db, job, rubric, model);
    const firstTexts = renderTranscript(first, rubric.thinking).messageTexts;
    if (!second) {
      const assistantIndices = first.messages.filter((m) => m.role === 'assistant').map((m) => m.index);
      const thoughtAt = new Set(measureTranscript(first.messages).flatMap((t, i) => (thought(t) ? [first.messages[i]?.index ?? i] : [])));
      return { request, price, check: (content) => wrapScore(checkJudgment(content, rubric, firstTexts, assistantIndices, thoughtAt)) };
    }
    const secondTexts = renderTranscript(second, rubric.thinking).messageTexts;
    return { request, price, check: (content) => wrapPair(checkComparison(content, firstTexts, secondTexts)) };
  }

  return { claim, prepare };
}

export type JobContext = ReturnType<typeof createJobContext>;

function wrapScore(c: Checked<Judgment>): Checked<JobCheck> {
  return c.ok ? { ok: true, value: { kind: 'score', judgment: c.value } } : c;
}
function wrapPair(c: Checked<PairVerdict>): Checked<JobCheck> {
  return c.ok ? { ok: true, value: { kind: 'pairwise', verdict: c.value } } : c;
}

export function toJobResult(kind: 'score' | 'pairwise', outcome: CallOutcome<JobCheck>): JobResult {
  if (outcome.status === 'invalid') return { kind, status: 'invalid', error: outcome.error };
  const v = outcome.value;
  return v.kind === 'score' ? { kind: 'score', status: 'valid', judgment: v.judgment } : { kind: 'pairwise', status: 'valid', verdict: v.verdict };
}

/** API objects are plain JSON data; a round trip through JSON gives them the stored type. */
export function rawOf(value: unknown): Json {
  const json: Json = JSON.parse(JSON.stringify(value));
  return json;
}
