import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, screenshotPath } from '../helpers/browser.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.ts';
import type { RunningServer } from '../helpers/server.ts';
import { signIn, startE2e, stopE2e, type E2eServer } from './support.ts';

const TOKEN = 'cl_e2e_judge_run_token_000000000001';
const MODEL = 'aurora-1.1';

async function api(server: RunningServer, path: string, init: RequestInit = {}): Promise<any> {
  const response = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...init.headers } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

describe.skipIf(!hasChromium)('a researcher runs the judge from the web app', () => {
  let fake: FakeAnthropic;
  let server: RunningServer;
  let page: Page;
  // The whole handle goes to stopE2e: it fails the suite on any CSP refusal or contract violation the page saw.
  let e2e: E2eServer | undefined;
  let transcriptCount = 0;

  beforeAll(async () => {
    // Slow enough answers, two at a time, that the run is watched while it works.
    fake = await startFakeAnthropic({ latencyMs: 250 });
    e2e = await startE2e({
      token: TOKEN,
      env: { ANTHROPIC_API_KEY: 'sk-ant-e2e-fake', ANTHROPIC_BASE_URL: fake.url, CHARLENS_JUDGE_CONCURRENCY: '2' },
    });
    ({ server, page } = e2e);
    await api(server, '/api/v1/demo', { method: 'POST' });
    const models: { items: { name: string; transcriptCount: number }[] } = await api(server, '/api/v1/models');
    transcriptCount = models.items.find((m) => m.name === MODEL)?.transcriptCount ?? 0;
    expect(transcriptCount).toBeGreaterThan(4);
  });

  afterAll(async () => {
    await stopE2e(e2e ?? {});
    await fake?.close();
  });

  test('estimate, confirm, start, watch it finish live, audit a job, read the score with its evidence marked', async () => {
    await page.goto(`${server.url}/judge`);
    await page.waitForURL(/\/login\?next=%2Fjudge/);
    await signIn(page);
    await page.waitForURL(/\/judge$/);
    await page.getByRole('heading', { name: 'New run' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Judge' }).getAttribute('class')).toContain('active');

    // Rubric traits come with their current rubric version; Start waits for an estimate.
    const pushback = page.getByRole('checkbox', { name: /Pushback/ });
    await pushback.waitFor();
    expect(await page.locator('.trait-option').filter({ hasText: 'pushback' }).textContent()).toMatch(/rubric [0-9a-f]{8}/);
    const start = page.getByRole('button', { name: 'Start', exact: true });
    expect(await start.isDisabled()).toBe(true);
    await pushback.check();
    // The rubric the judge will read is one click away.
    await page.getByRole('button', { name: 'Read the Pushback rubric' }).click();
    const rubric = page.getByRole('region', { name: 'Rubric of pushback' });
    await rubric.getByRole('heading', { name: /Pushback/ }).waitFor();
    expect(await rubric.locator('.rubric-version').textContent()).toMatch(/^Version [0-9a-f]{8} of /);
    expect(await rubric.locator('.md').textContent()).toContain('What does not count');
    await page.screenshot({ path: screenshotPath('judge-0-rubric') });
    await rubric.getByRole('button', { name: 'Close' }).click();
    await page.locator('select[name="model"]').selectOption(MODEL);
    await page.getByLabel('Budget (USD)').fill('2');
    await page.getByRole('button', { name: 'Estimate' }).click();

    const estimate = page.getByRole('status', { name: 'Estimate' });
    await estimate.waitFor();
    expect(await estimate.locator('.estimate-requests').textContent()).toBe(String(transcriptCount));
    expect(await estimate.locator('.estimate-cost').textContent()).toMatch(/^~\$0\.\d{4}$/);
    expect(await estimate.locator('.token-source').getAttribute('data-source')).toBe('count_tokens');
    expect(await estimate.textContent()).toContain("counted by the API's token counting");
    expect(fake.log.filter((e) => e.path === '/v1/messages').length).toBe(0);
    expect(await start.isDisabled()).toBe(false);
    await page.screenshot({ path: screenshotPath('judge-1-estimate'), fullPage: true });

    // A change to the form makes the estimate stale: Start waits for a new one.
    await page.getByLabel('Budget (USD)').fill('3');
    await expect.poll(() => start.isDisabled()).toBe(true);
    expect(await estimate.textContent()).toContain('estimate again');
    await page.getByRole('button', { name: 'Estimate' }).click();
    await expect.poll(() => start.isDisabled()).toBe(false);

    // Start asks first; nothing is sent before the answer.
    await start.click();
    const confirm = page.getByRole('alertdialog', { name: 'Start this run?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(`${transcriptCount} requests`);
    await page.screenshot({ path: screenshotPath('judge-2-confirm') });
    expect(await api(server, '/api/v1/judge/runs')).toEqual({ items: [] });
    await confirm.getByRole('button', { name: 'Yes, start the run' }).click();
    await page.waitForURL(/\/judge\/runs\/[^/?]+$/);
    const runId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const runRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes(`/api/v1/judge/runs/${runId}`)) runRequests.push(new URL(r.url()).pathname);
    });

    // Live: the bar moves while the run works, from the event stream.
    const progress = page.getByRole('region', { name: 'Progress' });
    await progress.waitFor();
    await page.locator('.watch-mode.watch-live').waitFor();
    await expect.poll(() => progress.locator('[data-kind="done"] .n').textContent().then(Number), { timeout: 20_000 }).toBeGreaterThan(0);
    const doneMidRun = Number(await progress.locator('[data-kind="done"] .n').textContent());
    expect(doneMidRun).toBeLessThan(transcriptCount);
    await page.screenshot({ path: screenshotPath('judge-3-running'), fullPage: true });

    await expect.poll(() => progress.locator('.run-status').textContent(), { timeout: 60_000 }).toBe('done');
    expect(await progress.locator('.watch-mode').textContent()).toBe('final');
    // Followed by the event stream, not by polling: the run itself was read at most on load and when it ended.
    expect(runRequests.filter((p) => p === `/api/v1/judge/runs/${runId}`).length).toBeLessThanOrEqual(2);
    expect(Number(await progress.locator('[data-kind="done"] .n').textContent())).toBe(transcriptCount);
    expect(await progress.locator('.run-progress-count').textContent()).toBe(`${transcriptCount} of ${transcriptCount} jobs finished`);
    const view = await api(server, `/api/v1/judge/runs/${runId}`);
    expect(view.status).toBe('done');
    expect(await progress.locator('.run-cost').textContent()).toBe(`$${view.costUsd.toFixed(4)}`);
    expect(view.tokens.cacheRead).toBeGreaterThan(0);
    expect(await progress.locator('.cache-reads').textContent()).toMatch(/\(\d+% of prompt tokens\)/);
    // Every job was paid for once.
    expect(fake.paidRequests().length).toBe(transcriptCount);
    // No Cancel once done; the jobs table caught up with the stream.
    expect(await page.getByRole('button', { name: 'Cancel run' }).count()).toBe(0);
    await expect.poll(() => page.locator('.jobs-table tbody tr[data-status="done"]').count()).toBe(Math.min(transcriptCount, 50));
    await page.screenshot({ path: screenshotPath('judge-4-done'), fullPage: true });

    // Audit a job: the prompt as sent (system with the rubric, the rendered transcript) and the raw answer.
    const firstJob = page.locator('.jobs-table tbody tr').first();
    const transcriptId = (await firstJob.locator('a.transcript-link').getAttribute('href'))?.split('/').at(-1) ?? '';
    await firstJob.getByRole('button', { name: 'Audit' }).click();
    await page.waitForURL(/\?job=/);
    const audit = page.locator('#job-audit');
    await audit.getByRole('region', { name: 'Prompt' }).waitFor();
    const system = await audit.getByLabel('System prompt').first().textContent();
    expect(system).toContain('<rubric trait="pushback"');
    expect(await audit.locator('.cache-mark').count()).toBeGreaterThan(0);
    expect(await audit.getByLabel('user message').first().textContent()).toMatch(/<message index="\d+" role="assistant">/);
    const raw = audit.getByRole('region', { name: 'Raw response' });
    expect(await raw.locator('.tool-name').first().textContent()).toBe('record_judgment');
    expect(await raw.locator('pre.json').first().textContent()).toContain('"reasoning"');
    expect(await audit.locator('.job-usage').textContent()).toMatch(/1 request · [\d,]+ input/);
    expect(await audit.locator('.job-cost').textContent()).toMatch(/^\$0\.\d{4}$/);
    // The score as stored, its quotes checked by the server.
    const judgment = audit.getByRole('region', { name: 'Judgment' });
    await judgment.locator('.recorded-score').waitFor();
    expect(await judgment.locator('.verified-mark').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('judge-5-audit') });
    await audit.screenshot({ path: screenshotPath('judge-5b-audit-panel') });

    // The transcript shows the judge's score, and its evidence is marked in the text.
    await audit.getByRole('link', { name: 'Open transcript', exact: true }).click();
    await page.waitForURL(new RegExp(`/transcripts/${transcriptId}$`));
    const card = page.locator('.scores-panel article.score').filter({ has: page.locator('.source-judge') }).filter({ hasText: 'Pushback' });
    await card.first().waitFor();
    const scoreId = ((await card.first().getAttribute('id')) ?? '').replace(/^score-/, '');
    expect(await card.first().locator('.rationale').textContent()).toContain('The assistant behaved as the quoted text shows.');
    expect(await card.first().locator('.verified-mark').count()).toBeGreaterThan(0);
    // The score leads back to the run that gave it.
    expect(await card.first().getByRole('link', { name: runId.slice(-8) }).getAttribute('href')).toBe(`/judge/runs/${runId}`);
    const mark = page.locator(`mark[data-evidence~="${scoreId}:0"]`);
    await mark.waitFor();
    expect((await mark.textContent())?.length).toBeGreaterThan(0);
    await card.first().getByRole('button', { name: 'Show evidence' }).click();
    await page.screenshot({ path: screenshotPath('judge-6-transcript') });

    // Back on /judge the run is listed, done, with its cost.
    await page.goto(`${server.url}/judge`);
    const row = page.locator(`.runs-table tr[data-run="${runId}"]`);
    await row.waitFor();
    expect(await row.locator('.run-status').textContent()).toBe('done');
    expect(await row.locator('.jobs').textContent()).toBe(`${transcriptCount}/${transcriptCount}`);
  });

  test('"Judge these" on the transcript list carries its filters; a search travels as the judge\'s where, not as ids', async () => {
    await page.goto(`${server.url}/transcripts?model=${MODEL}`);
    await page.getByRole('link', { name: 'Judge these' }).click();
    await page.waitForURL(/\/judge\?model=aurora-1\.1$/);
    await expect.poll(() => page.locator('select[name="model"]').inputValue()).toBe(MODEL);

    await page.goto(`${server.url}/transcripts?model=${MODEL}&q=Einstein`);
    await expect.poll(() => page.locator('table.transcripts tbody tr[data-index]').count()).toBeGreaterThan(0);
    // (The table renders only the rows in view; the API says how many the list holds.)
    const shown = (await api(server, `/api/v1/transcripts?model=${MODEL}&q=Einstein&limit=500`)).items.length;
    expect(shown).toBeLessThan(transcriptCount);
    // The judge page reads no pages of the list: the list's filter goes to the judge as it is.
    const listReads: string[] = [];
    const onRequest = (r: Request) => {
      if (new URL(r.url()).pathname === '/api/v1/transcripts') listReads.push(r.url());
    };
    page.on('request', onRequest);
    await page.getByRole('link', { name: 'Judge these' }).click();
    await page.waitForURL(/\/judge\?/);
    const filter = page.locator('.selection-choice .selection-filter');
    await filter.waitFor();
    expect(await filter.textContent()).toBe(`search “Einstein” · model ${MODEL}`);
    expect(await page.getByRole('radio', { name: /From the list/ }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: /Warmth/ }).check();
    const sent = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/judge/estimate' && r.method() === 'POST');
    await page.getByRole('button', { name: 'Estimate' }).click();
    const body = (await sent).postDataJSON();
    expect(body.where).toEqual({ model: MODEL, q: 'Einstein' });
    expect(body.transcriptIds).toBeUndefined();
    const estimate = page.getByRole('status', { name: 'Estimate' });
    await estimate.waitFor();
    expect(await estimate.locator('.estimate-requests').textContent()).toBe(String(shown));
    await page.screenshot({ path: screenshotPath('judge-7-from-list'), fullPage: true });
    page.off('request', onRequest);
    expect(listReads).toEqual([]);

    // The run keeps the filter, and its page says it in the list's words, linking back to that list.
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, start the run' }).click();
    await page.waitForURL(/\/judge\/runs\/[^/?]+$/);
    const runId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const described = page.locator('.run-head').getByRole('link', { name: `search “Einstein” · model ${MODEL}` });
    await described.waitFor();
    expect(await described.getAttribute('href')).toBe(`/transcripts?q=Einstein&model=${MODEL}`);
    expect((await api(server, `/api/v1/judge/runs/${runId}`)).selection).toEqual({ where: { model: MODEL, q: 'Einstein' } });
    await expect.poll(() => page.getByRole('region', { name: 'Progress' }).locator('.run-status').textContent(), { timeout: 60_000 }).toBe('done');
    await page.screenshot({ path: screenshotPath('judge-7b-run-from-list') });
    await page.goto(`${server.url}/judge`);
    const row = page.locator(`.runs-table tr[data-run="${runId}"]`);
    await row.waitFor();
    expect(await row.locator('.selection').textContent()).toBe(`search “Einstein” · model ${MODEL}`);
  });
  test('without the event stream the page polls; a cancelled run resumes and its numbers add up', async () => {
    // A proxy that cannot stream: the page must fall back to polling the run.
    await page.route('**/api/v1/judge/runs/*/events', (route) => route.abort());
    fake.latencyMs = 1500;
    await page.goto(`${server.url}/judge?model=aurora-1.0`);
    await page.getByRole('checkbox', { name: /Sycophancy/ }).check();
    await page.getByRole('button', { name: 'Estimate' }).click();
    await page.getByRole('status', { name: 'Estimate' }).waitFor();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, start the run' }).click();
    await page.waitForURL(/\/judge\/runs\/[^/?]+$/);
    const runId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const progress = page.getByRole('region', { name: 'Progress' });
    await page.locator('.watch-mode.watch-polling').waitFor();

    await page.getByRole('button', { name: 'Cancel run' }).click();
    await expect.poll(() => progress.locator('.run-status').textContent()).toBe('cancelled');
    // Requests already in flight still finish and are recorded; the rest wait as cancelled.
    await expect.poll(async () => (await api(server, `/api/v1/judge/runs/${runId}`)).counts.pending, { timeout: 20_000 }).toBe(0);
    await expect.poll(() => progress.locator('[data-kind="cancelled"] .n').textContent().then(Number)).toBeGreaterThan(0);
    // The page follows the requests that were in flight until they are recorded, then stops.
    await expect.poll(() => progress.locator('[data-kind="pending"] .n').textContent()).toBe('0');
    await expect.poll(() => progress.locator('.watch-mode').textContent()).toBe('final');
    const cancelled = await api(server, `/api/v1/judge/runs/${runId}`);
    expect(await progress.locator('[data-kind="done"] .n').textContent()).toBe(String(cancelled.counts.done));
    expect(await progress.locator('.run-cost').textContent()).toBe(`$${cancelled.costUsd.toFixed(4)}`);
    // The jobs table follows too: nothing left running.
    await expect.poll(() => page.locator('.jobs-table tbody tr[data-status="running"]').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('judge-8-cancelled'), fullPage: true });

    fake.latencyMs = 0;
    await page.getByRole('button', { name: 'Resume run' }).click();
    await expect.poll(() => progress.locator('.run-status').textContent(), { timeout: 60_000 }).toBe('done');
    const view = await api(server, `/api/v1/judge/runs/${runId}`);
    expect(view.counts).toEqual({ pending: 0, done: view.jobCount, failed: 0, invalid: 0, cancelled: 0 });
    expect(await progress.locator('.run-progress-count').textContent()).toBe(`${view.jobCount} of ${view.jobCount} jobs finished`);
    expect(await progress.locator('.run-cost').textContent()).toBe(`$${view.costUsd.toFixed(4)}`);
    // Nothing was paid twice.
    const keys = fake.paidRequests().map((r) => r.jobKey);
    expect(new Set(keys).size).toBe(keys.length);
    await page.locator('select[name="job-status"]').selectOption('done');
    await expect.poll(() => page.locator('.jobs-table tbody tr').count()).toBe(Math.min(view.jobCount, 50));
    await page.screenshot({ path: screenshotPath('judge-9-resumed'), fullPage: true });
    await page.unroute('**/api/v1/judge/runs/*/events');
  });
});
