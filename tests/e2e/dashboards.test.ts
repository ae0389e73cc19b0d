import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, screenshotPath } from '../helpers/browser.ts';
import { repoRoot } from '../helpers/server.ts';
import { signIn, startE2e, stopE2e, type E2eServer } from './support.ts';

const TOKEN = 'cl_e2e_dashboards_token_00000001';
const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };

const dataDir = path.resolve(repoRoot, '../shared/data');
const spiralFiles = ['claude-3.5-sonnet.json', 'claude-sonnet-4.json'].map((f) => path.join(dataDir, 'spiral-bench/res_v0.2', f));
const hasSpiral = spiralFiles.every((f) => existsSync(f));
if (!hasSpiral) console.warn(`Spiral-Bench files absent under ${dataDir}: the dashboards' Spiral-Bench checks are skipped`);

const mtbenchDir = path.join(repoRoot, 'tests/fixtures/import/mtbench');
const mtbenchFiles = ['question.jsonl', 'model_answer/model-a.jsonl', 'model_answer/model-b.jsonl', 'model_judgment/judge_pair.jsonl', 'model_judgment/judge_single.jsonl'];

interface Paired {
  meanDelta: number;
  ciLow: number;
  ciHigh: number;
  scenarios: { key: string; delta: number; transcriptsA: string[]; transcriptsB: string[] }[];
}

/** An RFC 4180 reader: what a spreadsheet sees in the export. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

/** Every CSV cell is text: a JSON value as the CSV writes it (null as empty, numbers as JavaScript prints them). */
function asCsvText(value: unknown): string {
  return value === null ? '' : String(value);
}

async function downloadText(download: Download): Promise<string> {
  const file = await download.path();
  return readFileSync(file, 'utf8');
}

describe.skipIf(!hasChromium)('trait dashboards: overview, two versions, distributions, ratings, agreement, scenarios', () => {
  let e2e: E2eServer | undefined;
  let page: Page;
  let url = '';

  async function api<T>(pathAndQuery: string): Promise<T> {
    const response = await fetch(`${url}${pathAndQuery}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    if (!response.ok) throw new Error(`${pathAndQuery}: HTTP ${response.status} ${await response.text()}`);
    const body: T = await response.json();
    return body;
  }

  /** The import endpoint, as a script posts files: one multipart `file` part each, named by its path. */
  async function importFiles(files: { name: string; bytes: Buffer }[]): Promise<void> {
    const form = new FormData();
    for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)]), f.name);
    const response = await fetch(`${url}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: form });
    if (!response.ok) throw new Error(`import: HTTP ${response.status} ${await response.text()}`);
  }

  /** Desktop and phone screenshots; at phone width the page itself never scrolls sideways (wide tables scroll inside). */
  async function screenshots(name: string, ready: () => Promise<void>): Promise<void> {
    await page.setViewportSize(DESKTOP);
    await ready();
    await page.screenshot({ path: screenshotPath(`dashboards-${name}-desktop`), fullPage: true });
    await page.setViewportSize(PHONE);
    await ready();
    await page.screenshot({ path: screenshotPath(`dashboards-${name}-phone`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name}: the page is ${overflow}px wider than a phone`).toBeLessThanOrEqual(0);
    await page.setViewportSize(DESKTOP);
  }

  beforeAll(async () => {
    e2e = await startE2e({ token: TOKEN });
    page = e2e.page;
    url = e2e.server.url;
    const demo = await fetch(`${url}/api/v1/demo`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(demo.ok).toBe(true);
    await importFiles(mtbenchFiles.map((f) => ({ name: f, bytes: readFileSync(path.join(mtbenchDir, f)) })));
    if (hasSpiral) await importFiles(spiralFiles.map((f) => ({ name: path.basename(f), bytes: readFileSync(f) })));
    await page.goto(`${url}/login`);
    await signIn(page);
    // Researchers start at the overview now; the transcripts are one click away.
    await page.waitForURL(/\/overview$/);
  });

  afterAll(() => stopE2e(e2e ?? {}));

  test('the overview shows the three demo versions with CIs, pushback in its known order, and no two traits named alike', async () => {
    const matrix = page.locator('table.overview-matrix');
    await matrix.locator('tbody tr').first().waitFor();
    const versions = await matrix.locator('thead th.version-col').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-version')));
    for (const v of ['aurora-1.0', 'aurora-1.1', 'aurora-2.0-preview']) expect(versions).toContain(v);
    expect(await page.getByRole('banner').getByRole('link', { name: 'Transcripts' }).getAttribute('href')).toBe('/transcripts');

    const pushback = matrix.locator('tr[data-row="pushback:import"]');
    const mean = async (v: string) => Number(await pushback.locator(`td[data-version="${v}"]`).getAttribute('data-mean'));
    expect(await mean('aurora-1.1')).toBeGreaterThan(await mean('aurora-2.0-preview'));
    expect(await mean('aurora-2.0-preview')).toBeGreaterThan(await mean('aurora-1.0'));
    for (const v of ['aurora-1.0', 'aurora-1.1', 'aurora-2.0-preview']) {
      // mean [low, high] n=…
      expect(await pushback.locator(`td[data-version="${v}"]`).textContent()).toMatch(/^\d(\.\d+)? \[\d(\.\d+)?, \d(\.\d+)?\] n=\d+/);
    }
    // Against aurora-1.0 (the baseline by default: the oldest), 1.1's clear rise in pushback is better, in words as well as colour.
    await expect.poll(() => pushback.locator('td[data-version="aurora-1.1"]').getAttribute('data-tone')).toBe('better');
    expect(await pushback.locator('td[data-version="aurora-1.1"] .badge').textContent()).toBe('better');

    const labels = await matrix.locator('tbody th.trait-label-cell').allTextContents();
    expect(labels.length).toBeGreaterThan(3);
    expect(new Set(labels).size, `labels repeat: ${labels.join(' | ')}`).toBe(labels.length);
    // The rubric's pushback and Spiral-Bench's are told apart by origin and scale.
    expect(labels.filter((l) => /^Pushback · charlens rubric @[0-9a-f]{7} · 1–5 · (imported scores|human labels)$/.test(l))).toHaveLength(2);
    if (hasSpiral) expect(labels).toContain('Pushback · Spiral-Bench · 0–∞ per chunk · imported scores');

    // A dot-and-whisker chart per trait; a version's row is a link that the keyboard reaches.
    const chart = page.locator('figure.chart-figure').filter({ hasText: 'Pushback · charlens rubric' }).filter({ hasText: 'imported scores' });
    expect(await chart.locator('circle.dot').count()).toBe(3);
    const link = chart.locator('a.chart-link').first();
    await link.focus();
    expect(await link.evaluate((a) => a === document.activeElement)).toBe(true);
    await screenshots('overview', () => matrix.locator('tbody tr').first().waitFor());

    // The baseline is in the URL; a new one recolours against it.
    await page.locator('select[name="baseline"]').selectOption('aurora-1.1');
    await page.waitForURL(/baseline=aurora-1\.1/);
    await expect.poll(() => pushback.locator('td[data-version="aurora-1.0"]').getAttribute('data-tone')).toBe('worse');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dashboards\/versions\?/);
  });

  test('the CSV export of the overview, read back, is the JSONL export', async () => {
    await page.goto(`${url}/overview?source=import`);
    await page.locator('table.overview-matrix tbody tr').first().waitFor();
    // Wait for the comparisons, so both files hold the colours too.
    await expect.poll(() => page.locator('td[data-tone="better"]').count()).toBeGreaterThan(0);
    const head = page.locator('.section-head').filter({ has: page.locator('#matrix-heading') });
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), head.getByRole('button', { name: 'CSV' }).click()]);
    const [jsonlDownload] = await Promise.all([page.waitForEvent('download'), head.getByRole('button', { name: 'JSONL' }).click()]);
    expect(csvDownload.suggestedFilename()).toBe('overview-import-baseline-aurora-1.0.csv');
    const csv = await downloadText(csvDownload);
    const jsonl = (await downloadText(jsonlDownload)).split('\n').filter(Boolean).map((line): Record<string, unknown> => JSON.parse(line));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(csv);
    expect(jsonl.length).toBeGreaterThan(10);
    expect(header).toEqual(Object.keys(jsonl[0] ?? {}));
    expect(rows).toEqual(jsonl.map((r) => (header ?? []).map((k) => asCsvText(r[k]))));
    // Unicode survives the trip (the labels' dashes and middle dots).
    expect(rows.some((r) => r[0]?.includes('1–5 · imported scores'))).toBe(true);
    const cell = jsonl.find((r) => r['slug'] === 'pushback' && r['version'] === 'aurora-1.1');
    expect(cell).toMatchObject({ source: 'import', baseline: 'aurora-1.0', tone: 'better' });
    expect(typeof cell?.['mean']).toBe('number');
    expect(typeof cell?.['deltaCiLow']).toBe('number');
  });

  test.skipIf(!hasSpiral)('two Claude versions: the Spiral-Bench pushback delta with its CI, and a heat-map cell opens the right transcripts', async () => {
    const a = 'claude-3.5-sonnet';
    const b = 'claude-sonnet-4';
    const paired = await api<Paired>(`/api/v1/stats/compare?trait=spiral.pushback&source=import&a=${a}&b=${b}`);
    await page.goto(`${url}/dashboards/versions?a=${a}&b=${b}&trait=spiral.pushback:import`);
    const row = page.locator('tr.forest-row').filter({ hasText: 'Pushback · Spiral-Bench · 0–∞ per chunk' });
    await row.waitFor();
    const fmt = (n: number) => `${n > 0 ? '+' : '−'}${String(Math.round(Math.abs(n) * 100) / 100)}`;
    expect(await row.locator('.delta-value').textContent()).toBe(fmt(paired.meanDelta));
    expect(await row.locator('.ci').textContent()).toBe(`[${fmt(paired.ciLow)}, ${fmt(paired.ciHigh)}]`);
    // The interval is drawn, and it is not coloured: it excludes 0, but Holm's correction over the traits does not hold it.
    expect(await row.locator('svg line.whisker').count()).toBe(1);
    expect(await row.getAttribute('class')).toContain('tone-unclear');
    // The focused row is open: the scenarios that moved most, each a link to its transcripts side by side.
    const movers = page.locator('.movers');
    await movers.waitFor();
    const top = paired.scenarios[0];
    expect(await movers.locator('a.compare-link').first().getAttribute('href')).toBe(`/compare?ids=${[...(top?.transcriptsA ?? []), ...(top?.transcriptsB ?? [])].join(',')}&trait=spiral.pushback`);
    await screenshots('versions', () => row.waitFor());

    // The heat map, sorted by delta from the URL; a cell of b opens a's transcripts of that scenario beside b's.
    await page.getByRole('button', { name: '|Δ| first' }).click();
    await page.waitForURL(/sort=abs-desc/);
    const first = page.locator('table.heat-map tbody tr').first();
    const firstKey = await first.getAttribute('data-scenario');
    const shown = paired.scenarios.find((s) => s.key === firstKey);
    const largest = Math.max(...paired.scenarios.map((s) => Math.abs(s.delta)));
    expect(Math.abs(shown?.delta ?? 0)).toBe(largest);
    const cell = first.locator(`td[data-version="${b}"] a`);
    const expected = [...(shown?.transcriptsA ?? []), ...(shown?.transcriptsB ?? [])];
    expect(await cell.getAttribute('data-ids')).toBe(expected.join(','));
    await cell.click();
    await page.waitForURL(/\/compare\?ids=/);
    expect(new URL(page.url()).searchParams.get('ids')).toBe(expected.join(','));
    // It opens on the trait's lane.
    expect(await page.locator('.compare-controls select').inputValue()).toBe('spiral.pushback');
    await expect.poll(() => page.locator('.column-head .model').allTextContents()).toEqual([a, b]);
    await page.screenshot({ path: screenshotPath('dashboards-heatmap-opens-compare') });
  });

  test('distributions: bars per scale point for a 1–5 trait, with N/A, invalid and failed counted beside', async () => {
    await page.goto(`${url}/dashboards/distributions?trait=pushback:import`);
    const figures = page.locator('.histogram-grid figure');
    await expect.poll(() => figures.count()).toBe(3);
    // Five points on the rubric's scale, one bar each.
    expect(await figures.first().locator('.bar rect').count()).toBe(5);
    const summaries = await api<{ items: { model: string; na: number; invalid: number; failed: number }[] }>('/api/v1/stats/traits?trait=pushback&source=import');
    const first = summaries.items.find((s) => s.model === 'aurora-1.0');
    expect(await figures.first().locator('.dropped-counts').textContent()).toContain(`${first?.na} N/A`);
    await screenshots('distributions', () => figures.first().waitFor());
  });

  test('ratings: Bradley–Terry ratings with CIs, the win-rate matrix and position bias from imported MT-Bench verdicts', async () => {
    await page.goto(`${url}/dashboards/ratings?trait=mtbench_pairwise:import`);
    await page.getByRole('heading', { name: /Bradley–Terry ratings/ }).waitFor();
    expect(await page.locator('svg.dot-whisker circle.dot').count()).toBe(2);
    expect(await page.locator('table.win-rates tbody tr').count()).toBe(2);
    expect(await page.locator('.figures').textContent()).toContain('Won by the side shown first');
    await screenshots('ratings', () => page.locator('table.win-rates').waitFor());
  });

  test('agreement: alpha with its CI per trait and each rater against the rest', async () => {
    await page.goto(`${url}/dashboards/agreement?trait=pushback`);
    const table = page.locator('table.agreement-table');
    await table.locator('tbody tr').first().waitFor();
    const pushback = table.locator('tbody tr').filter({ hasText: 'Pushback · charlens rubric' });
    expect(await pushback.locator('td').first().textContent()).toMatch(/^\d\.\d+ \[\d\.\d+, \d\.\d+\]/);
    await page.getByRole('heading', { name: 'Each rater against the others' }).waitFor();
    await screenshots('agreement', () => table.waitFor());
    // One click sends the judge–human disagreements of this trait to a new labeling queue.
    await page.getByRole('link', { name: 'Send the largest judge–human gaps to a labeling queue' }).click();
    await page.waitForURL(/\/queues\/new\?selection=judge_human_gap&trait=pushback/);
    expect(await page.getByRole('radio', { name: 'A statistics selection' }).isChecked()).toBe(true);
    expect(await page.locator('select[name="stat"]').inputValue()).toBe('judge_human_gap');
    await expect.poll(() => page.locator('select[name="stat-trait"]').inputValue()).toBe('pushback');
  });

  test('the scenarios index: every scenario, searchable, with a trait delta between two versions', async () => {
    await page.goto(`${url}/scenarios`);
    const rows = page.locator('table.scenario-index tbody tr');
    await rows.first().waitFor();
    const all = await api<{ items: unknown[] }>('/api/v1/scenarios?limit=500');
    expect(await page.getByRole('status').textContent()).toContain(`${all.items.length} of ${all.items.length} scenarios`);
    // Client-side search over key and title, accents ignored: "creperie" finds the crêperie.
    await page.locator('input[name="q"]').fill('creperie');
    await page.waitForURL(/q=creperie/);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().locator('th a').textContent()).toBe('Website blurb for a crêperie');
    await page.goto(`${url}/scenarios?trait=pushback:import&a=aurora-1.0&b=aurora-1.1&sort=delta-desc`);
    await rows.first().waitFor();
    await expect.poll(() => page.locator('table.scenario-index thead th').allTextContents()).toContain('Δ');
    expect(await rows.first().locator('td.delta').textContent()).toMatch(/^[+−±]/);
    await screenshots('scenarios', () => rows.first().waitFor());
    await rows.first().locator('th a').click();
    await page.waitForURL(/\/scenarios\/[^/?]+$/);
    await page.locator('table.matrix tbody tr').first().waitFor();
  });
});
