import { and, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';
import { refreshTraitValues } from '../aggregate/refresh.ts';
import { newId } from '../../db/ids.ts';
import { comparisons, judgeJobs, judgeRuns, scores, type JudgeJobStatus, type JudgeUsage, type Json } from '../../db/schema/index.ts';
import { combineOrders, type Judgment, type PairVerdict, type ScoreValue } from './judgment.ts';
import { addUsage, emptyUsage } from './prices.ts';
import { recordAudit } from '../auth/audit.ts';


export const FINAL_JOB_STATUSES: JudgeJobStatus[] = ['done', 'invalid', 'failed', 'cancelled'];
const OPEN_JOB_STATUSES: JudgeJobStatus[] = ['pending', 'running', 'submitted'];

/** The columns that say what a job judges; planned jobs (runs.ts) and stored ones share them. */
export type JobTarget = Pick<
  typeof judgeJobs.$inferSelect,
  'kind' | 'transcriptId' | 'transcriptBId' | 'shownOrder' | 'pairKey' | 'traitId' | 'rubricVersionId' | 'sampleIndex'
>;

/** What a job row must carry for its result to be written. */
export type JobRow = JobTarget & Pick<typeof judgeJobs.$inferSelect, 'id' | 'runId' | 'usage' | 'costUsd'>;

export type JobResult =
  | { kind: 'score'; status: 'valid'; judgment: Judgment }
  | { kind: 'pairwise'; status: 'valid'; verdict: PairVerdict }
  | { kind: 'score' | 'pairwise'; status: 'invalid'; error: string };

/** Adds a paid request's usage and cost to its job and run, in the caller's transaction. */
async function charge(tx: Tx, job: JobRow, usage: JudgeUsage, cost: number) {
  await tx
    .update(judgeRuns)
    .set({
      costUsd: sql`${judgeRuns.costUsd} + ${cost}`,
      inputTokens: sql`${judgeRuns.inputTokens} + ${usage.input_tokens}`,
      outputTokens: sql`${judgeRuns.outputTokens} + ${usage.output_tokens}`,
      cacheWriteTokens: sql`${judgeRuns.cacheWriteTokens} + ${usage.cache_creation_input_tokens}`,
      cacheReadTokens: sql`${judgeRuns.cacheReadTokens} + ${usage.cache_read_input_tokens}`,
      updatedAt: Date.now(),
    })
    .where(eq(judgeRuns.id, job.runId));
}

/**
 * Records a finished judgment, in one transaction: the job becomes `done` (or `invalid`), its score (or
 * comparison, once both orders are in) is appended, and the run's cost and tokens grow by what was paid.
 * Returns false, writing nothing, when the job was already final (another worker finished it first).
 */
export async function recordResult(database: Database, job: JobRow, result: JobResult, usage: JudgeUsage, cost: number, raw: Json): Promise<boolean> {
  return database.write((db) =>
    db.transaction(async (tx) => {
      const now = Date.now();
      const status: JudgeJobStatus = result.status === 'valid' ? 'done' : 'invalid';
      const updated = await tx
        .update(judgeJobs)
        .set({
          status,
          usage: addUsage(job.usage ?? emptyUsage(), usage),
          costUsd: job.costUsd + cost,
          rawResponse: raw,
          verdict: result.kind === 'pairwise' && result.status === 'valid' ? result.verdict.winner : null,
          error: result.status === 'invalid' ? result.error : null,
          repair: null,
          leaseOwner: null,
          leaseExpiresAt: null,
          updatedAt: now,
          finishedAt: now,
        })
        .where(and(eq(judgeJobs.id, job.id), notInArray(judgeJobs.status, FINAL_JOB_STATUSES)))
        .returning({ id: judgeJobs.id });
      if (!updated.length) return false;
      await charge(tx, job, usage, cost);
      if (result.kind === 'score') {
        const rows = scoreRows(job, result, now);
        if (rows.length) {
          await tx.insert(scores).values(rows);
          await refreshTraitValues(tx, [{ transcriptId: job.transcriptId, traitId: job.traitId }]);
        }
      } else if (result.status === 'valid') {
        await maybeCompare(tx, job, result.verdict, now);
      }
      await finishRunIfDone(tx, job.runId, now);
      return true;
    }),
  );
}

function scoreRows(job: JobRow, result: Extract<JobResult, { kind: 'score' }> | Extract<JobResult, { status: 'invalid' }>, now: number): (typeof scores.$inferInsert)[] {
  const base = { transcriptId: job.transcriptId, traitId: job.traitId, rubricVersionId: job.rubricVersionId, source: 'judge' as const, sampleIndex: job.sampleIndex, judgeRunId: job.runId, createdAt: now };
  if (result.status === 'invalid') return [{ ...base, id: newId(), status: 'invalid', value: null, rationale: `Invalid judge output: ${result.error}`, evidence: [] }];
  const j = result.judgment;
  if (j.kind === 'turns') {
    // One score per assistant turn, with the turn as its range; the rationale covers the whole conversation.
    return j.turns.map((t) => ({ ...base, id: newId(), status: 'valid' as const, ...scoreColumns(t.score), naReason: t.naReason, turnStart: t.messageIndex, turnEnd: t.messageIndex, rationale: j.reasoning, evidence: t.evidence }));
  }
  return j.kind === 'score'
    ? [{ ...base, id: newId(), status: 'valid', ...scoreColumns(j.score), rationale: j.reasoning, evidence: j.evidence }]
    : [{ ...base, id: newId(), status: 'valid', value: null, naReason: j.reason, rationale: j.reasoning, evidence: j.evidence }];
}

/** A level goes in `value`, a category in `category`; N/A leaves both null. */
function scoreColumns(score: ScoreValue | null): { value: number | null; category: string | null } {
  return typeof score === 'string' ? { value: null, category: score } : { value: score, category: null };
}

/** When the other order of the pair is done too, the two verdicts become one comparison (disagreement → tie). */
async function maybeCompare(tx: Tx, job: JobRow, verdict: PairVerdict, now: number) {
  if (!job.pairKey) return;
  const [other] = await tx
    .select({ shownOrder: judgeJobs.shownOrder, verdict: judgeJobs.verdict, status: judgeJobs.status, rawResponse: judgeJobs.rawResponse })
    .from(judgeJobs)
    .where(and(eq(judgeJobs.pairKey, job.pairKey), ne(judgeJobs.id, job.id)));
  if (!other || other.status !== 'done' || !other.verdict) return;
  const ab = job.shownOrder === 'ab' ? verdict.winner : other.verdict;
  const ba = job.shownOrder === 'ab' ? other.verdict : verdict.winner;
  const winner = combineOrders(ab, ba);
  const disagree = winner === 'tie' && !(ab === 'tie' && ba === 'tie');
  await tx.insert(comparisons).values({
    id: newId(),
    transcriptA: job.transcriptId,
    transcriptB: job.transcriptBId ?? job.transcriptId,
    traitId: job.traitId,
    rubricVersionId: job.rubricVersionId,
    source: 'judge',
    winner,
    shownOrder: 'ab',
    rationale: [
      `Judged in both orders (A first: ${ab}; B first: ${ba})${disagree ? ' — the verdicts disagree, so it is a tie' : ''}.`,
      `A first: ${job.shownOrder === 'ab' ? verdict.reasoning : (reasoningOf(other.rawResponse) ?? '')}`,
      `B first: ${job.shownOrder === 'ba' ? verdict.reasoning : (reasoningOf(other.rawResponse) ?? '')}`,
    ].join('\n'),
    judgeRunId: job.runId,
    createdAt: now,
  });
}

/** The reasoning of the last answer kept in a job's raw response (the API's messages, as stored). */
function reasoningOf(raw: Json | null): string | null {
  const messages = Array.isArray(raw) ? raw : [];
  const last = messages.at(-1);
  const content = last && typeof last === 'object' && !Array.isArray(last) ? last['content'] : null;
  for (const block of Array.isArray(content) ? content : []) {
    if (!block || typeof block !== 'object' || Array.isArray(block) || block['type'] !== 'tool_use') continue;
    const input = block['input'];
    if (input && typeof input === 'object' && !Array.isArray(input) && typeof input['reasoning'] === 'string') return input['reasoning'];
  }
  return null;
}

/** A run with no open jobs left is done (unless it was cancelled meanwhile). */
export async function finishRunIfDone(tx: Tx, runId: string, now: number) {
  const [open] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(judgeJobs)
    .where(and(eq(judgeJobs.runId, runId), inArray(judgeJobs.status, OPEN_JOB_STATUSES)));
  if (Number(open?.n ?? 0) > 0) return;
  const finished = await tx
    .update(judgeRuns)
    .set({ status: 'done', finishedAt: now, updatedAt: now })
    .where(and(eq(judgeRuns.id, runId), inArray(judgeRuns.status, ['running', 'budget_exhausted', 'paused'])))
    .returning({ costUsd: judgeRuns.costUsd, createdBy: judgeRuns.createdBy });
  const [run] = finished;
  if (run) await recordAudit(tx, { userId: null, action: 'judge.run.finish', target: runId, details: { costUsd: Math.round(run.costUsd * 1e6) / 1e6, startedBy: run.createdBy } });
}

/**
 * A request that cost money but gave no final result (a batch answer that needs its repair turn): its usage is
 * charged now, and the job goes back to pending carrying what the repair turn needs.
 */
export async function recordRepairNeeded(database: Database, job: JobRow, usage: JudgeUsage, cost: number, repair: { content: Json; error: string }, raw: Json) {
  await database.write((db) =>
    db.transaction(async (tx) => {
      const updated = await tx
        .update(judgeJobs)
        .set({ status: 'pending', usage: addUsage(job.usage ?? emptyUsage(), usage), costUsd: job.costUsd + cost, repair, rawResponse: raw, batchId: null, leaseOwner: null, leaseExpiresAt: null, updatedAt: Date.now() })
        .where(and(eq(judgeJobs.id, job.id), notInArray(judgeJobs.status, FINAL_JOB_STATUSES)))
        .returning({ id: judgeJobs.id });
      if (updated.length) await charge(tx, job, usage, cost);
    }),
  );
}

/** An attempt that failed without a usable answer: back to pending for another attempt, or failed for good. */
export async function recordAttemptFailed(database: Database, job: { id: string; runId: string; attempts: number }, error: string, maxAttempts: number, retryable: boolean) {
  await database.write((db) =>
    db.transaction(async (tx) => {
      const final = !retryable || job.attempts >= maxAttempts;
      const now = Date.now();
      await tx
        .update(judgeJobs)
        .set({ status: final ? 'failed' : 'pending', error, batchId: null, leaseOwner: null, leaseExpiresAt: null, updatedAt: now, finishedAt: final ? now : null })
        .where(and(eq(judgeJobs.id, job.id), notInArray(judgeJobs.status, FINAL_JOB_STATUSES)));
      if (final) await finishRunIfDone(tx, job.runId, now);
    }),
  );
}
