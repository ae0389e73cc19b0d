import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, screenshotPath } from '../helpers/browser.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import { signIn, startE2e, stopE2e, uploadNdjson, type E2eServer } from './support.ts';

const TOKEN = 'cl_e2e_long_lines_token_0001';
const LINE_CHARS = 1_000_000;

/** One line of a million characters and no space: nothing for the browser to wrap at but the box's edge. */
const LONG_LINE = 'x'.repeat(LINE_CHARS);

/** Markup and tricks a transcript may carry; every one of them must arrive as visible text and run nothing. */
const HOSTILE = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '[click me](javascript:window.__pwned="link") <a href="javascript:window.__pwned=\'anchor\'">raw anchor</a>',
  '<svg onload="window.__pwned=\'svg\'"><circle r="40"/></svg>',
  '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe> <iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<div style="position:fixed;inset:0;background:red" onclick="window.__pwned=\'div\'">raw html</div>',
  'RTL override: \u202Egnp.exe\u202C and isolate \u2067abc\u2069',
  'zero\u200Bwidth\u200Cjoin\u200Dand\uFEFFbom',
  'NUL: a\u0000b',
].join('\n\n');

function transcript(model: string, extra: string) {
  return nativeLine({
    external_id: `e2e/long-lines/${model}`,
    model,
    scenario: 'long-lines',
    scenario_title: 'A million characters on one line',
    messages: [
      { role: 'user', content: `Repeat after me.\n\n${HOSTILE}` },
      // In a paragraph: wrapped at the column's edge.
      { role: 'assistant', content: `Start ${LONG_LINE} end ${extra}` },
      { role: 'user', content: 'Now as code.' },
      // In a code block, where lines are not wrapped: the block scrolls sideways inside its turn.
      { role: 'assistant', content: [{ type: 'text', text: `\`\`\`\n${LONG_LINE}\n\`\`\`` }, { type: 'tool_use', id: 'toolu_long', name: 'echo', input: { line: LONG_LINE } }] },
    ],
  });
}

describe.skipIf(!hasChromium)('a 1,000,000-character line in the reader and the compare view', () => {
  let e2e: E2eServer;
  let page: Page;
  const dialogs: string[] = [];
  let ids: string[] = [];

  beforeAll(async () => {
    e2e = await startE2e({ token: TOKEN });
    page = e2e.page;
    // An alert() or confirm() from the transcript would be a script that ran: record it, then get it out of the way.
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    expect(await uploadNdjson(e2e.server.url, TOKEN, ndjson([transcript('model-long-a', 'from a'), transcript('model-long-b', 'from b')]))).toMatchObject({ inserted: 2, errors: [] });
    const list = await fetch(`${e2e.server.url}/api/v1/transcripts?scenario=long-lines`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body: { items: { id: string; model: string }[] } = await list.json();
    // Column order as the compare link gives it: model a, then model b.
    ids = ['model-long-a', 'model-long-b'].map((model) => body.items.find((t) => t.model === model)?.id ?? '');
    expect(ids.every(Boolean)).toBe(true);
    await page.goto(`${e2e.server.url}/login`);
    await signIn(page);
    // Researchers start at the overview; the list is one click away in the top bar.
    await page.waitForURL(/\/overview$/);
    await page.getByRole('banner').getByRole('link', { name: 'Transcripts' }).click();
    await page.waitForURL(/\/transcripts$/);
  });

  afterAll(() => stopE2e(e2e));

  /** Nothing from the transcripts became an element or ran. */
  async function expectNothingRan(): Promise<void> {
    // Time for a stray onerror or onload to fire before concluding that none did.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => Reflect.get(window, '__pwned'))).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('main img, main script, main svg, main iframe, main object, main embed, main [onerror], main [onload], main [onclick]').count()).toBe(0);
    const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href, href).not.toMatch(/^\s*javascript:/i);
  }

  /** Every turn fits its column and the page does not scroll sideways; a code line scrolls inside its own block. */
  async function expectBounded(turnSelector: string, maxTurnWidth: number): Promise<void> {
    const sizes = await page.evaluate((selector) => {
      const turns = [...document.querySelectorAll(selector)].map((t) => t.getBoundingClientRect().width);
      const code = document.querySelector(`${selector} pre.md-code`);
      return { pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, turns, codeScrolls: code ? code.scrollWidth > code.clientWidth : false };
    }, turnSelector);
    expect(sizes.pageOverflow).toBeLessThanOrEqual(0);
    expect(sizes.turns.length).toBeGreaterThan(0);
    for (const width of sizes.turns) expect(width).toBeLessThanOrEqual(maxTurnWidth);
    expect(sizes.codeScrolls).toBe(true);
  }

  /** A click answers at once: the tab is alive and not stuck in layout. */
  async function expectResponsive(click: () => Promise<void>, then: () => Promise<unknown>): Promise<void> {
    const started = Date.now();
    await click();
    await then();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(1))))).toBe(1);
  }

  test('the reader shows the whole line, wrapped in its turn, and stays responsive', async () => {
    await page.goto(`${e2e.server.url}/transcripts/${ids[0]}`);
    await page.getByRole('heading', { name: 'A million characters on one line' }).waitFor();
    const longTurn = page.locator('#turn-1 .text');
    await longTurn.waitFor();
    expect(await longTurn.isVisible()).toBe(true);
    const text = (await longTurn.textContent()) ?? '';
    expect(text.length).toBeGreaterThanOrEqual(LINE_CHARS);
    expect(text.startsWith('Start xxx')).toBe(true);
    expect(text.endsWith('end from a')).toBe(true);
    // The hostile turn is there as text, every piece of it.
    const hostile = (await page.locator('#turn-0').textContent()) ?? '';
    for (const piece of ['<script>window.__pwned = "script"</script>', '<svg onload=', '<iframe src="javascript:', 'raw html</div>', '\u202Egnp.exe', 'zero\u200Bwidth', 'a\u0000b']) expect(hostile).toContain(piece);
    await expectNothingRan();
    await expectBounded('.conversation .message', 1280);
    await page.screenshot({ path: screenshotPath('long-lines-1-reader') });
    await page.locator('#turn-3').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('long-lines-1-reader-code') });

    await expectResponsive(
      () => page.locator('#turn-3 .turn-link').click(),
      () => page.waitForURL(/#turn-3$/),
    );
    await page.getByText('click me').click();
    await expectNothingRan();
    expect(page.url()).toContain(`/transcripts/${ids[0]}`);
  });

  test('the compare view puts both long transcripts side by side, each line inside its column, and stays responsive', async () => {
    await page.goto(`${e2e.server.url}/compare?ids=${ids.join(',')}`);
    await page.getByRole('heading', { name: 'A million characters on one line' }).waitFor();
    const first = page.locator('#c0-turn-1 .text');
    const second = page.locator('#c1-turn-1 .text');
    await first.waitFor();
    await second.waitFor();
    expect(await first.isVisible()).toBe(true);
    expect(await second.isVisible()).toBe(true);
    for (const column of [first, second]) expect(((await column.textContent()) ?? '').length).toBeGreaterThanOrEqual(LINE_CHARS);
    await page.locator('#c1-turn-3 pre.md-code').waitFor();
    await expectNothingRan();
    // Two columns side by side: each turn within half the window.
    await expectBounded('.compare-columns .message', 1280 / 2);
    await page.screenshot({ path: screenshotPath('long-lines-2-compare') });
    await page.locator('#c0-turn-3').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('long-lines-2-compare-code') });

    // Turning synchronized scrolling off re-lays out both columns: it must come back at once, still bounded.
    await expectResponsive(
      () => page.getByLabel('Synchronized scrolling').uncheck(),
      () => page.waitForURL(/sync=off/),
    );
    await page.locator('.compare-columns.free #c1-turn-3').waitFor();
    await expectBounded('.compare-columns .message', 1280 / 2);
    await page.mouse.wheel(0, 4000);
    await expectResponsive(
      () => page.getByLabel('Synchronized scrolling').check(),
      () => page.waitForURL((url) => !url.search.includes('sync=off')),
    );
    await expectNothingRan();
    await page.screenshot({ path: screenshotPath('long-lines-3-compare-after-clicks') });
  });
});
