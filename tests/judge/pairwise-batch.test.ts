import { afterEach, describe, expect, test } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.ts';
import { createJudgeTestApp, seedTranscripts, waitForRun, type JudgeTestApp } from './support.ts';

let t: JudgeTestApp;
let fake: FakeAnthropic;
afterEach(async () => {
  await t.cleanup();
  await fake.close();
});

async function json(res: Response): Promise<any> {
  return res.json();
}

async function comparisonRows() {
  const rows = await t.database.client.execute(
    `SELECT c.winner, c.source, c.rationale, ma.name AS model_a, mb.name AS model_b FROM comparisons c
     JOIN transcripts a ON a.id = c.transcript_a JOIN models ma ON ma.id = a.model_id
     JOIN transcripts b ON b.id = c.transcript_b JOIN models mb ON mb.id = b.model_id`,
  );
  return rows.rows;
}

describe('pairwise judging', () => {
  test('each pair of one scenario is judged in both orders; agreeing verdicts give a winner', async () => {
    fake = await startFakeAnthropic();
    t = await createJudgeTestApp({ fake });
    await seedTranscripts(t, 3, ['model-a', 'model-b']);
    // The judge prefers model-b's transcript wherever it is shown.
    fake.responder = (req) => {
      const text = String(req.messages[0]?.content);
      const firstIsB = text.indexOf('says model-b') < text.indexOf('says model-a');
      return { kind: 'tool', input: { reasoning: 'b is better', evidence: [], winner: firstIsB ? 1 : 2 } };
    };
    const { id, estimate } = await json(await t.post('/api/v1/judge/runs', { traits: ['pushback'], where: {}, pairwise: true, budgetUsd: 5 }));
    expect(estimate.jobs).toBe(6);
    t.startWorker();
    const run = await waitForRun(t, id);
    expect(run.counts.done).toBe(6);
    const rows = await comparisonRows();
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      const winnerModel = r['winner'] === 'a' ? r['model_a'] : r['winner'] === 'b' ? r['model_b'] : 'tie';
      expect(winnerModel).toBe('model-b');
      expect(r['source']).toBe('judge');
    }
    const orders = fake.log.filter((e) => e.path === '/v1/messages').map((e) => String(e.body?.messages[0]?.content).indexOf('says model-a') < String(e.body?.messages[0]?.content).indexOf('says model-b'));
    expect(orders.filter(Boolean)).toHaveLength(3);
    // Anonymous: the judge never sees model names.
    expect(fake.log.some((e) => JSON.stringify(e.body?.system ?? '').includes('model-'))).toBe(false);
  });

  test('a judge that always picks the first position gets ties', async () => {
    fake = await startFakeAnthropic({ responder: () => ({ kind: 'tool', input: { reasoning: 'first!', evidence: [], winner: 1 } }) });
    t = await createJudgeTestApp({ fake });
    await seedTranscripts(t, 2, ['model-a', 'model-b']);
    const { id } = await json(await t.post('/api/v1/judge/runs', { traits: ['warmth'], where: {}, pairwise: true, budgetUsd: 5 }));
    t.startWorker();
    await waitForRun(t, id);
    const rows = await comparisonRows();
    expect(rows.map((r) => r['winner'])).toEqual(['tie', 'tie']);
    expect(String(rows[0]?.['rationale'])).toMatch(/the verdicts disagree, so it is a tie\.\nA first: first!\nB first: first!$/);
  });
});

describe('k samples', () => {
  test('are stored separately, one score per sample index', async () => {
    fake = await startFakeAnthropic();
    t = await createJudgeTestApp({ fake });
    const [first] = await seedTranscripts(t, 1);
    let n = 0;
    fake.responder = () => ({ kind: 'tool', input: { reasoning: 'r', evidence: [], score: 2 + (n++ % 3), not_applicable_reason: null } });
    const { id } = await json(await t.post('/api/v1/judge/runs', { traits: ['honesty'], transcriptIds: [first], samples: 3, budgetUsd: 5 }));
    t.startWorker({ concurrency: 1 });
    await waitForRun(t, id);
    const rows = (await t.database.client.execute('SELECT sample_index, value FROM scores ORDER BY sample_index')).rows;
    expect(rows.map((r) => r['sample_index'])).toEqual([0, 1, 2]);
    expect(rows.map((r) => Number(r['value'])).sort()).toEqual([2, 3, 4]);
  });
});

describe('batch mode', () => {
  test('submits a Message Batch, stores its id, collects results; errored and expired entries are retried, then marked', async () => {
    fake = await startFakeAnthropic();
    t = await createJudgeTestApp({ fake, config: { maxAttempts: 2 } });
    const ids = await seedTranscripts(t, 6);
    fake.batchProcessingMs = 50;
    const customIds = new Map<string, number>();
    fake.batchOutcome = (customId, attempt) => {
      const k = customIds.get(customId) ?? customIds.size;
      customIds.set(customId, k);
      if (k === 0) return 'errored'; // fails every time: marked failed after 2 attempts
      if (k === 1 && attempt === 0) return 'expired'; // retried once, then succeeds
      if (k === 2 && attempt === 0) return 'errored';
      return 'succeeded';
    };
    const { id } = await json(await t.post('/api/v1/judge/runs', { traits: ['pushback'], transcriptIds: ids, mode: 'batch', budgetUsd: 5 }));
    t.startWorker();
    const run = await waitForRun(t, id);
    expect(run.counts).toMatchObject({ done: 5, failed: 1, pending: 0 });
    const creates = fake.log.filter((e) => e.method === 'POST' && e.path === '/v1/messages/batches');
    // The first batch has all six; the second retries the errored and expired three; the always-erroring one then fails.
    expect(creates.map((c) => c.customIds?.length)).toEqual([6, 3]);
    const jobs = (await t.database.client.execute(`SELECT key, custom_id, batch_id, status, attempts FROM judge_jobs WHERE run_id = '${id}'`)).rows;
    for (const j of jobs) {
      expect(j['custom_id']).toBe(j['key']);
      if (j['status'] === 'done') expect(String(j['batch_id'])).toMatch(/^msgbatch_/);
    }
    expect(jobs.filter((j) => j['status'] === 'failed')[0]?.['attempts']).toBe(2);
    // Every successful answer is paid once, at half price.
    const paid = fake.paidRequests();
    expect(paid.every((p) => p.via === 'batch')).toBe(true);
    expect(new Set(paid.map((p) => p.jobKey)).size).toBe(paid.length);
    expect(paid).toHaveLength(5);
    expect(fake.log.some((e) => e.path.endsWith('/results'))).toBe(true);
    const syncEstimate = await json(await t.post('/api/v1/judge/estimate', { traits: ['pushback'], transcriptIds: ids, mode: 'sync', budgetUsd: 5 }));
    expect(run.costUsd).toBeLessThan(syncEstimate.estimate.costUsd);
  });

  test('an invalid batch answer is repaired in the next batch with the error', async () => {
    fake = await startFakeAnthropic();
    t = await createJudgeTestApp({ fake });
    const ids = await seedTranscripts(t, 2);
    fake.responder = (req) => (req.messages.length === 1 ? { kind: 'tool', input: { reasoning: 'r', evidence: [], score: 0, not_applicable_reason: null } } : { kind: 'tool', input: { reasoning: 'fixed', evidence: [], score: 2, not_applicable_reason: null } });
    const { id } = await json(await t.post('/api/v1/judge/runs', { traits: ['warmth'], transcriptIds: ids, mode: 'batch', budgetUsd: 5 }));
    t.startWorker();
    const run = await waitForRun(t, id);
    expect(run.counts.done).toBe(2);
    const values = (await t.database.client.execute('SELECT value FROM scores')).rows.map((r) => r['value']);
    expect(values).toEqual([2, 2]);
    const jobs = await json(await t.request(`/api/v1/judge/runs/${id}/jobs`));
    expect(jobs.items[0].usage.requests).toBe(2);
  });

  test('a restart polls the stored batch instead of submitting it again', async () => {
    fake = await startFakeAnthropic();
    t = await createJudgeTestApp({ fake });
    const ids = await seedTranscripts(t, 4);
    fake.batchProcessingMs = 400;
    const { id } = await json(await t.post('/api/v1/judge/runs', { traits: ['honesty'], transcriptIds: ids, mode: 'batch', budgetUsd: 5 }));
    t.startWorker({}, 'first-process');
    while ((await t.count(`SELECT count(*) FROM judge_jobs WHERE status = 'submitted' AND batch_id IS NOT NULL`)) < 4) await new Promise((r) => setTimeout(r, 10));
    await t.stopWorker();
    t.startWorker({}, 'second-process');
    const run = await waitForRun(t, id);
    expect(run.counts.done).toBe(4);
    expect(fake.log.filter((e) => e.method === 'POST' && e.path === '/v1/messages/batches')).toHaveLength(1);
    expect(fake.paidRequests()).toHaveLength(4);
  });

  test('a batch stays under its size limit: what does not fit goes in the next batch without losing an attempt', async () => {
    fake = await startFakeAnthropic();
    t = await createJudgeTestApp({ fake, config: { maxBatchBytes: 15_000 } });
    const ids = await seedTranscripts(t, 5);
    const { id } = await json(await t.post('/api/v1/judge/runs', { traits: ['escalation'], transcriptIds: ids, mode: 'batch', budgetUsd: 5 }));
    t.startWorker();
    const run = await waitForRun(t, id);
    expect(run.counts.done).toBe(5);
    const sizes = fake.log.filter((e) => e.method === 'POST' && e.path === '/v1/messages/batches').map((e) => e.customIds?.length ?? 0);
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(5);
    expect(await t.count(`SELECT max(attempts) FROM judge_jobs WHERE run_id = '${id}'`)).toBe(1);
  });
});
