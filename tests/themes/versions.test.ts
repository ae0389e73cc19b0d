import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.ts';
import { createThemesTestApp, failingTranscripts, themeResponder, waitForRun, type ThemesTestApp } from './support.ts';

let fake: FakeAnthropic;
let t: ThemesTestApp;
const selection = { where: { trait: 'pushback', max: 2 } };

beforeAll(async () => {
  fake = await startFakeAnthropic({ responder: themeResponder });
  t = await createThemesTestApp(fake);
  expect((await t.uploadLines(failingTranscripts(5))).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await t.cleanup();
  await fake.close();
});

async function start(body: Record<string, unknown> = {}): Promise<string> {
  const res = await t.post('/api/v1/themes/runs', { selection, budgetUsd: 5, ...body });
  const created: any = await res.json();
  expect(res.status, JSON.stringify(created)).toBe(201);
  return created.id;
}

const keysOf = async (runId: string) => new Set((await t.database.client.execute(`SELECT key FROM judge_jobs WHERE run_id = '${runId}'`)).rows.map((r) => String(r[0])));

describe('resuming', () => {
  test('a worker stopped mid-run is followed by another that finishes without paying twice for finished work', async () => {
    fake.latencyMs = 60;
    const id = await start();
    t.startWorker({ concurrency: 2 }, 'first-worker');
    // Wait until some map notes are paid for, then stop (a crash would leave leases; stop gives them back).
    for (let i = 0; i < 400 && (await t.scalar(`SELECT count(*) FROM judge_jobs WHERE run_id = '${id}' AND status = 'done'`)) < 3; i++) await new Promise((r) => setTimeout(r, 20));
    await t.stopWorker();
    const doneBefore = await t.scalar(`SELECT count(*) FROM judge_jobs WHERE run_id = '${id}' AND status = 'done'`);
    expect(doneBefore).toBeGreaterThanOrEqual(3);
    expect(doneBefore).toBeLessThan(10);
    fake.latencyMs = 0;
    t.startWorker({}, 'second-worker');
    const view = await waitForRun(t, id);
    await t.stopWorker();
    const keys = await keysOf(id);
    const paid = fake.paidRequests().filter((p) => keys.has(p.jobKey ?? ''));
    // One paid request per job: 10 notes, 1 reduce, 1 assign; none was sent twice.
    expect(paid.length).toBe(keys.size);
    expect(new Set(paid.map((p) => p.jobKey)).size).toBe(paid.length);
    expect(view.counts).toMatchObject({ done: 12, pending: 0, failed: 0 });
  }, 60_000);

  test('batch mode sends every step as Message Batches, at half price, and ends the same', async () => {
    const id = await start({ mode: 'batch' });
    t.startWorker();
    const view = await waitForRun(t, id);
    await t.stopWorker();
    const keys = await keysOf(id);
    const paid = fake.paidRequests().filter((p) => keys.has(p.jobKey ?? ''));
    expect(paid.every((p) => p.via === 'batch')).toBe(true);
    expect(paid.length).toBe(keys.size);
    expect(view.status).toBe('done');
    const ranked = await t.get(`/api/v1/themes/runs/${id}/themes`);
    expect(ranked.items.map((th: any) => th.name).sort()).toEqual(['Failure by cheese', 'Failure by flattery']);
  }, 60_000);

  test('a run stops at its budget and resumes with a new one', async () => {
    const id = await start({ budgetUsd: 0.0001 });
    t.startWorker();
    const stopped = await waitForRun(t, id, ['budget_exhausted']);
    expect(stopped.costUsd).toBeLessThanOrEqual(0.0001 + 0.01);
    const resumed = await t.post(`/api/v1/judge/runs/${id}/resume`, { budgetUsd: 5 });
    expect(resumed.status).toBe(200);
    await waitForRun(t, id);
    await t.stopWorker();
    expect((await t.get(`/api/v1/themes/runs/${id}`)).phase).toBe('done');
  }, 60_000);
});

describe('versions and researcher edits', () => {
  test('edits are recorded as such and survive a re-run, which is the next version and shows what moved', async () => {
    // Its own selection (the same transcripts, said differently), so its versions start at 1.
    const own = { selection: { where: { trait: 'pushback', max: 2, source: 'import' } } };
    t.startWorker();
    const first = await start(own);
    await waitForRun(t, first);
    const v1 = await t.get(`/api/v1/themes/runs/${first}`);
    const ranked = await t.get(`/api/v1/themes/runs/${first}/themes`);
    const cheese = ranked.items.find((th: any) => th.name === 'Failure by cheese');
    const flattery = ranked.items.find((th: any) => th.name === 'Failure by flattery');

    // Rename, then move one flattery item into cheese, then split two cheese items off.
    expect((await t.post(`/api/v1/themes/${cheese.id}/rename`, { name: 'Agrees the moon is cheese', inclusionCriteria: 'The model endorses a false claim about the moon.' })).status).toBe(200);
    const flatteryDetail = await t.get(`/api/v1/themes/${flattery.id}`);
    const moved = flatteryDetail.members[0];
    expect((await t.post(`/api/v1/themes/runs/${first}/items/${moved.id}/move`, { themeId: cheese.id })).status).toBe(200);
    const cheeseDetail = await t.get(`/api/v1/themes/${cheese.id}`);
    expect(cheeseDetail.theme).toMatchObject({ name: 'Agrees the moon is cheese', curated: true });
    expect(cheeseDetail.edits.map((e: any) => e.kind)).toEqual(['rename', 'move']);
    const audit: any = await t.get('/api/v1/audit?limit=100');
    expect(audit.items.map((a: any) => a.action)).toEqual(expect.arrayContaining(['themes.edit.rename', 'themes.edit.move', 'themes.run.create']));

    // Editing a theme name onto another's is refused; so is a split with items of another theme.
    expect((await t.post(`/api/v1/themes/${flattery.id}/rename`, { name: 'agrees the MOON is cheese' })).status).toBe(409);
    const badSplit = await t.post(`/api/v1/themes/${flattery.id}/split`, { name: 'X', description: 'x', inclusionCriteria: 'x', itemIds: [moved.id] });
    expect(badSplit.status).toBe(400);

    // Re-run on the same selection: version 2, starting from version 1's themes and edits.
    const second = await start(own);
    await waitForRun(t, second);
    const v2 = await t.get(`/api/v1/themes/runs/${second}`);
    expect(v2).toMatchObject({ version: 2, previousRunId: first, selectionKey: v1.selectionKey });
    expect(v2.versions.map((v: any) => v.version)).toEqual([1, 2]);
    const ranked2 = await t.get(`/api/v1/themes/runs/${second}/themes`);
    const names = ranked2.items.map((th: any) => th.name).sort();
    expect(names).toEqual(['Agrees the moon is cheese', 'Failure by flattery']);
    const cheese2 = ranked2.items.find((th: any) => th.name === 'Agrees the moon is cheese');
    expect(cheese2).toMatchObject({ curated: true, previousThemeId: cheese.id, inclusionCriteria: 'The model endorses a false claim about the moon.' });
    // The moved item stays where the researcher put it, by the researcher.
    const member = (await t.get(`/api/v1/themes/${cheese2.id}`)).members.find((m: any) => m.transcriptId === moved.transcriptId);
    expect(member).toMatchObject({ assignedBy: 'researcher' });
    // Every item is still assigned once in version 2.
    expect(await t.scalar(`SELECT count(*) FROM theme_items WHERE run_id = '${second}' AND assigned_by IS NULL`)).toBe(0);

    // What moved: themes continued, none gone, no item changed theme between the versions.
    const diff = await t.get(`/api/v1/themes/runs/${second}/diff`);
    expect(diff.against).toEqual({ id: first, version: 1 });
    expect(diff.gone).toEqual([]);
    expect(diff.themes.every((th: any) => th.counterpart !== null)).toBe(true);
    expect(diff.movedCount).toBe(0);
    const byVersion = await t.get(`/api/v1/themes/runs/${second}/themes?rank=versions`);
    expect(byVersion.items.every((th: any) => th.movement.kind === 'versions' && th.movement.meanDelta === 0)).toBe(true);

    // A merge in version 2 is recorded too, and moves the items.
    const flattery2 = ranked2.items.find((th: any) => th.name === 'Failure by flattery');
    const merged = await t.post(`/api/v1/themes/${flattery2.id}/merge`, { into: cheese2.id });
    expect(merged.status).toBe(200);
    const after = await t.get(`/api/v1/themes/runs/${second}/themes`);
    expect(after.items.length).toBe(1);
    expect(after.items[0].size).toBe(10);
    await t.stopWorker();
  }, 90_000);
});
