import { afterEach, describe, expect, test } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.ts';
import { createJudgeTestApp, seedTranscripts, waitForRun, type JudgeTestApp } from './support.ts';

let t: JudgeTestApp;
let fake: FakeAnthropic | undefined;
afterEach(async () => {
  await t.cleanup();
  await fake?.close();
  fake = undefined;
});

async function json(res: Response): Promise<any> {
  return res.json();
}

async function setup(options: Parameters<typeof createJudgeTestApp>[0] = {}) {
  fake = await startFakeAnthropic();
  t = await createJudgeTestApp({ fake, ...options });
  return fake;
}

describe('POST /api/v1/judge/estimate', () => {
  test('counts jobs, tokens and cost without starting anything, using count_tokens when the API answers', async () => {
    const f = await setup();
    const ids = await seedTranscripts(t, 5);
    const res = await t.post('/api/v1/judge/estimate', { traits: ['pushback', 'warmth'], transcriptIds: ids, samples: 2, mode: 'sync', budgetUsd: 5 });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.judgeModel).toBe('claude-sonnet-5-5');
    expect(body.estimate).toMatchObject({ jobs: 20, requests: 20, tokenSource: 'count_tokens', outputTokens: 20 * 450 });
    expect(body.estimate.cachedInputTokens).toBeGreaterThan(0);
    expect(body.estimate.costUsd).toBeGreaterThan(0);
    expect(body.overBudget).toBe(false);
    expect(body.apiKeyConfigured).toBe(true);
    expect((await json(await t.request('/api/v1/judge/runs'))).apiKeyConfigured).toBe(true);
    expect(await t.count('SELECT count(*) FROM judge_runs')).toBe(0);
    expect(f.log.every((e) => e.path === '/v1/messages/count_tokens')).toBe(true);
    const batch = await json(await t.post('/api/v1/judge/estimate', { traits: ['pushback', 'warmth'], transcriptIds: ids, samples: 2, mode: 'batch', budgetUsd: 5 }));
    expect(batch.estimate.costUsd).toBeCloseTo(body.estimate.costUsd / 2, 5);
  });

  test('works offline when no API is configured', async () => {
    t = await createJudgeTestApp();
    await seedTranscripts(t, 2);
    const body = await json(await t.post('/api/v1/judge/estimate', { traits: ['honesty'], where: { model: 'model-a' }, budgetUsd: 1 }));
    expect(body.estimate).toMatchObject({ jobs: 2, tokenSource: 'offline' });
    // Said before anything is estimated too: the runs list carries it, so the page can warn up front.
    expect(body.apiKeyConfigured).toBe(false);
    expect((await json(await t.request('/api/v1/judge/runs'))).apiKeyConfigured).toBe(false);
    const start = await t.post('/api/v1/judge/runs', { traits: ['honesty'], where: { model: 'model-a' }, budgetUsd: 1 });
    expect(start.status).toBe(422);
    expect((await json(start)).error.message).toMatch(/ANTHROPIC_API_KEY/);
  });

  test.each([
    [{ traits: ['kindness'], where: {}, budgetUsd: 1 }, /No rubric for trait kindness/],
    [{ traits: ['pushback'], where: {}, transcriptIds: ['x'], budgetUsd: 1 }, /either transcriptIds or where/],
    [{ traits: ['pushback'], where: {}, budgetUsd: 1, judgeModel: 'gpt-9' }, /No price is known for judge model gpt-9/],
    [{ traits: ['pushback'], transcriptIds: ['nope'], budgetUsd: 1 }, /No transcript nope/],
    [{ traits: ['pushback'], where: { model: 'absent' }, budgetUsd: 1 }, /matches no transcripts/],
    [{ traits: ['pushback'], where: {}, budgetUsd: 0 }, /budgetUsd must be more than 0/],
    [{ traits: ['pushback'], where: {}, budgetUsd: 1, pairwise: true }, /Pairwise judging needs two transcripts of different models/],
  ])('a bad request is a 400 that says why: %j', async (body, message) => {
    await setup();
    await seedTranscripts(t, 1);
    const res = await t.post('/api/v1/judge/estimate', body);
    expect(res.status).toBe(400);
    expect((await json(res)).error.message).toMatch(message);
  });
});

describe('a sync judge run', () => {
  test('scores every transcript × trait × sample once, with verified evidence, rubric version, cost and cache reads', async () => {
    const f = await setup();
    const ids = await seedTranscripts(t, 5);
    const created = await t.post('/api/v1/judge/runs', { traits: ['pushback', 'warmth'], transcriptIds: ids, samples: 2, mode: 'sync', budgetUsd: 5 });
    expect(created.status).toBe(201);
    const { id, estimate } = await json(created);
    expect(estimate.jobs).toBe(20);
    const before = await json(await t.request(`/api/v1/judge/runs/${id}`));
    expect(before).toMatchObject({ status: 'running', counts: { pending: 20, done: 0, failed: 0, invalid: 0 }, costUsd: 0 });

    t.startWorker({ concurrency: 4 });
    const run = await waitForRun(t, id);
    expect(run.counts).toEqual({ pending: 0, done: 20, failed: 0, invalid: 0, cancelled: 0 });
    expect(run.tokens.cacheRead).toBeGreaterThan(0);
    expect(run.tokens.cacheReadShare).toBeGreaterThan(0.3);

    const scores = (await t.database.client.execute(`SELECT * FROM scores WHERE judge_run_id = '${id}'`)).rows;
    expect(scores).toHaveLength(20);
    const pushback = t.judge.rubrics.get('pushback');
    for (const s of scores) {
      expect(s['source']).toBe('judge');
      expect(s['status']).toBe('valid');
      expect(Number(s['value'])).toBeGreaterThanOrEqual(1);
      expect(String(s['evidence'])).toContain('"verified":true');
    }
    expect(scores.filter((s) => s['rubric_version_id'] === pushback?.rubricVersionId)).toHaveLength(10);
    expect(new Set(scores.map((s) => `${s['transcript_id']}/${s['trait_id']}/${s['sample_index']}`)).size).toBe(20);

    const jobCosts = await t.database.client.execute(`SELECT sum(cost_usd) AS c, count(*) AS n FROM judge_jobs WHERE run_id = '${id}'`);
    expect(run.costUsd).toBeCloseTo(Number(jobCosts.rows[0]?.['c']), 6);
    const paid = f.paidRequests();
    expect(paid).toHaveLength(20);
    expect(new Set(paid.map((p) => p.jobKey)).size).toBe(20);
    // Thinking is hidden from the pushback and warmth rubrics.
    expect(f.log.some((e) => JSON.stringify(e.body ?? '').includes('secret plan'))).toBe(false);

    const detail = await json(await t.request(`/api/v1/transcripts/${ids[0]}`));
    expect(detail.scores.filter((s: { source: string }) => s.source === 'judge')).toHaveLength(4);
    const jobs = await json(await t.request(`/api/v1/judge/runs/${id}/jobs?limit=5`));
    expect(jobs.items).toHaveLength(5);
    expect(jobs.items[0]).toMatchObject({ status: 'done', attempts: 1, usage: { requests: 1 }, model: 'model-a' });
    // The list is compact; the raw response is on the job's own route.
    expect(jobs.items[0].rawResponse).toBeUndefined();
    const audit = await json(await t.request(`/api/v1/judge/runs/${id}/jobs/${jobs.items[0].id}`));
    expect(audit.job.key).toBe(jobs.items[0].key);
    expect(audit.job.rawResponse[0].content[0].name).toBe('record_judgment');
    expect(audit.request.system[0].cache_control).toEqual({ type: 'ephemeral' });
    expect(audit.request.messages[0].content).toMatch(/^<transcript>/);
    // The audit shows exactly the prompt that was sent.
    expect(f.log.some((e) => e.jobKey === audit.job.key && JSON.stringify(e.body?.messages) === JSON.stringify(audit.request.messages))).toBe(true);
  });

  test('an invalid answer gets one repair turn; invalid twice is stored invalid with the raw response; an invented quote is unverified', async () => {
    const f = await setup();
    const ids = await seedTranscripts(t, 3);
    f.responder = (req, ctx) => {
      const prompt = JSON.stringify(req.messages[0]);
      if (prompt.includes('(0)')) return ctx.attempt === 0 ? { kind: 'text', text: 'I give it a 4.' } : { kind: 'tool', input: { reasoning: 'fixed', evidence: [], score: 4, not_applicable_reason: null } };
      if (prompt.includes('(1)')) return { kind: 'tool', input: { reasoning: 'r', evidence: [], score: 11, not_applicable_reason: null } };
      return { kind: 'tool', input: { reasoning: 'r', evidence: [{ message_index: 1, quote: 'I fully agree the moon is cheese' }], score: 1, not_applicable_reason: null } };
    };
    const { id } = await json(await t.post('/api/v1/judge/runs', { traits: ['pushback'], transcriptIds: ids, budgetUsd: 5 }));
    t.startWorker();
    const run = await waitForRun(t, id);
    expect(run.counts).toMatchObject({ done: 2, invalid: 1 });
    const rows = (await t.database.client.execute(`SELECT s.status, s.value, s.evidence, s.rationale, t.external_id FROM scores s JOIN transcripts t ON t.id = s.transcript_id ORDER BY t.external_id`)).rows;
    expect(rows.map((r) => [r['external_id'], r['status'], r['value']])).toEqual([
      ['model-a/s0', 'valid', 4],
      ['model-a/s1', 'invalid', null],
      ['model-a/s2', 'valid', 1],
    ]);
    expect(String(rows[1]?.['rationale'])).toMatch(/score must be from 1 to 5; after repair: score: score must be from 1 to 5/);
    expect(JSON.parse(String(rows[2]?.['evidence']))).toEqual([{ message_index: 1, quote: 'I fully agree the moon is cheese', verified: false }]);
    const invalidJobs = await json(await t.request(`/api/v1/judge/runs/${id}/jobs?status=invalid`));
    const invalidJob = await json(await t.request(`/api/v1/judge/runs/${id}/jobs/${invalidJobs.items[0].id}`));
    expect(invalidJob.job.rawResponse).toHaveLength(2);
    expect(invalidJob.job.usage.requests).toBe(2);
    // The repair turn carries the error back as the tool result.
    const repair = f.log.find((e) => (e.body?.messages.length ?? 0) > 1 && JSON.stringify(e.body).includes('score must be from 1 to 5'));
    expect(repair?.body?.messages[2]?.content).toMatchObject([{ type: 'tool_result', is_error: true }]);
  });

  test('429s and 529 bursts are retried with retry-after; every job finishes, each paid once', async () => {
    const f = await setup({ maxRetries: 5 });
    const ids = await seedTranscripts(t, 6);
    f.faults.push({ status: 429, retryAfterMs: 30 }, { status: 529, retryAfterMs: 5 }, { status: 529, retryAfterMs: 5 }, { status: 529, retryAfterMs: 5 }, { status: 500, retryAfterMs: 5 });
    const { id } = await json(await t.post('/api/v1/judge/runs', { traits: ['honesty'], transcriptIds: ids, budgetUsd: 5 }));
    t.startWorker({ concurrency: 3 });
    const run = await waitForRun(t, id);
    expect(run.counts.done).toBe(6);
    expect(f.log.filter((e) => e.path === '/v1/messages' && e.status !== 200)).toHaveLength(5);
    expect(f.paidRequests().map((p) => p.jobKey).sort()).toEqual([...new Set(f.paidRequests().map((p) => p.jobKey))].sort());
  });

  test('a job whose API calls keep failing is retried up to maxAttempts, then marked failed', async () => {
    const f = await setup({ maxRetries: 0 });
    const ids = await seedTranscripts(t, 1);
    f.responder = () => ({ kind: 'error', status: 500 });
    const { id } = await json(await t.post('/api/v1/judge/runs', { traits: ['honesty'], transcriptIds: ids, budgetUsd: 5 }));
    t.startWorker({ maxAttempts: 3 });
    const run = await waitForRun(t, id);
    expect(run.counts).toMatchObject({ failed: 1, done: 0 });
    expect(f.log.filter((e) => e.path === '/v1/messages')).toHaveLength(3);
    // Once the API is well again, the failed job can be retried; a done run without failures cannot be resumed.
    expect((await t.post(`/api/v1/judge/runs/${id}/resume`, {})).status).toBe(409);
    f.responder = (req, ctx) => ({ kind: 'tool', input: { reasoning: 'ok now', evidence: [], score: 5, not_applicable_reason: null, attempt: ctx.attempt } });
    expect((await t.post(`/api/v1/judge/runs/${id}/resume`, { retryFailed: true })).status).toBe(200);
    const retried = await waitForRun(t, id);
    expect(retried.counts).toMatchObject({ failed: 0, done: 1 });
    expect((await t.post(`/api/v1/judge/runs/${id}/resume`, { retryFailed: true })).status).toBe(409);
  });

  test('stops at its budget, and resumes with a larger one', async () => {
    const f = await setup();
    // Answers as long as the estimate assumes (450 output tokens), so spending tracks the estimate.
    f.responder = () => ({ kind: 'tool', input: { reasoning: 'x'.repeat(1800), evidence: [], score: 3, not_applicable_reason: null } });
    const ids = await seedTranscripts(t, 12);
    const est = await json(await t.post('/api/v1/judge/estimate', { traits: ['pushback'], transcriptIds: ids, budgetUsd: 1 }));
    const perJob = est.estimate.costUsd / 12;
    const budget = perJob * 4.5;
    const { id } = await json(await t.post('/api/v1/judge/runs', { traits: ['pushback'], transcriptIds: ids, budgetUsd: budget }));
    t.startWorker({ concurrency: 2 });
    const stopped = await waitForRun(t, id, ['budget_exhausted']);
    expect(stopped.counts.done).toBeGreaterThan(0);
    expect(stopped.counts.done).toBeLessThan(12);
    expect(stopped.costUsd).toBeLessThanOrEqual(budget + 2 * perJob * 2);
    const resumed = await t.post(`/api/v1/judge/runs/${id}/resume`, { budgetUsd: 10 });
    expect(resumed.status).toBe(200);
    const done = await waitForRun(t, id);
    expect(done.counts).toMatchObject({ done: 12, pending: 0 });
  });

  test('cancel stops the run; work already in flight is still recorded; resume finishes it', async () => {
    const f = await setup();
    f.latencyMs = 100;
    const ids = await seedTranscripts(t, 10);
    const { id } = await json(await t.post('/api/v1/judge/runs', { traits: ['warmth'], transcriptIds: ids, budgetUsd: 5 }));
    t.startWorker({ concurrency: 2 });
    await new Promise((r) => setTimeout(r, 150));
    const cancelled = await json(await t.post(`/api/v1/judge/runs/${id}/cancel`, {}));
    expect(cancelled.status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 300));
    const after = await json(await t.request(`/api/v1/judge/runs/${id}`));
    expect(after.counts.pending).toBe(0);
    expect(after.counts.done + after.counts.cancelled).toBe(10);
    expect(after.counts.done).toBe(f.paidRequests().length);
    expect((await t.post(`/api/v1/judge/runs/${id}/cancel`, {})).status).toBe(409);
    await t.post(`/api/v1/judge/runs/${id}/resume`, {});
    expect((await waitForRun(t, id)).counts.done).toBe(10);
    expect(f.paidRequests()).toHaveLength(10);
    // Jobs claimed but released at the cancel were never sent: they must not have used up an attempt.
    const attempts = await t.database.client.execute({ sql: 'SELECT attempts FROM judge_jobs WHERE run_id = ?', args: [id] });
    expect(attempts.rows.map((r) => Number(r['attempts']))).toEqual(Array.from({ length: 10 }, () => 1));
  });

  test('a run resumed right after its cancel runs every job: the worker does not cancel resumed work from a stale status', async () => {
    const f = await setup();
    f.latencyMs = 150;
    const ids = await seedTranscripts(t, 10);
    const { id } = await json(await t.post('/api/v1/judge/runs', { traits: ['warmth'], transcriptIds: ids, budgetUsd: 5 }));
    // One at a time, so most jobs wait in the worker's prefetched queue when the cancel comes.
    t.startWorker({ concurrency: 1 });
    await new Promise((r) => setTimeout(r, 100));
    expect((await t.post(`/api/v1/judge/runs/${id}/cancel`, {})).status).toBe(200);
    // Long enough for the worker to see the cancel and give its queue back, shorter than its status cache.
    await new Promise((r) => setTimeout(r, 60));
    expect((await t.post(`/api/v1/judge/runs/${id}/resume`, {})).status).toBe(200);
    const done = await waitForRun(t, id);
    expect(done.counts).toMatchObject({ done: 10, cancelled: 0, pending: 0 });
    expect(f.paidRequests()).toHaveLength(10);
  });

  test('two workers on one database share the work through leases: every job paid exactly once', async () => {
    const f = await setup();
    f.latencyMs = 20;
    const ids = await seedTranscripts(t, 20);
    const { id } = await json(await t.post('/api/v1/judge/runs', { traits: ['sycophancy'], transcriptIds: ids, budgetUsd: 5 }));
    t.startWorker({ concurrency: 3 }, 'worker-1');
    const { startJudgeWorker } = await import('../../server/judge/worker.ts');
    const { silentLogger } = await import('../../server/lib/logger.ts');
    const { fakeClient } = await import('./support.ts');
    const second = startJudgeWorker({ database: t.database, client: fakeClient(f), config: { ...t.judge.config, concurrency: 3 }, logger: silentLogger, owner: 'worker-2' });
    try {
      const run = await waitForRun(t, id);
      expect(run.counts.done).toBe(20);
      const keys = f.paidRequests().map((p) => p.jobKey);
      expect(keys).toHaveLength(20);
      expect(new Set(keys).size).toBe(20);
    } finally {
      await second.stop();
    }
  });

  test('live progress over server-sent events, ending when the run is done', async () => {
    const f = await setup();
    f.latencyMs = 10;
    const ids = await seedTranscripts(t, 4);
    const { id } = await json(await t.post('/api/v1/judge/runs', { traits: ['escalation'], transcriptIds: ids, budgetUsd: 5 }));
    t.startWorker({ concurrency: 1 });
    const res = await t.request(`/api/v1/judge/runs/${id}/events`);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await res.text();
    const events = [...text.matchAll(/event: (\w+)\ndata: (.*)\n/g)].map((m) => ({ event: m[1], data: JSON.parse(m[2] ?? '{}') }));
    expect(events.at(-1)).toMatchObject({ event: 'end', data: { status: 'done', counts: { done: 4 } } });
    expect(events.filter((e) => e.event === 'progress').length).toBeGreaterThanOrEqual(2);
    expect(events[0]?.data.jobCount).toBe(4);
  });
});
