import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, screenshotPath } from '../helpers/browser.ts';
import { repoRoot, type RunningServer } from '../helpers/server.ts';
import { signIn, startE2e, stopE2e, type E2eServer } from './support.ts';

const TOKEN = 'cl_e2e_spiral_compare_token_0001';
const dataDir = path.resolve(repoRoot, '../shared/data');
const spiralFiles = ['claude-3.5-sonnet.json', 'claude-sonnet-4.json'].map((f) => path.join(dataDir, 'spiral-bench/res_v0.2', f));
// CHARLENS_E2E_DEMO=1 takes the demo path even where the real files are, to check that path too.
const hasSpiral = process.env['CHARLENS_E2E_DEMO'] !== '1' && spiralFiles.every((f) => existsSync(f));
if (!hasSpiral) console.warn(`Spiral-Bench files absent under ${dataDir}: the compare test runs on the demo set instead`);

interface Conversation {
  prompt_id: string;
  transcript: { role: string; content: string }[];
  judgements: Record<string, { metrics?: Record<string, number> }>;
}

function conversations(file: string): Record<string, Conversation[]> {
  const json: { '1': { 'eval_prompts_v0.2.json': Record<string, Conversation[]> } } = JSON.parse(readFileSync(file, 'utf8'));
  return json['1']['eval_prompts_v0.2.json'];
}

/** The prompt where both models push back in the most chunks: its lanes have something to show and to click. */
function pickPrompt(a: Record<string, Conversation[]>, b: Record<string, Conversation[]>): string {
  const pushbacks = (c: Conversation | undefined) => Object.values(c?.judgements ?? {}).filter((j) => (j.metrics?.['pushback'] ?? 0) > 0).length;
  const ranked = Object.keys(b).sort((x, y) => Math.min(pushbacks(a[y]?.[0]), pushbacks(b[y]?.[0])) - Math.min(pushbacks(a[x]?.[0]), pushbacks(b[x]?.[0])) || x.localeCompare(y));
  return ranked[0] ?? '';
}

const words = (s: string) => s.toLowerCase().match(/[a-z]+/g) ?? [];

/** An eight-word run of plain words that occurs in exactly one message of one conversation of the file, and where. */
function uniquePhrase(all: Record<string, Conversation[]>, prompt: string): { phrase: string; turn: number } {
  const convo = all[prompt]?.[0];
  const everyText = Object.values(all).flatMap((cs) => cs.flatMap((c) => c.transcript.map((m) => words(m.content).join(' '))));
  for (let turn = 7; turn < (convo?.transcript.length ?? 0); turn += 2) {
    const w = words(convo?.transcript[turn]?.content ?? '');
    for (let at = 5; at + 8 <= w.length; at += 3) {
      const phrase = w.slice(at, at + 8).join(' ');
      if (everyText.filter((t) => t.includes(phrase)).length === 1) return { phrase, turn };
    }
  }
  throw new Error(`no unique phrase in ${prompt}`);
}

async function apiGet<T>(server: RunningServer, pathAndQuery: string): Promise<T> {
  const response = await fetch(`${server.url}${pathAndQuery}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  if (!response.ok) throw new Error(`${pathAndQuery}: HTTP ${response.status} ${await response.text()}`);
  const body: T = await response.json();
  return body;
}

/** Drops files on the drop zone the way a browser does: a `drop` event whose DataTransfer holds the files. */
async function dropFiles(page: Page, files: { name: string; bytes: Buffer }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, base64: f.bytes.toString('base64') }));
  // The upload page renders its drop zone after the session check; dropping before that finds nothing.
  await page.locator('.drop-zone').waitFor();
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const f of list) {
      const binary = atob(f.base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      transfer.items.add(new File([bytes], f.name, { type: 'application/json' }));
    }
    const zone = document.querySelector('.drop-zone');
    if (!zone) throw new Error('no drop zone');
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, payload);
}

async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  });
}

describe.skipIf(!hasChromium)('Spiral-Bench: upload by drag and drop, compare two model versions, evidence, search, keyboard', () => {
  let server: RunningServer;
  let page: Page;
  // The whole handle goes to stopE2e: it fails the suite on any CSP refusal or contract violation the page saw.
  let e2e: E2eServer | undefined;

  beforeAll(async () => {
    e2e = await startE2e({ token: TOKEN });
    ({ server, page } = e2e);
    await page.goto(`${server.url}/login?next=%2Fupload`);
    await signIn(page);
    await page.waitForURL(/\/upload$/);
  });

  afterAll(() => stopE2e(e2e ?? {}));

  test('a researcher drops two result files, compares one prompt across versions and jumps to the evidence', async () => {
    let modelA = 'claude-3.5-sonnet';
    let modelB = 'claude-sonnet-4';
    let scenarioKey = '';
    let search: { phrase: string; turn: number } | null = null;

    await page.getByRole('heading', { name: 'Upload' }).waitFor();
    await page.screenshot({ path: screenshotPath('spiral-1-upload-empty') });
    // A file in no known format: the server's reason, shown where the summary would be, and nothing imported.
    await dropFiles(page, [{ name: 'notes.txt', bytes: Buffer.from('just some notes, not an eval log\n') }]);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const refusal = page.locator('.error-panel');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Cannot tell the format of notes.txt');
    await page.screenshot({ path: screenshotPath('spiral-1b-upload-error') });
    await page.getByRole('button', { name: 'Remove notes.txt' }).click();

    if (hasSpiral) {
      const a = conversations(spiralFiles[0] ?? '');
      const b = conversations(spiralFiles[1] ?? '');
      const prompt = pickPrompt(a, b);
      scenarioKey = `spiral/${prompt}`;
      search = uniquePhrase(b, prompt);
      await dropFiles(
        page,
        spiralFiles.map((f) => ({ name: path.basename(f), bytes: readFileSync(f) })),
      );
      expect(await page.locator('.file-list li').count()).toBe(2);
      await page.getByRole('button', { name: 'Upload 2 files' }).click();
      const summary = page.locator('.import-summary');
      await summary.waitFor({ timeout: 60_000 });
      await page.screenshot({ path: screenshotPath('spiral-2-upload-summary'), fullPage: true });
      expect(await summary.textContent()).toContain('60 new transcripts');
      expect(await summary.locator('h2').textContent()).toBe('Imported (spiral)');
    } else {
      // Without the real files: the demo set, through the same drop zone as a native NDJSON file.
      const demo = await fetch(`${server.url}/api/v1/demo`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(demo.ok).toBe(true);
      const scenarios = await apiGet<{ items: { key: string; modelCount: number }[] }>(server, '/api/v1/scenarios?limit=500');
      scenarioKey = scenarios.items.find((s) => s.modelCount >= 2)?.key ?? '';
      const detail = await apiGet<{ transcripts: { model: string }[] }>(server, `/api/v1/scenarios/${encodeURIComponent(scenarioKey)}`);
      const models = [...new Set(detail.transcripts.map((t) => t.model))].sort();
      modelA = models[0] ?? '';
      modelB = models[1] ?? '';
      const line = JSON.stringify({ external_id: 'e2e/drop/0', model: 'model-drop', scenario: 'drop', messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }] });
      await dropFiles(page, [{ name: 'one.ndjson', bytes: Buffer.from(`${line}\n`) }]);
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await page.locator('.import-summary').waitFor();
      expect(await page.locator('.import-summary').textContent()).toContain('1 new transcript');
    }

    // The list: model, scenario title, a column per trait.
    await page.goto(`${server.url}/transcripts`);
    await page.locator('table.transcripts tbody tr[data-index]').first().waitFor();
    expect(await page.locator('table.transcripts th.trait-col').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('spiral-3-list') });

    // Filters live in the URL: a trait score range narrows the list, and the form shows what the link says.
    if (hasSpiral) {
      const loaded = (text: string | null) => Number(/(\d+) transcripts? loaded/.exec(text ?? '')?.[1] ?? 'NaN');
      const status = page.getByRole('status').filter({ hasText: 'loaded' });
      await page.goto(`${server.url}/transcripts?trait=spiral.pushback&min=3&source=import`);
      await page.locator('table.transcripts tbody tr[data-index]').first().waitFor();
      await expect.poll(async () => loaded(await status.textContent())).toBeGreaterThan(0);
      expect(loaded(await status.textContent())).toBeLessThan(60);
      expect(await page.locator('select[name="trait"]').inputValue()).toBe('spiral.pushback');
      expect(await page.locator('input[name="min"]').inputValue()).toBe('3');
      // The filtered trait gets a column, named so that it cannot pass for the rubric's pushback.
      await expect.poll(() => page.locator('th.trait-col').first().textContent()).toBe('Pushback · Spiral-Bench · 0–∞ per chunk');
      await page.screenshot({ path: screenshotPath('spiral-3b-list-filtered') });
      // Nobody has labeled these yet.
      await page.goto(`${server.url}/transcripts?labeled=true`);
      await page.getByText('No transcripts match these filters.').waitFor();
    }

    // One prompt under the older version; "c" puts it beside the same prompt under the other version.
    await page.goto(`${server.url}/transcripts?model=${encodeURIComponent(modelA)}&scenario=${encodeURIComponent(scenarioKey)}`);
    await page.locator('table.transcripts tbody tr[data-index] td.scenario a').first().click();
    await page.locator('#turn-0').waitFor();
    await page.locator('.compare-links a').first().waitFor();
    // Nobody compared these two in pairs: the reader says so beside the traits.
    await page.getByRole('region', { name: 'Pairwise verdicts' }).getByText('No pairwise verdict includes this transcript.').waitFor();
    await page.screenshot({ path: screenshotPath('spiral-4-transcript') });
    // Turn-range scores sit beside the turns they cover; a click on one brings its evidence on screen, flashing.
    if (hasSpiral) {
      expect(await page.locator('.turn-mark').count()).toBeGreaterThan(0);
      await page.locator('.turn-mark[data-trait="spiral.pushback"]').first().click();
      await expect.poll(() => inViewport(page, '.flash')).toBe(true);
      expect(await page.locator('.score.selected').count()).toBe(1);
      await page.screenshot({ path: screenshotPath('spiral-4b-transcript-evidence') });
      await page.evaluate(() => window.scrollTo(0, 0));
    }
    await page.keyboard.press('c');
    await page.waitForURL(/\/compare\?ids=/);

    const heads = page.locator('.column-head .model');
    await expect.poll(() => heads.count()).toBe(2);
    expect(await heads.allTextContents()).toEqual([modelA, modelB]);
    const lane = page.locator(`.lanes[data-trait$="pushback"]`);
    await lane.waitFor();
    expect(await lane.locator('.lane-row:not(.lane-axis)').count()).toBe(2);
    expect(await lane.locator('.lane-cell:not(.empty)').count()).toBeGreaterThanOrEqual(2);
    if (hasSpiral) expect(await page.locator('.divergence').textContent()).toContain('turn 2');
    await page.screenshot({ path: screenshotPath('spiral-5-compare') });

    // A pushback score whose quote is in the text: click its cell, and the highlighted quote is on screen.
    const scoreId = await page.locator('mark[data-evidence]').evaluateAll((marks) => {
      const cells = new Set([...document.querySelectorAll('.lane-cell[data-score]')].map((c) => c.getAttribute('data-score')));
      const ids = marks.flatMap((m) => (m.getAttribute('data-evidence') ?? '').split(' ').map((id) => id.split(':')[0] ?? ''));
      return ids.find((id) => cells.has(id)) ?? '';
    });
    expect(scoreId).not.toBe('');
    await page.evaluate(() => window.scrollTo(0, 0));
    const markSelector = `mark[data-evidence*="${scoreId}:"]`;
    await page.locator(`.lane-cell[data-score="${scoreId}"]`).click();
    await expect.poll(() => inViewport(page, markSelector)).toBe(true);
    expect(await page.locator(markSelector).first().evaluate((m) => m.classList.contains('flash'))).toBe(true);
    await page.screenshot({ path: screenshotPath('spiral-6-compare-evidence') });

    // Independent scrolling is a toggle away.
    await page.getByLabel('Synchronized scrolling', { exact: false }).uncheck();
    await page.waitForURL(/sync=off/);
    expect(await page.locator('.free-column').count()).toBe(2);
    await page.screenshot({ path: screenshotPath('spiral-7-compare-free') });

    // The scenario's matrix: every transcript of the prompt across models, ticked ones compared.
    await page.getByRole('link', { name: `Scenario ${scenarioKey}` }).click();
    await page.locator('table.matrix tbody tr').first().waitFor();
    expect(await page.locator('table.matrix tbody tr').count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('region', { name: 'Pairwise verdicts' }).getByText('No pairwise verdicts on this scenario.').waitFor();
    await page.screenshot({ path: screenshotPath('spiral-7b-scenario') });
    // One per model is ticked to start with.
    const models = new Set(await page.locator('table.matrix tbody th.model').allTextContents()).size;
    await page.getByRole('button', { name: `Compare ${models} selected` }).click();
    await page.waitForURL(/\/compare\?ids=/);
    await expect.poll(() => page.locator('.column-head .model').count()).toBe(models);

    // Search a phrase; its row opens the transcript at the turn that says it.
    if (search) {
      await page.goto(`${server.url}/transcripts`);
      await page.locator('table.transcripts tbody tr[data-index]').first().waitFor();
      await page.keyboard.press('/');
      await page.keyboard.type(`"${search.phrase}"`);
      await page.waitForURL(/q=/);
      await expect.poll(() => page.locator('table.transcripts tbody tr[data-index]').count()).toBe(1);
      expect(await page.locator('.snippet mark').count()).toBeGreaterThan(0);
      await page.screenshot({ path: screenshotPath('spiral-8-search') });
      // Keyboard: j selects the row, Enter opens it.
      await page.keyboard.press('Escape');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('j');
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`#turn-${search.turn}$`));
      await page.locator(`#turn-${search.turn}.targeted`).waitFor();
      await expect.poll(() => inViewport(page, `#turn-${search?.turn}`)).toBe(true);
      await page.screenshot({ path: screenshotPath('spiral-9-search-hit') });
    }

    // Keyboard in the reader: ] steps to the next turn, j/k through the list it came from.
    await page.goto(`${server.url}/transcripts?model=${encodeURIComponent(modelB)}`);
    await page.locator('table.transcripts tbody tr[data-index]').first().waitFor();
    const firstTwo = await page.locator('table.transcripts tbody tr[data-index] td.scenario a').evaluateAll((links) => links.slice(0, 2).map((a) => a.getAttribute('href') ?? ''));
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('tr.selected').getAttribute('data-index')).toBe('0');
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('tr.selected').getAttribute('data-index')).toBe('1');
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === firstTwo[0]);
    await page.locator('#turn-0').waitFor();
    const topTurn = () => page.evaluate(() => [...document.querySelectorAll('article.message')].find((m) => m.getBoundingClientRect().top > -2)?.id ?? '');
    await page.keyboard.press(']');
    await expect.poll(topTurn).toBe('turn-0');
    await page.keyboard.press(']');
    await expect.poll(topTurn).toBe('turn-1');
    await page.keyboard.press('[');
    await expect.poll(topTurn).toBe('turn-0');
    await page.keyboard.press('j');
    await page.waitForURL((url) => url.pathname === firstTwo[1]);
    await page.keyboard.press('k');
    await page.waitForURL((url) => url.pathname === firstTwo[0]);

    // A scenario's matrix across models; the models page with trait means.
    await page.goto(`${server.url}/models`);
    await page.locator('table.matrix tbody tr').first().waitFor();
    expect(await page.locator('table.matrix tbody tr').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: screenshotPath('spiral-10-models') });
  });

  test('imported pairwise verdicts (MT-Bench, hh-rlhf) show on the scenario page and beside each transcript', async () => {
    const fixtures = path.join(repoRoot, 'tests/fixtures/import');
    const summaryTitle = () => page.locator('.import-summary h2').textContent();
    const mtbench = ['question.jsonl', 'model_answer/model-a.jsonl', 'model_answer/model-b.jsonl', 'model_judgment/judge_pair.jsonl', 'model_judgment/judge_single.jsonl'];
    await page.goto(`${server.url}/upload`);
    await page.getByRole('heading', { name: 'Upload' }).waitFor();
    await dropFiles(
      page,
      mtbench.map((f) => ({ name: path.basename(f), bytes: readFileSync(path.join(fixtures, 'mtbench', f)) })),
    );
    await page.getByRole('button', { name: `Upload ${mtbench.length} files` }).click();
    await expect.poll(summaryTitle).toBe('Imported (mtbench)');

    // Question 1: the judge preferred model-a in both orders, and so did MT-Bench's verdict from the two.
    await page.goto(`${server.url}/scenarios/${encodeURIComponent('mtbench/1')}`);
    const verdicts = page.getByRole('region', { name: 'Pairwise verdicts' });
    await verdicts.locator('.verdict').first().waitFor();
    expect(await verdicts.locator('.verdict').count()).toBe(3);
    expect(await verdicts.locator('.verdict-count').textContent()).toBe('3 verdicts');
    expect(new Set(await verdicts.locator('.verdict-line').allTextContents())).toEqual(new Set(['model-a · sample 0 won over model-b · sample 0']));
    expect((await verdicts.locator('.verdict-trait').allTextContents()).sort()).toEqual(['MT-Bench pairwise (both orders)', 'MT-Bench pairwise (per order)', 'MT-Bench pairwise (per order)']);
    // The second game showed model-b first; its rationale is folded until asked for.
    const swapped = verdicts.locator('.verdict').filter({ hasText: 'model-b · sample 0 shown first' });
    expect(await swapped.count()).toBe(1);
    expect(await swapped.locator('.verdict-meta').textContent()).toContain('judge-x/pair-v2');
    const rationale = swapped.locator('details.verdict-rationale');
    expect(await rationale.getAttribute('open')).toBeNull();
    await rationale.locator('summary').click();
    expect(await rationale.locator('.rationale').textContent()).toBe('B is better. [[B]]');
    const pair = await apiGet<{ items: { a: { transcriptId: string }; b: { transcriptId: string } }[] }>(server, `/api/v1/comparisons?scenario=${encodeURIComponent('mtbench/1')}`);
    const [idA, idB] = [pair.items[0]?.a.transcriptId ?? '', pair.items[0]?.b.transcriptId ?? ''];
    expect(await swapped.getByRole('link', { name: 'compare' }).getAttribute('href')).toBe(`/compare?ids=${idA},${idB}`);
    await page.screenshot({ path: screenshotPath('verdicts-1-mtbench-scenario'), fullPage: true });

    // The loser's reader tells each verdict from its side, linking to the winner.
    await swapped.getByRole('link', { name: 'model-b · sample 0' }).click();
    await page.waitForURL(new RegExp(`/transcripts/${idB}$`));
    const own = page.getByRole('region', { name: 'Pairwise verdicts' });
    await own.locator('.verdict').first().waitFor();
    expect(await own.locator('.verdict-outcome').allTextContents()).toEqual(['Lost to', 'Lost to', 'Lost to']);
    // The combined verdict was made from both orders: no one order was shown, and the page does not pretend.
    expect((await own.locator('.verdict-meta').allTextContents()).map((m) => m.split(' · ')[0]).sort()).toEqual(['order shown not recorded', 'shown first', 'shown second']);
    expect(await own.locator('.verdict-line a').first().getAttribute('href')).toBe(`/transcripts/${idA}`);
    await page.screenshot({ path: screenshotPath('verdicts-2-mtbench-transcript') });

    // hh-rlhf: a crowdworker's preference, with no rationale to fold.
    await page.goto(`${server.url}/upload`);
    await dropFiles(page, [{ name: 'hh-rlhf.jsonl', bytes: readFileSync(path.join(fixtures, 'hh-rlhf.jsonl')) }]);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect.poll(summaryTitle).toBe('Imported (hh-rlhf)');
    const human = await apiGet<{ items: { scenario: string }[] }>(server, '/api/v1/comparisons?source=human');
    expect(human.items.length).toBe(3);
    await page.goto(`${server.url}/scenarios/${encodeURIComponent(human.items[0]?.scenario ?? '')}`);
    const hh = page.getByRole('region', { name: 'Pairwise verdicts' }).locator('.verdict');
    await hh.first().waitFor();
    expect(await hh.count()).toBe(1);
    expect(await hh.locator('.verdict-line').textContent()).toBe('hh-rlhf · sample 0 won over hh-rlhf · sample 1');
    expect(await hh.locator('.source').textContent()).toBe('human');
    expect(await hh.locator('.verdict-meta').textContent()).toContain('hh-rlhf crowdworker');
    expect(await hh.locator('.verdict-meta').textContent()).toContain('order shown not recorded');
    expect(await hh.locator('details').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('verdicts-3-hh-rlhf-scenario') });
  });
});
