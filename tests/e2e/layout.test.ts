import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, screenshotPath } from '../helpers/browser.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import { repoRoot } from '../helpers/server.ts';
import { ADMIN_EMAIL, assertFitsViewport, signIn, startE2e, stopE2e, uploadNdjson, type E2eServer } from './support.ts';

const TOKEN = 'cl_e2e_layout_token_000000000001';
const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };
/** `npm run tour` sets this: the README's screenshots are taken from these pages into docs/tour/. */
const TOUR = process.env['CHARLENS_TOUR'] === '1';

/** Twelve imported traits on one scenario: as wide as a Spiral-Bench scenario page gets, without the real files. */
const WIDE_TRAITS = Array.from({ length: 12 }, (_, i) => `wide.criterion_${String(i + 1).padStart(2, '0')}`);
const wideLine = (model: string) =>
  nativeLine({
    model,
    scenario: 'wide-scenario',
    scenario_title: 'A scenario with twelve criteria',
    scores: WIDE_TRAITS.map((trait, i) => ({ trait, value: (i % 5) + 1, source: 'import' as const })),
  });

describe.skipIf(!hasChromium)('layout: phone width, the list, scenario, judge, upload and thinking pages', () => {
  let e2e: E2eServer | undefined;
  let page: Page;
  let url = '';

  async function api<T>(pathAndQuery: string): Promise<T> {
    const response = await fetch(`${url}${pathAndQuery}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    if (!response.ok) throw new Error(`${pathAndQuery}: HTTP ${response.status} ${await response.text()}`);
    const body: T = await response.json();
    return body;
  }

  /** A screenshot to look at; `tour` ones also go to docs/tour/ when `npm run tour` runs (the README shows them). */
  async function shot(name: string, options: { fullPage?: boolean; tour?: boolean } = {}): Promise<void> {
    await page.screenshot({ path: screenshotPath(`layout-${name}`), fullPage: options.fullPage ?? false });
    if (TOUR && options.tour) {
      const dir = path.join(repoRoot, 'docs/tour');
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: options.fullPage ?? false });
    }
  }

  beforeAll(async () => {
    // No API key: the judge page must say so before anything is estimated.
    e2e = await startE2e({ token: TOKEN, env: { ANTHROPIC_API_KEY: '' } });
    page = e2e.page;
    url = e2e.server.url;
    const demo = await fetch(`${url}/api/v1/demo`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(demo.ok).toBe(true);
    await page.setViewportSize(DESKTOP);
    await page.goto(`${url}/login`);
    await signIn(page);
    await page.waitForURL(/\/overview$/);
  });

  afterAll(() => stopE2e(e2e ?? {}));

  test('the overview and a reader on the demo set (the README tour’s desktop pictures)', async () => {
    await page.setViewportSize(DESKTOP);
    await page.goto(`${url}/overview`);
    await page.locator('table.overview-matrix tbody tr').first().waitFor();
    await shot('overview', { tour: true });
    // A demo transcript that thought and carries scores: the reader at its fullest.
    const list = await api<{ items: { id: string }[] }>('/api/v1/transcripts?model=aurora-1.1&thinking=any&limit=1');
    await page.goto(`${url}/transcripts/${encodeURIComponent(list.items[0]?.id ?? '')}`);
    await page.locator('article.message').first().waitFor();
    await shot('reader', { tour: true });
  });

  test('at 390 px nothing is wider than the screen: list, reader, models, overview, thinking, labeling, upload, judge', async () => {
    await page.setViewportSize(PHONE);
    const list = await api<{ items: { id: string }[] }>('/api/v1/transcripts?limit=1');
    const first = list.items[0]?.id ?? '';
    const pages: [string, string, string][] = [
      ['list', '/transcripts', '.transcript-card'],
      ['reader', `/transcripts/${encodeURIComponent(first)}`, 'article.message'],
      ['models', '/models', 'table.models-matrix'],
      ['overview', '/overview', 'table.overview-matrix tbody tr'],
      ['thinking', '/dashboards/thinking', 'table.thinking-shares tbody tr'],
      ['labeling', '/labeling', 'h1'],
      ['upload', '/upload', '.drop-zone'],
      ['judge', '/judge', '.new-run'],
      ['scenario', '/scenarios', 'h1'],
    ];
    for (const [name, href, ready] of pages) {
      await page.goto(`${url}${href}`);
      await page.locator(ready).first().waitFor();
      await assertFitsViewport(page, `${name} at 390 px`);
      await page.screenshot({ path: screenshotPath(`layout-phone-${name}`) });
    }
  });

  test('at phone width the list is one card per transcript, and a card opens its transcript', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${url}/transcripts`);
    const cards = page.locator('.transcript-card');
    await cards.first().waitFor();
    expect(await page.locator('table.transcripts').count()).toBe(0);
    const card = cards.first();
    const meta = await card.locator('.card-meta').textContent();
    expect(meta).toMatch(/sample \d+ · \d+ turns/);
    await shot('list-phone', { tour: true });
    // A tap anywhere on the card (here: near its foot, on the trait values) follows the card's link.
    await card.scrollIntoViewIfNeeded();
    const box = await card.boundingBox();
    expect(box).not.toBeNull();
    await page.mouse.click((box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + (box?.height ?? 0) - 12);
    await page.waitForURL(/\/transcripts\/[^/?#]+/);
    await page.locator('article.message').first().waitFor();
    await assertFitsViewport(page, 'the transcript opened from a card');
  });

  test('at phone width the top bar is a menu that reaches every link and Sign out', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(`${url}/models`);
    const banner = page.getByRole('banner');
    const toggle = banner.getByRole('button', { name: 'Menu' });
    await toggle.waitFor();
    expect(await banner.getByRole('link', { name: 'Upload' }).isVisible()).toBe(false);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    for (const name of ['Overview', 'Transcripts', 'Scenarios', 'Models', 'Judge', 'Labeling', 'Upload', 'API', 'Settings']) {
      expect(await banner.getByRole('link', { name, exact: true }).isVisible(), name).toBe(true);
    }
    expect(await banner.textContent()).toContain(ADMIN_EMAIL);
    await assertFitsViewport(page, 'the open menu');
    await shot('menu-phone');
    // A link closes the menu and goes there.
    await banner.getByRole('link', { name: 'Scenarios', exact: true }).click();
    await page.waitForURL(/\/scenarios$/);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // Escape closes it too.
    await toggle.click();
    await page.keyboard.press('Escape');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    const signOut = banner.getByRole('button', { name: 'Sign out' });
    expect(await signOut.isVisible()).toBe(true);
    await signOut.click();
    await page.waitForURL(/\/login$/);
    await page.setViewportSize(DESKTOP);
    await signIn(page);
    await page.waitForURL(/\/overview$/);
    // At desktop width there is no menu button: the links are in the bar.
    expect(await banner.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    expect(await banner.getByRole('link', { name: 'Upload' }).isVisible()).toBe(true);
  });

  test('the desktop list has a sample column, tags with +n, and a legend in the cells’ letter badges', async () => {
    await page.setViewportSize(DESKTOP);
    await uploadNdjson(url, TOKEN, ndjson([nativeLine({ model: 'tagged-model', scenario_title: 'Many tags', sample: 3, tags: ['a-tag', 'b-tag', 'c-tag', 'd-tag', 'e-tag'] })]));
    await page.goto(`${url}/transcripts?model=tagged-model`);
    const row = page.locator('table.transcripts tbody tr[data-index]').first();
    await row.waitFor();
    expect(await page.locator('table.transcripts thead th').allTextContents()).toContain('Sample');
    expect(await row.locator('td.sample').textContent()).toBe('3');
    expect(await row.locator('td.tags a.tag').allTextContents()).toEqual(['a-tag']);
    expect(await row.locator('td.tags .more-tags').textContent()).toBe('+4');
    expect(await row.locator('td.tags .more-tags').getAttribute('title')).toBe('Also tagged b-tag, c-tag, d-tag, e-tag');
    expect(await page.locator('.source-legend sub').allTextContents()).toEqual(['I', 'J', 'H']);
  });

  test('the thinking filter narrows the list to the transcripts that thought, or did not, or thought at length', async () => {
    await page.setViewportSize(DESKTOP);
    // One model: fewer than a page of 100, so the list's "n transcripts loaded" is the whole answer.
    const model = 'aurora-1.1';
    const count = async (query: string) => (await api<{ items: unknown[] }>(`/api/v1/transcripts?limit=500&model=${model}${query}`)).items.length;
    const all = await count('');
    const thought = await count('&thinking=any');
    const none = await count('&thinking=none');
    expect(all).toBeLessThan(100);
    expect(thought).toBeGreaterThan(0);
    expect(none).toBeGreaterThan(0);
    expect(thought + none).toBe(all);
    const loaded = () => page.locator('.list-foot [role="status"]').textContent();
    await page.goto(`${url}/transcripts?model=${model}`);
    await expect.poll(loaded).toMatch(new RegExp(`^${all} transcripts loaded`));
    await page.locator('select[name="thinking"]').selectOption('any');
    await page.waitForURL(/thinking=any/);
    await expect.poll(loaded).toMatch(new RegExp(`^${thought} transcripts? loaded`));
    await page.locator('select[name="thinking"]').selectOption('none');
    await page.waitForURL(/thinking=none/);
    await expect.poll(loaded).toMatch(new RegExp(`^${none} transcripts? loaded`));
    // A least length: with "did not think" it means nothing and is disabled; with any choice it narrows.
    expect(await page.locator('input[name="thinkingMin"]').isDisabled()).toBe(true);
    await page.locator('select[name="thinking"]').selectOption('any');
    // A length that keeps some of them and not all, found from the API.
    let least = 0;
    let atLength = 0;
    for (const n of [50, 100, 200, 300, 500, 800, 1200, 2000]) {
      atLength = await count(`&thinking=any&thinkingMin=${n}`);
      least = n;
      if (atLength > 0 && atLength < thought) break;
    }
    expect(atLength).toBeGreaterThan(0);
    expect(atLength).toBeLessThan(thought);
    await page.locator('input[name="thinkingMin"]').fill(String(least));
    await page.waitForURL(new RegExp(`thinkingMin=${least}`));
    await expect.poll(loaded).toMatch(new RegExp(`^${atLength} transcripts? loaded`));
    await shot('list-thinking-filter');
  });

  test('the scenario page scrolls its wide table with the model column sticky, the last trait reachable, every value badged', async () => {
    await page.setViewportSize(DESKTOP);
    await uploadNdjson(url, TOKEN, ndjson([wideLine('aurora-1.0'), wideLine('aurora-1.1')]));
    const scenarios = await api<{ items: { id: string; key: string }[] }>('/api/v1/scenarios?limit=500');
    const wide = scenarios.items.find((s) => s.key === 'wide-scenario');
    expect(wide).toBeDefined();
    await page.goto(`${url}/scenarios/${encodeURIComponent(wide?.id ?? '')}`);
    const wrap = page.locator('.table-wrap.sticky-first');
    await wrap.locator('tbody tr').first().waitFor();
    expect(await page.locator('table.scenario-matrix thead th.trait-col').count()).toBe(12);
    await assertFitsViewport(page, 'the scenario page at 1400 px');
    const widths = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.scroll).toBeGreaterThan(widths.client);
    const model = page.locator('table.scenario-matrix tbody th.sticky-col').first();
    const before = await model.boundingBox();
    await wrap.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    const last = page.locator(`table.scenario-matrix thead th[data-trait="${WIDE_TRAITS[11]}"]`);
    const [after, lastBox, wrapBox] = await Promise.all([model.boundingBox(), last.boundingBox(), wrap.boundingBox()]);
    // The model column stayed where it was; the twelfth trait is now inside the box.
    expect(after?.x).toBeCloseTo(before?.x ?? -1, 0);
    expect((lastBox?.x ?? 0) + (lastBox?.width ?? 0)).toBeLessThanOrEqual((wrapBox?.x ?? 0) + (wrapBox?.width ?? 0) + 1);
    // Every value carries its source badge.
    const values = page.locator('table.scenario-matrix td.trait .trait-value');
    expect(await values.count()).toBe(24);
    expect(new Set(await values.locator('sub').allTextContents())).toEqual(new Set(['I']));
    await shot('scenario-wide');
  });

  test('the judge page says there is no API key before any estimate, and estimating still works', async () => {
    await page.setViewportSize(DESKTOP);
    await page.goto(`${url}/judge`);
    const notice = page.locator('.no-api-key');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('no Anthropic API key');
    expect(await page.locator('section.estimate').count()).toBe(0);
    await page.locator('input[name="trait"][value="pushback"]').check();
    await page.getByRole('button', { name: 'Estimate' }).click();
    await page.locator('section.estimate').waitFor();
    expect(await page.locator('.estimate-requests').textContent()).toMatch(/^\d/);
    expect(await page.getByRole('button', { name: 'Start' }).isDisabled()).toBe(true);
    await shot('judge-no-key');
  });

  test('the upload result names the file, its format, and each model with its counts', async () => {
    await page.setViewportSize(DESKTOP);
    const lines = [nativeLine({ model: 'upload-alpha' }), nativeLine({ model: 'upload-alpha' }), nativeLine({ model: 'upload-beta' })];
    const file = path.join(e2e?.database.dir ?? '', 'two-models.ndjson');
    writeFileSync(file, ndjson(lines));
    await page.goto(`${url}/upload`);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload' }).click();
    const summary = page.locator('.import-summary');
    await summary.waitFor();
    expect(await summary.locator('.imported-files').textContent()).toContain('two-models.ndjson');
    expect(await summary.locator('.imported-files').textContent()).toContain('read as native');
    const model = (name: string) => summary.locator(`table.imported-models tr[data-model="${name}"] td`).allTextContents();
    expect(await model('upload-alpha')).toEqual(['2', '0']);
    expect(await model('upload-beta')).toEqual(['1', '0']);
    await shot('upload-result');
  });

  test('the thinking dashboard shows each version’s share with its CI and n, lengths, and where it thought', async () => {
    await page.setViewportSize(DESKTOP);
    const summary = await api<{ items: { model: string; share: { mean: number | null; scenarios: number } }[] }>('/api/v1/stats/thinking');
    await page.goto(`${url}/dashboards/thinking`);
    const rows = page.locator('table.thinking-shares tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(summary.items.length);
    for (const item of summary.items) {
      const cell = page.locator(`table.thinking-shares tr[data-version="${item.model}"] td.share-cell`);
      expect(Number(await cell.getAttribute('data-share'))).toBeCloseTo(item.share.mean ?? NaN, 6);
      expect(await cell.textContent()).toMatch(new RegExp(`^\\d+(\\.\\d)?% (\\[\\d+(\\.\\d)?%, \\d+(\\.\\d)?%\\]|\\(no CI\\)) n=${item.share.scenarios}$`));
    }
    expect(await page.locator('.dashboard-tabs a.current').textContent()).toBe('Thinking');
    expect(await page.locator('table.thinking-lengths tbody tr').count()).toBe(summary.items.length);
    expect(await page.locator('table.thinking-by-position tbody tr').count()).toBeGreaterThan(0);
    // A trait split appears once a trait is picked.
    await page.locator('select[name="trait"]').selectOption({ index: 1 });
    await page.locator('table.thinking-trait-split tbody tr').first().waitFor();
    await shot('thinking', { fullPage: true });
    const download = page.waitForEvent('download');
    await page.getByRole('group', { name: /Download the numbers of Share of assistant turns/ }).getByRole('button', { name: 'CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/thinking-share.*\.csv$/);
    await page.setViewportSize(PHONE);
    await assertFitsViewport(page, 'the thinking dashboard at 390 px');
  });

});
