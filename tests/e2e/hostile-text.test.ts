import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, screenshotPath } from '../helpers/browser.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import { startCharlens, type RunningServer } from '../helpers/server.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ensureWebBuilt, openBrowser, signIn, tempDatabase, uploadNdjson } from './support.ts';

const TOKEN = 'cl_e2e_hostile_text_token_0001';
const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

describe.skipIf(!hasChromium)('transcript text is data, never markup', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let database: ReturnType<typeof tempDatabase>;

  beforeAll(async () => {
    ensureWebBuilt();
    database = tempDatabase();
    server = await startCharlens({
      DATABASE_URL: database.url,
      CHARLENS_INIT_ADMIN_EMAIL: ADMIN_EMAIL,
      CHARLENS_INIT_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CHARLENS_INIT_API_TOKEN: TOKEN,
    });
    ({ browser, page } = await openBrowser());
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    database?.cleanup();
  });

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
    await page.waitForURL(/\/transcripts$/);
    const row = page.locator('table.transcripts tbody tr').first();
    await row.waitFor();
    expect(await row.locator('.tag').textContent()).toBe('<b>tag</b>');
    await row.getByRole('link', { name: 'hostile-markup' }).click();
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
});
