import { and, asc, desc, eq, getTableColumns, gt, inArray } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { judgeJobs, judgeRuns, models, scenarios, transcripts } from '../../db/schema/index.ts';
import type { AppEnv } from '../context.ts';
import type { JudgeDeps } from '../judge/deps.ts';
import { createRun, estimatePlan, loadRubricVersion, planRun, requestForJob, runBody } from '../judge/runs.ts';
import { FINAL_RUN_STATUSES, runView } from '../judge/run-view.ts';
import { Conflict, NotFound, Unprocessable } from '../lib/errors.ts';
import { doc } from '../lib/openapi.ts';
import { validate } from '../lib/validator.ts';
import { idSchema } from '../schemas/common.ts';
import { createdRunSchema, estimateResponseSchema, jobDetailSchema, jobListSchema, jobsQuery, resumeBody, runListSchema, runViewSchema } from '../schemas/judge.ts';
import { auditCaller } from '../auth/audit.ts';
import { judgeTarget } from '../judge/store.ts';
import { isThemeJobKind, prepareThemeJob } from '../themes/prepare.ts';

const tags = ['judge'];
const runParam = z.object({ id: idSchema });
const jobParam = z.object({ id: idSchema, jobId: idSchema });

function judgeOf(c: Context<AppEnv>): JudgeDeps {
  const judge = c.var.deps.judge;
  if (!judge) throw new Unprocessable('The judge is not configured on this server (no rubrics loaded)');
  return judge;
}

async function viewOrThrow(c: Context<AppEnv>, id: string) {
  const view = await runView(c.var.deps.database.db, id);
  if (!view) throw new NotFound(`No judge run ${id}`);
  return view;
}

export const judgeRoutes = new Hono<AppEnv>()
  .post(
    '/estimate',
    doc({ summary: 'Requests, tokens and cost of a judge run, without starting it', tags, success: { status: 200, description: 'The estimate', schema: estimateResponseSchema }, errors: [400, 422] }),
    validate('json', runBody),
    async (c) => {
    const judge = judgeOf(c);
    const body = c.req.valid('json');
    const { db } = c.var.deps.database;
    const plan = await planRun(db, body, judge.rubrics, judge.config);
    const estimate = await estimatePlan(db, plan, body.mode, judge.client);
    return c.json({ judgeModel: plan.judgeModel, apiKeyConfigured: judge.client !== null, traits: plan.traits, estimate, overBudget: estimate.costUsd > body.budgetUsd }, 200);
    },
  )
  .post(
    '/runs',
    doc({
      summary: 'Start a judge run; returns its id and estimate',
      description: 'One job per unit of paid work (transcript or ordered pair × trait × sample); the server’s workers do them, a restart resumes them, and the run stops at its budget.',
      tags,
      success: { status: 201, description: 'The run was created', schema: createdRunSchema },
      errors: [400, 422],
    }),
    validate('json', runBody),
    async (c) => {
    const judge = judgeOf(c);
    if (!judge.client) throw new Unprocessable('The judge has no API key: set ANTHROPIC_API_KEY and restart the server');
    const body = c.req.valid('json');
    const { database } = c.var.deps;
    const plan = await planRun(database.db, body, judge.rubrics, judge.config);
    const estimate = await estimatePlan(database.db, plan, body.mode, judge.client);
    const id = await createRun(database, plan, body, estimate, c.var.user.id);
    await auditCaller(c, { action: 'judge.run.create', target: id, details: { judgeModel: plan.judgeModel, traits: plan.traits.map((t) => t.slug), jobs: estimate.jobs, estimateUsd: estimate.costUsd, budgetUsd: body.budgetUsd, mode: body.mode } });
    judge.worker?.wake();
    return c.json({ id, estimate }, 201);
    },
  )
  .get('/runs', doc({ summary: 'The latest judge runs (100), and whether a run can start (an API key is configured)', tags, success: { status: 200, description: 'Runs, newest first', schema: runListSchema } }), async (c) => {
    // Theme and drafting runs have their own pages (GET /themes/runs); their progress, jobs, cancel and resume are here.
    const rows = await c.var.deps.database.db.select({ id: judgeRuns.id }).from(judgeRuns).where(eq(judgeRuns.kind, 'judge')).orderBy(desc(judgeRuns.createdAt)).limit(100);
    const items = [];
    for (const r of rows) {
      const view = await runView(c.var.deps.database.db, r.id);
      if (view) items.push(view);
    }
    // The page says up front when no run can start, instead of after an estimate and a confirmation.
    return c.json({ items, apiKeyConfigured: (c.var.deps.judge?.client ?? null) !== null }, 200);
  })
  .get(
    '/runs/:id',
    doc({ summary: 'A judge run: status, job counts, cost, tokens', tags, success: { status: 200, description: 'The run', schema: runViewSchema }, errors: [400, 404] }),
    validate('param', runParam),
    async (c) => c.json(await viewOrThrow(c, c.req.valid('param').id), 200),
  )
  .get(
    '/runs/:id/events',
    doc({
      summary: 'Live progress of a judge run (server-sent events)',
      description: 'Events `progress` (data: status, counts, costUsd, tokens, jobCount as JSON) whenever they change, then `end` once the run is final and no paid request is open.',
      tags,
      success: { status: 200, description: 'An event stream', mediaType: 'text/event-stream' },
      errors: [400, 404],
    }),
    validate('param', runParam),
    async (c) => {
    const id = c.req.valid('param').id;
    await viewOrThrow(c, id);
    const intervalMs = c.var.deps.judge?.progressIntervalMs ?? 500;
    const { db } = c.var.deps.database;
    // Progress is read from the rows, not from in-memory state, so it also shows work done by other processes.
    return streamSSE(c, async (stream) => {
      let last = '';
      let closed = false;
      stream.onAbort(() => {
        closed = true;
      });
      while (!closed) {
        const view = await runView(db, id);
        if (!view) break;
        const data = JSON.stringify({ status: view.status, counts: view.counts, costUsd: view.costUsd, tokens: view.tokens, jobCount: view.jobCount });
        if (data !== last) {
          await stream.writeSSE({ event: 'progress', data });
          last = data;
        }
        // A run is cancelled at once, but requests already in flight (or in a submitted batch) are still
        // recorded and paid for: the stream ends only when none is open.
        if (FINAL_RUN_STATUSES.some((s) => s === view.status) && view.counts.pending === 0) {
          await stream.writeSSE({ event: 'end', data });
          break;
        }
        await stream.sleep(intervalMs);
      }
    });
    },
  )
  .get(
    '/runs/:id/jobs',
    doc({ summary: "A run's jobs for audit: status, usage, cost (compact: no raw responses)", tags, success: { status: 200, description: 'A page of jobs', schema: jobListSchema }, errors: [400, 404] }),
    validate('param', runParam),
    validate('query', jobsQuery),
    async (c) => {
    const id = c.req.valid('param').id;
    await viewOrThrow(c, id);
    const q = c.req.valid('query');
    const conditions = [eq(judgeJobs.runId, id)];
    if (q.status) conditions.push(eq(judgeJobs.status, q.status));
    if (q.cursor) conditions.push(gt(judgeJobs.id, q.cursor));
    // Compact rows: the raw response and repair turn are the large payloads; the job's own route has them.
    const { rawResponse: _raw, repair: _repair, payload: _payload, result: _result, ...compactColumns } = getTableColumns(judgeJobs);
    const rows = await c.var.deps.database.db
      .select({ ...compactColumns, model: models.name, scenario: scenarios.key, scenarioTitle: scenarios.title, transcriptSample: transcripts.sampleIndex })
      .from(judgeJobs)
      // Left joins: a theme job may read no transcript (a feedback note, a reduce or assign chunk, a draft).
      .leftJoin(transcripts, eq(transcripts.id, judgeJobs.transcriptId))
      .leftJoin(models, eq(models.id, transcripts.modelId))
      .leftJoin(scenarios, eq(scenarios.id, transcripts.scenarioId))
      .where(and(...conditions))
      .orderBy(asc(judgeJobs.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    return c.json({ items: page, nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null }, 200);
    },
  )
  .get(
    '/runs/:id/jobs/:jobId',
    doc({ summary: 'One job for audit: the prompt sent, raw response, usage, cost', tags, success: { status: 200, description: 'The job and its request', schema: jobDetailSchema }, errors: [400, 404] }),
    validate('param', jobParam),
    async (c) => {
    const { db } = c.var.deps.database;
    const params = c.req.valid('param');
    const [job] = await db
      .select()
      .from(judgeJobs)
      .where(and(eq(judgeJobs.runId, params.id), eq(judgeJobs.id, params.jobId)));
    if (!job) throw new NotFound(`No job ${params.jobId} in run ${params.id}`);
    const [run] = await db.select({ judgeModel: judgeRuns.judgeModel }).from(judgeRuns).where(eq(judgeRuns.id, job.runId));
    // The prompt is rebuilt from the stored rubric version and transcript (or, for a theme job, from its frozen
    // payload and the immutable notes and transcripts it names), so it is the one sent.
    const model = run?.judgeModel ?? '';
    if (isThemeJobKind(job.kind)) return c.json({ job, request: (await prepareThemeJob(db, job, model)).request }, 200);
    const target = judgeTarget(job);
    const rubric = await loadRubricVersion(db, target.rubricVersionId);
    const { request } = await requestForJob(db, target, rubric, model);
    return c.json({ job, request }, 200);
    },
  )
  .post(
    '/runs/:id/cancel',
    doc({ summary: 'Cancel a judge run (paid work in flight is still recorded)', tags, success: { status: 200, description: 'The run, cancelled', schema: runViewSchema }, errors: [400, 404, 409] }),
    validate('param', runParam),
    async (c) => {
    const id = c.req.valid('param').id;
    const view = await viewOrThrow(c, id);
    if (view.status === 'done' || view.status === 'cancelled') throw new Conflict(`Run ${id} is already ${view.status}`);
    const now = Date.now();
    await c.var.deps.database.write((db) =>
      db.transaction(async (tx) => {
        await tx.update(judgeRuns).set({ status: 'cancelled', finishedAt: now, updatedAt: now }).where(eq(judgeRuns.id, id));
        // Jobs in flight or in a submitted batch are already paid for: their results are still recorded.
        await tx
          .update(judgeJobs)
          .set({ status: 'cancelled', updatedAt: now, finishedAt: now })
          .where(and(eq(judgeJobs.runId, id), eq(judgeJobs.status, 'pending')));
      }),
    );
    const cancelled = await viewOrThrow(c, id);
    await auditCaller(c, { action: 'judge.run.cancel', target: id, details: { costUsd: cancelled.costUsd } });
    return c.json(cancelled, 200);
    },
  )
  .post(
    '/runs/:id/resume',
    doc({ summary: 'Resume a cancelled or budget-stopped run, optionally with a new budget', tags, success: { status: 200, description: 'The run, running again', schema: runViewSchema }, errors: [400, 404, 409] }),
    validate('param', runParam),
    validate('json', resumeBody),
    async (c) => {
    const id = c.req.valid('param').id;
    const view = await viewOrThrow(c, id);
    const { budgetUsd, retryFailed } = c.req.valid('json');
    if (view.status === 'running') throw new Conflict(`Run ${id} is already running`);
    if (view.status === 'done' && !(retryFailed && view.counts.failed > 0)) {
      throw new Conflict(`Run ${id} is done${view.counts.failed ? '; pass retryFailed to retry its failed jobs' : ''}`);
    }
    const now = Date.now();
    await c.var.deps.database.write((db) =>
      db.transaction(async (tx) => {
        await tx
          .update(judgeRuns)
          .set({ status: 'running', error: null, finishedAt: null, updatedAt: now, ...(budgetUsd === undefined ? {} : { budgetUsd }) })
          .where(eq(judgeRuns.id, id));
        await tx
          .update(judgeJobs)
          .set({ status: 'pending', finishedAt: null, updatedAt: now, ...(retryFailed ? { attempts: 0 } : {}) })
          .where(and(eq(judgeJobs.runId, id), inArray(judgeJobs.status, retryFailed ? ['cancelled', 'failed'] : ['cancelled'])));
      }),
    );
    await auditCaller(c, { action: 'judge.run.resume', target: id, details: { costUsd: view.costUsd, ...(budgetUsd === undefined ? {} : { budgetUsd }), retryFailed } });
    c.var.deps.judge?.worker?.wake();
    return c.json(await viewOrThrow(c, id), 200);
    },
  );
