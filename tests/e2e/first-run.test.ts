import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, screenshotPath } from '../helpers/browser.ts';
import type { RunningServer } from '../helpers/server.ts';
import { startE2e, stopE2e, type E2eServer } from './support.ts';

describe.skipIf(!hasChromium)('first run: setup link, first admin, demo data', () => {
  let server: RunningServer;
  let page: Page;
  // The whole handle goes to stopE2e: it fails the suite on any CSP refusal or contract violation the page saw.
  let e2e: E2eServer | undefined;

  beforeAll(async () => {
    e2e = await startE2e({});
    ({ server, page } = e2e);
  });

  afterAll(() => stopE2e(e2e ?? {}));

  test('a newcomer follows the printed setup link, creates the admin and loads the demo set', async () => {
    const setupUrl = /(http:\/\/\S+\/setup\?token=\S+)/.exec(server.output())?.[1];
    expect(setupUrl, `the server printed no setup URL:\n${server.output()}`).toBeDefined();

    // Without the link, the app explains where to find it.
    await page.goto(server.url);
    await page.waitForURL(/\/login/);
    await page.getByRole('heading', { name: 'charlens needs its first admin' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('setup link');
    await page.screenshot({ path: screenshotPath('first-run-1-setup-pending') });

    await page.goto(setupUrl ?? '');
    await page.getByRole('heading', { name: 'Create the first admin' }).waitFor();
    await page.getByLabel('Email').fill('first@example.com');
    await page.getByLabel('Password', { exact: false }).first().fill('first-admin-pass');
    await page.getByLabel('Confirm password').fill('first-admin-pass');
    await page.screenshot({ path: screenshotPath('first-run-2-setup-form') });
    await page.getByRole('button', { name: 'Create admin and sign in' }).click();

    // A researcher starts at the overview; on a fresh install it says how to get transcripts in.
    await page.waitForURL(/\/overview$/);
    await page.getByRole('heading', { name: 'No transcripts yet' }).waitFor();
    const help = await page.locator('.empty-database').textContent();
    expect(help).toContain('application/x-ndjson');
    expect(help).toContain('charlens upload');
    expect(help).toContain('"external_id"');
    expect(await page.getByRole('banner').textContent()).toContain('first@example.com');
    await page.screenshot({ path: screenshotPath('first-run-3-empty'), fullPage: true });

    await page.getByRole('button', { name: 'Load demo data' }).click();
    // The overview fills in with the demo's versions; the transcripts are one click away.
    await page.locator('table.overview-matrix tbody tr').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('table.overview-matrix thead th.version-col').count()).toBe(3);
    await page.getByRole('banner').getByRole('link', { name: 'Transcripts' }).click();
    await page.waitForURL(/\/transcripts$/);
    await page.locator('table.transcripts tbody tr[data-index]').first().waitFor();
    expect(await page.locator('table.transcripts tbody tr[data-index]').count()).toBeGreaterThan(10);
    // The demo set has several model versions to compare.
    await expect.poll(() => page.locator('select[name="model"] option').count()).toBeGreaterThan(2);
    await page.screenshot({ path: screenshotPath('first-run-4-demo-loaded') });

    // Scrolling the table to its end loads the next keyset page, if there is one.
    const status = page.getByRole('status').filter({ hasText: 'loaded' });
    const loadedBefore = Number(/([\d,]+) transcripts? loaded/.exec((await status.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
    if ((await status.textContent())?.includes('more load as you scroll')) {
      await page.locator('.table-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect.poll(async () => Number(/([\d,]+) transcripts? loaded/.exec((await status.textContent()) ?? '')?.[1]?.replace(/,/g, ''))).toBeGreaterThan(loadedBefore);
    }

    // A shared link with a model filter shows that model only, and the filter says so.
    const model = (await page.locator('select[name="model"] option').nth(1).getAttribute('value')) ?? '';
    await page.goto(`${server.url}/transcripts?model=${encodeURIComponent(model)}`);
    await page.locator('table.transcripts tbody tr[data-index]').first().waitFor();
    await expect.poll(() => page.locator('select[name="model"]').inputValue()).toBe(model);
    const models = await page.locator('table.transcripts tbody td.model').allTextContents();
    expect(new Set(models)).toEqual(new Set([model]));

    // A demo transcript reads like any other: turns and scores.
    await page.locator('table.transcripts tbody tr[data-index]').first().locator('td.scenario a').click();
    await page.locator('#turn-0').waitFor();
    expect(await page.locator('.scores-panel article.score').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('first-run-5-demo-transcript'), fullPage: true });

    // The setup link worked once; it is spent now.
    await page.goto(setupUrl ?? '');
    await page.getByRole('heading', { name: 'Setup is done' }).waitFor();
  });
});
