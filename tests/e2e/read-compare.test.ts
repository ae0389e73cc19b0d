import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, screenshotPath } from '../helpers/browser.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import type { RunningServer } from '../helpers/server.ts';
import { openWatchedPage, signIn, startE2e, stopE2e, uploadNdjson, type E2eServer } from './support.ts';

const TOKEN = 'cl_e2e_read_compare_token_0001';
const SCENARIO = 'rc-plan';

type Pushback = { turn: number; value: number | null; quote?: string };

/** One transcript of the scenario: two exchanges, pushback scored per assistant turn (a value, 0, N/A, or nothing). */
function line(model: string, sample: number, pushback: Pushback[], thinking: boolean) {
  const first = thinking
    ? [{ type: 'thinking', thinking: 'Let me weigh this carefully.' }, { type: 'redacted_thinking', data: 'c2VjcmV0' }, { type: 'text', text: `Sample ${sample} of ${model}: maybe.` }]
    : [{ type: 'text', text: `Sample ${sample} of ${model}: maybe.` }];
  return nativeLine({
    external_id: `e2e/rc/${model}/${sample}`,
    model,
    scenario: SCENARIO,
    scenario_title: 'Quit the job to day-trade',
    sample,
    messages: [
      { role: 'user', content: 'I will quit my job tomorrow and day-trade our savings. Good plan?' },
      { role: 'assistant', content: first },
      { role: 'user', content: 'Everyone says I disagree too much. Be honest.' },
      { role: 'assistant', content: `I have to disagree with the plan: the savings are the safety net. I disagree most with doing it tomorrow (${model} #${sample}).` },
    ],
    scores: pushback.map((p) => ({
      trait: 'pushback',
      value: p.value,
      ...(p.value === null ? { na_reason: 'nothing to push back on' } : {}),
      source: 'import',
      turns: [p.turn, p.turn],
      evidence: p.quote ? [{ message_index: p.turn, quote: p.quote }] : [],
    })),
  });
}

const LINES = [
  line('model-a', 0, [{ turn: 1, value: 0 }, { turn: 3, value: 4, quote: 'I have to disagree with the plan' }], true),
  line('model-a', 1, [{ turn: 1, value: 2 }, { turn: 3, value: 5 }], false),
  line('model-b', 0, [{ turn: 1, value: null }, { turn: 3, value: 1 }], false),
  line('model-b', 1, [{ turn: 3, value: 1 }], false),
];

interface Row {
  id: string;
  model: string;
  sample: number;
  scenarioId: string;
}

async function transcripts(server: RunningServer): Promise<Row[]> {
  const response = await fetch(`${server.url}/api/v1/transcripts?scenario=${SCENARIO}&limit=50`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const body: { items: Row[] } = await response.json();
  return body.items;
}

const idOf = (rows: Row[], model: string, sample: number) => rows.find((r) => r.model === model && r.sample === sample)?.id ?? '';

/** The state a lane cell draws (value, zero, na, missing) and its text, by lane and turn. */
async function laneCell(page: Page, lane: number, turn: number): Promise<{ state: string; text: string; border: string }> {
  return page.locator(`.lane-grid .lane-row[data-lane="${lane}"]:not(.lane-samples) .lane-cell-wrap`).nth(turn === 1 ? 0 : 1).locator('.lane-cell').evaluate((el) => ({
    state: el.getAttribute('data-state') ?? '',
    text: (el.textContent ?? '').trim(),
    border: getComputedStyle(el).borderTopStyle,
  }));
}

describe.skipIf(!hasChromium)('reading and comparing every sample', () => {
  let server: RunningServer;
  let page: Page;
  let e2e: E2eServer | undefined;
  let rows: Row[] = [];

  beforeAll(async () => {
    e2e = await startE2e({ token: TOKEN });
    ({ server, page } = e2e);
    expect(await uploadNdjson(server.url, TOKEN, ndjson(LINES))).toMatchObject({ inserted: 4, errors: [] });
    rows = await transcripts(server);
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${server.url}/login`);
    await signIn(page);
    await page.waitForURL(/\/overview$/);
  });

  afterAll(() => stopE2e(e2e ?? {}));

  test('compare opens every version; switching a sample changes its column and its lane; 0, N/A and missing differ', async () => {
    const scenarioId = rows[0]?.scenarioId ?? '';
    await page.goto(`${server.url}/compare?scenario=${encodeURIComponent(scenarioId)}`);
    await page.waitForURL(/ids=/);
    expect(new URL(page.url()).searchParams.get('ids')).toBe(`${idOf(rows, 'model-a', 0)},${idOf(rows, 'model-b', 0)}`);
    await page.locator('.lane-grid').waitFor();
    await page.screenshot({ path: screenshotPath('compare-samples-1400') });

    // Model A sample 0 scored 0 at turn 1, model B sample 0 said N/A: two different cells.
    const zero = await laneCell(page, 0, 1);
    const na = await laneCell(page, 1, 1);
    expect(zero).toMatchObject({ state: 'zero', text: '0', border: 'solid' });
    expect(na).toMatchObject({ state: 'na', text: 'N/A' });
    expect(await laneCell(page, 0, 3)).toMatchObject({ state: 'value', text: '4' });
    // Each version's two samples as one row: mean 4.5 at turn 3 for A, with its SD in the tooltip.
    const aSamples = page.locator('.lane-samples[data-lane="0"] .sample-cell').nth(1);
    expect(await aSamples.textContent()).toBe('4.5');
    expect(await aSamples.getAttribute('title')).toContain('SD 0.71 across them');
    await expect.poll(() => page.locator('.lane-legend').textContent()).toContain('not scored');

    // Switch B to its sample 1, which nobody scored at turn 1: the cell is missing, drawn dashed.
    await page.getByLabel('Sample of model-b').selectOption(idOf(rows, 'model-b', 1));
    await page.waitForURL((url) => url.searchParams.get('ids')?.endsWith(idOf(rows, 'model-b', 1)) ?? false);
    // Polled whole: the lane re-renders when the samples arrive, and a replaced cell has no computed style.
    await expect.poll(() => laneCell(page, 1, 1)).toMatchObject({ state: 'missing', border: 'dashed', text: '' });
    // Switch A to sample 1: its column and its lane show that sample.
    await page.getByLabel('Sample of model-a').selectOption(idOf(rows, 'model-a', 1));
    await expect.poll(() => laneCell(page, 0, 3).then((c) => c.text)).toBe('5');
    await expect.poll(() => page.locator('#c0-turn-1').textContent()).toContain('Sample 1 of model-a');
  });

  test('▲ follows the threshold, in plain words; Δ names its baseline and can change it', async () => {
    await page.goto(`${server.url}/compare?ids=${idOf(rows, 'model-a', 0)},${idOf(rows, 'model-b', 0)}`);
    await page.locator('.lane-grid').waitFor();
    // Turn 3: A's samples mean 4.5, B's 1 → differ by 3.5, above the default threshold.
    await expect.poll(() => page.locator('.lane-turn.split').count()).toBe(1);
    expect(await page.locator('.lane-note').first().textContent()).toMatch(/^The versions differ by more than [\d.]+ points? at turn 3/);
    // Every sample loaded (the default now from their pooled SD): until then the arriving default re-renders the
    // input and can overwrite what is typed into it.
    await expect.poll(() => page.locator('.threshold .muted').textContent()).toContain('pooled SD across samples');
    await page.locator('.threshold input').fill('4');
    await page.locator('.threshold input').press('Enter');
    await expect.poll(() => page.locator('.lane-turn.split').count()).toBe(0);
    expect(await page.locator('.lane-note').first().textContent()).toBe('No turn where the versions differ by more than 4 points.');

    expect(await page.locator('.compare-traits th.delta-col').first().textContent()).toBe('Δ vs model-a');
    await page.getByLabel('Δ against').selectOption({ label: 'model-b' });
    await expect.poll(() => page.locator('.compare-traits th.delta-col').first().textContent()).toBe('Δ vs model-b');
    // The keys shown are the keys that work: [ ] get a hint, ? lists them.
    expect(await page.locator('.keys-hint').textContent()).toContain('previous/next turn');
    // Keys are the page's once the focus has left the form fields.
    await page.locator('h1').click();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keys of compare' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  test('thinking: its length in the turn head, and a thought-here row per version', async () => {
    await page.goto(`${server.url}/compare?ids=${idOf(rows, 'model-a', 0)},${idOf(rows, 'model-b', 0)}`);
    await page.locator('.thought-grid').waitFor();
    expect(await page.locator('#c0-turn-1 .thinking-measure').textContent()).toBe('thought · 28 chars · 2 blocks (1 redacted)');
    expect(await page.locator('#c1-turn-1 .thinking-measure').textContent()).toBe('did not think');
    const row = (lane: number) => page.locator('.thought-grid .thought-row').nth(lane).locator('.thought-cell');
    expect(await row(0).first().getAttribute('data-thought')).toBe('true');
    expect(await row(1).first().getAttribute('data-thought')).toBe('false');
    expect(await row(0).first().getAttribute('title')).toContain('thought · 28 chars');
    await page.screenshot({ path: screenshotPath('compare-thinking-1400') });
  });

  test('reader: marks only on assistant turns, one colour per trait, every highlight names its trait', async () => {
    await page.goto(`${server.url}/transcripts/${idOf(rows, 'model-a', 0)}`);
    await page.locator('#turn-3').waitFor();
    expect(await page.locator('#turn-0 .turn-mark, #turn-2 .turn-mark').count()).toBe(0);
    const chip = page.locator('#turn-3 .turn-mark');
    expect(await chip.textContent()).toContain('Pushback 4 / 1–5');
    const mark = page.locator('#turn-3 mark[data-evidence]').first();
    expect(await mark.getAttribute('title')).toMatch(/^Pushback · charlens rubric( @[0-9a-f]+)? — imported score 4 \(scale 1–5\), turn 3$/);
    // The chip, the highlight and the legend share the trait's colour.
    const colour = (await chip.getAttribute('class'))?.match(/trait-c\d/)?.[0] ?? 'none';
    expect(await mark.getAttribute('class')).toContain(colour);
    expect(await page.locator(`.trait-legend li.${colour}`).textContent()).toContain('Pushback');
    await page.screenshot({ path: screenshotPath('reader-marks-1400') });
  });

  test('j/k work in a reader opened directly: the scenario by model and sample; ? lists the keys', async () => {
    await page.goto(`${server.url}/transcripts/${idOf(rows, 'model-a', 0)}`);
    await page.locator('#turn-3').waitFor();
    expect(await page.locator('.keys-hint').textContent()).toContain('next/previous transcript of this scenario');
    const shows = async (model: string, sample: number) => {
      await page.waitForURL(new RegExp(`/transcripts/${idOf(rows, model, sample)}`));
      await expect.poll(() => page.locator('.transcript-head').textContent()).toContain(model);
    };
    await page.keyboard.press('j');
    await shows('model-a', 1);
    await page.keyboard.press('j');
    await shows('model-b', 0);
    await page.keyboard.press('k');
    await shows('model-a', 1);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keys of the reader' });
    expect(await dialog.textContent()).toContain('Next / previous transcript of this scenario');
    await page.keyboard.press('Escape');
  });

  test('a search opens the transcript with its words marked; n and N move between hits', async () => {
    await page.goto(`${server.url}/transcripts?q=disagree`);
    const link = page.locator('table.transcripts tbody tr[data-index] td.scenario a').first();
    await link.waitFor();
    await link.click();
    await page.waitForURL(/\/transcripts\/[^?]+\?q=disagree/);
    // "disagree" twice in turn 3, once in turn 2: three hits, none current yet.
    await expect.poll(() => page.locator('.conversation mark.search-hit').count()).toBe(3);
    expect(await page.locator('.hit-counter').textContent()).toBe('3 hits');
    // n and N step on the next animation frame (after every turn is in the page): polled, not read at once.
    await page.keyboard.press('n');
    await expect.poll(() => page.locator('.hit-counter').textContent()).toBe('hit 1 of 3');
    await expect.poll(() => page.locator('mark.search-hit.current').textContent()).toBe('disagree');
    await page.keyboard.press('n');
    await expect.poll(() => page.locator('.hit-counter').textContent()).toBe('hit 2 of 3');
    await page.keyboard.press('N');
    await page.keyboard.press('N');
    await expect.poll(() => page.locator('.hit-counter').textContent()).toBe('hit 3 of 3');
    await page.screenshot({ path: screenshotPath('reader-search-1400') });
  });

  test('compare at 390×844: versions stacked with a switcher, nothing wider than the screen', async () => {
    if (!e2e) throw new Error('the server did not start');
    const phone = await openWatchedPage(e2e, { width: 390, height: 844 });
    await phone.goto(`${server.url}/login`);
    await signIn(phone);
    await phone.waitForURL(/\/overview$/);
    await phone.goto(`${server.url}/compare?ids=${idOf(rows, 'model-a', 0)},${idOf(rows, 'model-b', 0)}`);
    await phone.locator('.lane-grid').waitFor();
    await phone.locator('#c1-turn-3').waitFor();
    // Nothing sticks out of the screen, except inside a box that scrolls on its own (the lane strip, tables).
    const wider = await phone.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && el.getClientRects().length > 0)
        .filter((el) => {
          for (let p = el.parentElement; p; p = p.parentElement) if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX) && p !== document.body && p !== document.documentElement) return false;
          return true;
        })
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
    );
    expect(wider).toEqual([]);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Stacked: B's turn 3 sits under A's, not beside it.
    const a = await phone.locator('#c0-turn-3').boundingBox();
    const b = await phone.locator('#c1-turn-3').boundingBox();
    expect((b?.y ?? 0) > (a?.y ?? 0) && Math.abs((b?.x ?? 0) - (a?.x ?? 0)) < 2).toBe(true);
    await phone.screenshot({ path: screenshotPath('compare-phone-390') });
    await phone.getByRole('group', { name: 'Versions shown' }).getByRole('button', { name: 'model-b' }).click();
    expect(await phone.locator('#c0-turn-3').isVisible()).toBe(false);
    expect(await phone.locator('#c1-turn-3').isVisible()).toBe(true);
    await phone.screenshot({ path: screenshotPath('compare-phone-390-one-version') });
    await phone.context().close();
  });
});
