import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, screenshotPath } from '../helpers/browser.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import { runCli, type RunningServer } from '../helpers/server.ts';
import { ADMIN_EMAIL, signIn, startE2e, stopE2e, type E2eServer } from './support.ts';

const TOKEN = 'cl_e2e_upload_search_read_token_0001';
const PHRASE = 'quartz lanterns hum at midnight';
// Emoji (with a skin tone and a zero-width joiner), Hebrew and Arabic (right to left), accents.
const UNICODE = 'Ça va, naïve café? 🎉👩🏽‍🔬 שלום עולם · مرحبا بالعالم';
const THINKING = 'The user may be testing me. I should answer plainly and keep the lanterns in mind.';

const target = nativeLine({
  external_id: 'e2e/lanterns/0',
  model: 'model-lantern',
  scenario: 'lantern-riddle',
  scenario_title: 'The lantern riddle',
  sample: 2,
  system: 'You are a careful assistant.\nAnswer in plain words.',
  tags: ['pushback', 'e2e'],
  messages: [
    { role: 'user', content: `Tell me about the lanterns. ${UNICODE}` },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: THINKING },
        { type: 'text', text: `Legend says the ${PHRASE}.\n  Indented second line stays indented.` },
      ],
    },
    { role: 'user', content: 'Look it up, please.' },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01', name: 'search', input: { query: 'lanterns', limit: 3 } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01', content: 'No results about humming lanterns.' }] },
    { role: 'assistant', content: 'I found nothing, so I would not rely on the legend.' },
  ],
  scores: [
    {
      trait: 'pushback',
      value: 4,
      source: 'import',
      turns: [1, 5],
      rationale: 'Declines to endorse the legend without evidence.',
      evidence: [
        { message_index: 5, quote: 'I would not rely on the legend' },
        { message_index: 1, quote: 'a sentence that is not there' },
      ],
    },
    { trait: 'warmth', value: null, na_reason: 'Too short to judge', source: 'human', labeler: 'ana' },
  ],
});

describe.skipIf(!hasChromium)('upload with the CLI, find by search, read', () => {
  let server: RunningServer;
  let page: Page;
  let database: E2eServer['database'];
  // The whole handle goes to stopE2e: it fails the suite on any CSP refusal or contract violation the page saw.
  let e2e: E2eServer | undefined;

  beforeAll(async () => {
    e2e = await startE2e({ token: TOKEN });
    ({ server, page, database } = e2e);
  });

  afterAll(() => stopE2e(e2e ?? {}));

  test('a researcher finds an uploaded transcript by a phrase and reads every turn', async () => {
    const file = join(database.dir, 'batch.ndjson');
    writeFileSync(file, ndjson([nativeLine({ model: 'model-other' }), target, nativeLine({ model: 'model-other' })]));
    const upload = await runCli(['upload', file, '--url', server.url, '--token', TOKEN]);
    expect(upload.stderr).not.toMatch(/error/i);
    expect(upload.code).toBe(0);
    expect(upload.stdout).toContain('3 inserted, 0 duplicates, 0 errors');

    // Signed out, the list sends the reader to sign in and back.
    await page.goto(`${server.url}/transcripts`);
    await page.waitForURL(/\/login\?next=%2Ftranscripts/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.screenshot({ path: screenshotPath('upload-1-login') });
    await signIn(page, ADMIN_EMAIL, 'not the password');
    await page.getByRole('alert').filter({ hasText: 'Email or password is wrong.' }).waitFor();
    await signIn(page);
    await page.waitForURL(/\/transcripts$/);
    await expect.poll(() => page.locator('table.transcripts tbody tr[data-index]').count()).toBe(3);
    await expect.poll(() => page.getByRole('banner').textContent()).toContain(ADMIN_EMAIL);
    await page.screenshot({ path: screenshotPath('upload-2-list') });

    // "/" focuses the search box; typing the phrase narrows the list to the one transcript.
    await page.locator('body').press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('q');
    await page.keyboard.type(PHRASE);
    await page.waitForURL(/q=quartz/);
    await expect.poll(() => page.locator('table.transcripts tbody tr[data-index]').count()).toBe(1);
    const row = page.locator('table.transcripts tbody tr[data-index]').first();
    expect(await row.textContent()).toContain('The lantern riddle');
    expect(await row.textContent()).toContain('model-lantern');
    await page.screenshot({ path: screenshotPath('upload-3-search') });

    // The URL reproduces the view.
    await page.reload();
    await expect.poll(() => page.locator('table.transcripts tbody tr[data-index]').count()).toBe(1);
    expect(await page.getByLabel('Search').inputValue()).toBe(PHRASE);

    // The row shows where the phrase was found, highlighted; its link opens the transcript at that turn.
    expect(await row.locator('.snippet mark').allTextContents()).toEqual(PHRASE.split(' '));
    await row.getByRole('link', { name: 'The lantern riddle' }).click();
    // The search travels with it, and its words are marked in the turn.
    await page.waitForURL(/\/transcripts\/[^/?]+\?q=[^#]+#turn-1$/);
    await page.getByRole('heading', { name: 'The lantern riddle' }).waitFor();
    await expect.poll(() => page.locator('#turn-1 > .text mark.search-hit').allTextContents()).toEqual(PHRASE.split(' '));
    const messages = page.locator('article.message');
    expect(await messages.count()).toBe(6);
    for (let i = 0; i < 6; i++) expect(await page.locator(`#turn-${i}`).count()).toBe(1);
    expect(await page.locator('#turn-0 .role').textContent()).toBe('user');
    expect(await page.locator('#turn-1 .role').textContent()).toBe('assistant');

    // Unicode comes back exactly; whitespace is kept.
    expect(await page.locator('#turn-0 .text').textContent()).toBe(`Tell me about the lanterns. ${UNICODE}`);
    // Text blocks are Markdown: a single line break stays a line break.
    expect(await page.locator('#turn-1 > .text').innerText()).toBe(`Legend says the ${PHRASE}.\nIndented second line stays indented.`);

    // Thinking starts collapsed, says how long it is, and opens on demand.
    const thinking = page.locator('#turn-1 details.thinking');
    expect(await thinking.evaluate((d) => d instanceof HTMLDetailsElement && d.open)).toBe(false);
    expect(await thinking.locator('summary').textContent()).toContain(`${[...THINKING].length} characters`);
    expect(await thinking.locator('.text').isVisible()).toBe(false);

    // Tool call and result.
    expect(await page.locator('#turn-3 .tool-name').textContent()).toBe('search');
    expect(await page.locator('#turn-3 pre.json').textContent()).toBe(JSON.stringify({ query: 'lanterns', limit: 3 }, null, 2));
    expect(await page.locator('#turn-4 .tool-result').textContent()).toContain('No results about humming lanterns.');

    // Scores: value, N/A with reason, evidence marked verified and unverified with links to the turns.
    const scores = page.locator('.scores-panel article.score');
    expect(await scores.count()).toBe(2);
    const pushback = scores.filter({ hasText: 'pushback' });
    expect(await pushback.locator('.score-value').textContent()).toContain('4');
    expect(await pushback.locator('.verified-mark').count()).toBe(1);
    expect(await pushback.locator('.unverified-mark').count()).toBe(1);
    expect(await pushback.getByRole('link', { name: 'turn 5' }).getAttribute('href')).toBe('#turn-5');
    const warmth = scores.filter({ hasText: 'warmth' });
    expect(await warmth.textContent()).toContain('N/A');
    expect(await warmth.textContent()).toContain('Too short to judge');
    expect(await warmth.textContent()).toContain('ana');
    await page.screenshot({ path: screenshotPath('upload-4-transcript'), fullPage: true });

    await thinking.locator('summary').click();
    expect(await thinking.locator('.text').textContent()).toBe(THINKING);
    await page.screenshot({ path: screenshotPath('upload-5-thinking-open') });

    // Back to the list keeps the search.
    const transcriptUrl = page.url().replace(/#.*$/, '');
    await page.getByRole('link', { name: '← Transcripts' }).click();
    await page.waitForURL(/\/transcripts\?q=quartz/);
    await expect.poll(() => page.locator('table.transcripts tbody tr[data-index]').count()).toBe(1);

    // A link to a turn opens the transcript scrolled to it, with the turn marked.
    const id = new URL(transcriptUrl).pathname.split('/').at(-1) ?? '';
    // (A short window, so that reaching turn 2 takes a scroll.)
    await page.setViewportSize({ width: 1280, height: 420 });
    await page.goto(`${server.url}/transcripts/${id}#turn-2`);
    await page.locator('#turn-2.targeted').waitFor();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#turn-2').evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeLessThan(40);
    await page.screenshot({ path: screenshotPath('upload-6-turn-link') });

    // Signing out ends the session: the list is out of reach again.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${server.url}/transcripts`);
    await page.waitForURL(/\/login\?next=/);
  });
});
