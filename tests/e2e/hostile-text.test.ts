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
});
