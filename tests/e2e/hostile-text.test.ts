import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, screenshotPath } from '../helpers/browser.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import type { RunningServer } from '../helpers/server.ts';
import { signIn, uploadNdjson, startE2e, stopE2e, type E2eServer } from './support.ts';

const TOKEN = 'cl_e2e_hostile_text_token_0001';
const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

describe.skipIf(!hasChromium)('transcript text is data, never markup', () => {
  let server: RunningServer;
  let page: Page;
  // The whole handle goes to stopE2e: it fails the suite on any CSP refusal or contract violation the page saw.
  let e2e: E2eServer | undefined;

  beforeAll(async () => {
    e2e = await startE2e({ token: TOKEN });
    ({ server, page } = e2e);
  });

  afterAll(() => stopE2e(e2e ?? {}));

  test('markup in every text field shows as visible text and runs nothing', async () => {
    const hostile = nativeLine({
      external_id: 'e2e/hostile/0',
      model: 'model-hostile',
      scenario: 'hostile-markup',
      scenario_title: `Title ${HOSTILE}`,
      system: `System ${HOSTILE}`,
      tags: ['<b>tag</b>'],
      messages: [
        { role: 'user', content: HOSTILE },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: `Thinking ${HOSTILE}` },
            { type: 'text', text: HOSTILE },
            { type: 'tool_use', id: 'toolu_x', name: `<i>tool</i>`, input: { html: HOSTILE } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: HOSTILE }] },
      ],
      scores: [{ trait: 'pushback', value: 1, source: 'import', rationale: `Because ${HOSTILE}`, evidence: [{ message_index: 0, quote: HOSTILE }] }],
    });
    expect(await uploadNdjson(server.url, TOKEN, ndjson([hostile]))).toMatchObject({ inserted: 1, errors: [] });

    await page.goto(`${server.url}/login`);
    await signIn(page);
    // Researchers start at the overview; the list is one click away in the top bar.
    await page.waitForURL(/\/overview$/);
    await page.getByRole('banner').getByRole('link', { name: 'Transcripts' }).click();
    await page.waitForURL(/\/transcripts$/);
    const row = page.locator('table.transcripts tbody tr[data-index]').first();
    await row.waitFor();
    expect(await row.locator('.tag').textContent()).toBe('<b>tag</b>');
    await row.locator('td.scenario a').click();
    await page.getByRole('heading', { name: `Title ${HOSTILE}` }).waitFor();
    await page.locator('#turn-1 details.thinking summary').click();

    expect(await page.locator('#turn-0 .text').textContent()).toBe(HOSTILE);
    expect(await page.locator('#turn-0 .text').isVisible()).toBe(true);
    expect(await page.locator('#turn-1 > .text').textContent()).toBe(HOSTILE);
    expect(await page.locator('#turn-2 .tool-result .text').textContent()).toBe(HOSTILE);
    expect(await page.locator('.system-prompt .text').textContent()).toBe(`System ${HOSTILE}`);
    expect(await page.locator('.evidence blockquote').textContent()).toBe(HOSTILE);
    // Nothing from the transcript became an element: no img, script, b or i anywhere in the page body.
    expect(await page.locator('main img, main script, main b, main i').count()).toBe(0);
    // Give a stray image error handler time to fire before concluding it did not.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => Reflect.get(window, '__pwned'))).toBeUndefined();
    await page.screenshot({ path: screenshotPath('hostile-1-transcript'), fullPage: true });
  });

  test('hostile Markdown renders as harmless text and links: no script URL, no raw HTML, no image load', async () => {
    const markdown = [
      '# Heading',
      '[click me](javascript:window.__pwned=3) and [data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD00PC9zY3JpcHQ+)',
      '<a href="javascript:window.__pwned=5">raw anchor</a> <img src=x onerror="window.__pwned=6">',
      '![pic](x" onerror="window.__pwned=7) ![pic2](javascript:window.__pwned=8)',
      '<iframe src="javascript:window.__pwned=9"></iframe>',
      '<javascript:window.__pwned=10>',
      '[safe](https://example.com/docs)',
      '```html\n<script>window.__pwned=11</script>\n```',
    ].join('\n\n');
    const line = nativeLine({
      external_id: 'e2e/hostile-markdown/0',
      model: 'model-hostile',
      scenario: 'hostile-markdown',
      scenario_title: 'Hostile markdown',
      messages: [
        { role: 'user', content: 'Show me links.' },
        { role: 'assistant', content: markdown },
      ],
    });
    expect(await uploadNdjson(server.url, TOKEN, ndjson([line]))).toMatchObject({ inserted: 1, errors: [] });
    await page.goto(`${server.url}/transcripts?scenario=hostile-markdown`);
    await page.locator('table.transcripts tbody tr[data-index] td.scenario a').first().click();
    await page.getByRole('heading', { name: 'Hostile markdown' }).waitFor();
    const turn = page.locator('#turn-1');
    await turn.waitFor();

    // Markdown did render: a heading, a code block, a safe link that opens elsewhere without a referrer.
    expect(await turn.locator('h4').textContent()).toBe('Heading');
    expect(await turn.locator('pre code').textContent()).toBe('<script>window.__pwned=11</script>');
    const safe = turn.getByRole('link', { name: 'safe' });
    expect(await safe.getAttribute('href')).toBe('https://example.com/docs');
    expect(await safe.getAttribute('rel')).toBe('noopener noreferrer nofollow');

    // Every link left in the turn is http(s) or mailto; nothing became an img, iframe, script or raw anchor.
    const hrefs = await turn.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href, href).toMatch(/^(https?:|mailto:|#)/);
    expect(await page.locator('main img, main iframe, main script, main object, main embed').count()).toBe(0);
    // The raw HTML is there as text, for the reader to see.
    expect(await turn.textContent()).toContain('<a href="javascript:window.__pwned=5">raw anchor</a>');
    expect(await turn.textContent()).toContain('<img src=x onerror="window.__pwned=6">');

    // Clicking what was meant to be a script link runs nothing.
    await turn.getByText('click me').click();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => Reflect.get(window, '__pwned'))).toBeUndefined();
    expect(page.url()).toContain('/transcripts/');
    await page.screenshot({ path: screenshotPath('hostile-2-markdown'), fullPage: true });
  });

  test('bidi overrides and zero-width characters show as marked placeholders and reorder nothing, in reader and compare', async () => {
    // An RLO would show "txt.exe" for "exe.txt" and flip the labels after it; a ZWSP hides inside a word.
    const sneaky = 'Open \u202Eexe.txt\u202C now, pass\u200Bword, and \u2067right\u2069 to left.';
    const lines = ['model-bidi-a', 'model-bidi-b'].map((model) =>
      nativeLine({
        external_id: `e2e/hostile-bidi/${model}`,
        model,
        scenario: 'hostile-bidi',
        scenario_title: 'Hostile bidi',
        messages: [
          { role: 'user', content: sneaky },
          { role: 'assistant', content: [{ type: 'thinking', thinking: `Thinking ${sneaky}` }, { type: 'text', text: `Reply ${sneaky}` }] },
        ],
        scores: [{ trait: 'pushback', value: 2, source: 'import', turns: [1, 1], evidence: [{ message_index: 1, quote: `Reply ${sneaky}` }] }],
      }),
    );
    expect(await uploadNdjson(server.url, TOKEN, ndjson(lines))).toMatchObject({ inserted: 2, errors: [] });
    const ids: string[] = (
      await (await fetch(`${server.url}/api/v1/transcripts?q=pass&limit=10`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()
    ).items.filter((t: { model: string }) => t.model.startsWith('model-bidi')).map((t: { id: string }) => t.id);
    expect(ids).toHaveLength(2);

    const check = async (turnPrefix: string) => {
      const user = page.locator(`#${turnPrefix}turn-0`);
      await user.waitFor();
      // Each character is shown as a placeholder naming it, and stays in the text exactly as uploaded.
      const names = await user.locator('.invisible-char').evaluateAll((els) => els.map((e) => e.getAttribute('data-char')));
      expect(names).toEqual(['RLO', 'PDF', 'ZWSP', 'RLI', 'PDI']);
      const drawn = await user.locator('.invisible-char').first().evaluate((e) => getComputedStyle(e, '::before').content);
      expect(drawn).toBe('"RLO"');
      expect(await user.locator('.invisible-char').first().getAttribute('title')).toContain('U+202E right-to-left override');
      expect(await user.locator('.text').getAttribute('dir')).toBe('auto');
      expect(await user.locator('.text').textContent()).toBe(sneaky);
      // Nothing after the override is reversed: "now," is drawn to the right of "exe.txt", and the turn's head
      // reads left to right, #0 before its role.
      const box = (text: string) => user.locator('.text').evaluate((el, t) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = n.textContent?.indexOf(t) ?? -1;
          if (at >= 0) {
            const range = document.createRange();
            range.setStart(n, at);
            range.setEnd(n, at + t.length);
            return range.getBoundingClientRect().x;
          }
        }
        return -1;
      }, text);
      expect(await box('exe.txt')).toBeLessThan(await box(' now'));
      const link = await user.locator('.turn-link').boundingBox();
      const role = await user.locator('.role').boundingBox();
      expect((link?.x ?? 0) < (role?.x ?? 0)).toBe(true);
    };

    await page.goto(`${server.url}/transcripts/${ids[0]}`);
    await check('');
    // Thinking and evidence get the same treatment.
    await page.locator('#turn-1 details.thinking summary').click();
    expect(await page.locator('#turn-1 details.thinking .invisible-char').count()).toBe(5);
    expect(await page.locator('#turn-1 details.thinking .text').getAttribute('dir')).toBe('auto');
    expect(await page.locator('.evidence blockquote .invisible-char').count()).toBe(5);
    // The quote is still found and highlighted across the characters.
    expect(await page.locator('#turn-1 mark[data-evidence]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('hostile-3-bidi-reader') });

    await page.goto(`${server.url}/compare?ids=${ids.join(',')}`);
    await check('c0-');
    expect(await page.locator('#c1-turn-0 .invisible-char').count()).toBe(5);
    await page.screenshot({ path: screenshotPath('hostile-4-bidi-compare') });
  });
});
