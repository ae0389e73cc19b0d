import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { judgeJobs, judgeRuns, type JudgeJobStatus } from '../../db/schema/index.ts';

export interface RunCounts {
  /** Not yet final: waiting, in flight, or in a submitted batch. */
  pending: number;
  done: number;
  failed: number;
  invalid: number;
  cancelled: number;
}

/** A run as the API shows it: status, job counts, cost and tokens (with the prompt-cache share). */
export async function runView(db: Db, id: string) {
  const [run] = await db.select().from(judgeRuns).where(eq(judgeRuns.id, id));
  if (!run) return null;
  const rows = await db
    .select({ status: judgeJobs.status, n: sql<number>`count(*)` })
    .from(judgeJobs)
    .where(eq(judgeJobs.runId, id))
    .groupBy(judgeJobs.status);
  const counts: RunCounts = { pending: 0, done: 0, failed: 0, invalid: 0, cancelled: 0 };
  const bucket: Record<JudgeJobStatus, keyof RunCounts> = { pending: 'pending', running: 'pending', submitted: 'pending', done: 'done', failed: 'failed', invalid: 'invalid', cancelled: 'cancelled' };
  for (const r of rows) counts[bucket[r.status]] += Number(r.n);
  const promptTokens = run.inputTokens + run.cacheWriteTokens + run.cacheReadTokens;
  return {
    id: run.id,
    status: run.status,
    judgeModel: run.judgeModel,
    traits: run.traits,
    selection: run.selection,
    samples: run.samples,
    mode: run.mode,
    pairwise: run.pairwise,
    budgetUsd: run.budgetUsd,
    jobCount: run.jobCount,
    counts,
    costUsd: Math.round(run.costUsd * 1e6) / 1e6,
    tokens: {
      input: run.inputTokens,
      output: run.outputTokens,
      cacheWrite: run.cacheWriteTokens,
      cacheRead: run.cacheReadTokens,
      cacheReadShare: promptTokens ? run.cacheReadTokens / promptTokens : 0,
    },
    estimate: run.estimate,
    error: run.error,
    createdAt: new Date(run.createdAt).toISOString(),
    finishedAt: run.finishedAt ? new Date(run.finishedAt).toISOString() : null,
  };
}

export type RunView = NonNullable<Awaited<ReturnType<typeof runView>>>;

export const FINAL_RUN_STATUSES = ['done', 'cancelled'] as const;
