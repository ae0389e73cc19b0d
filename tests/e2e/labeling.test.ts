import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, screenshotPath } from '../helpers/browser.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import { defaultResponder, startFakeAnthropic, type FakeAnthropic, type Responder } from '../helpers/fake-anthropic.ts';
import { ADMIN_EMAIL, openWatchedPage, signIn, startE2e, stopE2e, uploadNdjson, type E2eServer } from './support.ts';

const TOKEN = 'cl_e2e_labeling_token_000000000001';
const PASSWORD = 'willow-copper-2468';
const SECRET_MODELS = ['secret-model-one', 'secret-model-two'];
const ONE = 'lab-one@example.com';
const TWO = 'lab-two@example.com';
const THREE = 'lab-three@example.com';
const IMPORT_MARKER = 'IMPORT-RATIONALE-MARKER';
const JUDGE_MARKER = 'JUDGE-RATIONALE-MARKER';
const COMMENT_ONE = 'COMMENT-BY-LABELER-ONE';
const COMMENT_TWO = 'COMMENT-BY-LABELER-TWO';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** What one labeler's page received: every response body, its text at each step, and the next-item answers. */
interface Seen {
  bodies: Promise<string>[];
  texts: string[];
  nexts: Promise<string>[];
}

/** The judge scores every transcript 3, with a rationale no labeler may ever see. */
const judgeSaysThree: Responder = (request, ctx) => {
  const reply = defaultResponder(request, ctx);
  if (reply.kind !== 'tool' || typeof reply.input !== 'object' || reply.input === null) return reply;
  return { ...reply, input: { ...reply.input, score: 3, reasoning: `The judge's own words: ${JUDGE_MARKER}` } };
};

function labelingLine(model: string, scenario: number) {
  return nativeLine({
    external_id: `ext-labeling-${model}-${scenario}`,
    model,
    scenario: `labeling-scn-${scenario}`,
    scenario_title: `Scenario title ${model}`,
    tags: [`tag-${model}`],
    metadata: { model_name: model, topic: `topic-${scenario}` },
    messages: [
      { role: 'user', content: `Question ${scenario}: the moon is made of cheese, right?` },
      // Markdown in the answer: the labeler selects rendered text, the evidence must still verify against the raw one.
      { role: 'assistant', content: `No, it is **rock**, mostly silicate minerals (answer ${scenario}).` },
    ],
    scores: [{ trait: 'pushback', value: 2, source: 'import', rationale: `Imported: ${IMPORT_MARKER}` }],
  });
}

/** Which value each labeler gives the item asking question n: they agree on 0 and 2, and split on 1. */
const PLAN: Record<string, Record<number, string>> = {
  [ONE]: { 0: '3', 1: '2', 2: '3' },
  [TWO]: { 0: '3', 1: '5', 2: '3' },
};

describe.skipIf(!hasChromium)('human labeling: two blind labelers, keyboard only; a researcher adjudicates', () => {
  let e2e: E2eServer;
  let fake: FakeAnthropic;
  let queueId = '';
  let transcriptIds: string[] = [];
  let externalIds: string[] = [];

  async function api(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
    const response = await fetch(`${e2e.server.url}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${TOKEN}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return { status: response.status, body: await response.json() };
  }

  async function signInAs(page: Page, email: string, password = PASSWORD): Promise<void> {
    await page.goto(`${e2e.server.url}/login`);
    await signIn(page, email, password);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  /** Desktop and phone screenshots of the page as it is; at phone width nothing may stick out sideways. */
  async function screenshots(page: Page, name: string, back = DESKTOP, fullPage = true): Promise<void> {
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: screenshotPath(`labeling-${name}-desktop`), fullPage });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: screenshotPath(`labeling-${name}-phone`), fullPage });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name}: the page is ${overflow}px wider than a phone`).toBeLessThanOrEqual(0);
    await page.setViewportSize(back);
  }

  /** Every response body a page receives, and its text at each step: what the privacy check reads. */
  function recordEverything(page: Page): Seen {
    const seen: Seen = { bodies: [], texts: [], nexts: [] };
    page.on('response', (response) => {
      const body = response.text().catch(() => '');
      seen.bodies.push(body);
      if (/\/api\/v1\/queues\/[^/]+\/next$/.test(new URL(response.url()).pathname)) seen.nexts.push(body);
    });
    return seen;
  }

  beforeAll(async () => {
    fake = await startFakeAnthropic({ responder: judgeSaysThree });
    e2e = await startE2e({ token: TOKEN, env: { ANTHROPIC_API_KEY: 'sk-ant-e2e-fake', ANTHROPIC_BASE_URL: fake.url } });
    const lines = [0, 1, 2].flatMap((s) => SECRET_MODELS.map((m) => labelingLine(m, s)));
    expect(await uploadNdjson(e2e.server.url, TOKEN, ndjson(lines))).toMatchObject({ inserted: 6, errors: [] });
    const all: { id: string; model: string; scenario: string; externalId: string }[] = [];
    for (const s of [0, 1, 2]) all.push(...(await api(`/transcripts?scenario=labeling-scn-${s}`)).body.items);
    // Three transcripts, one per question, both models among them.
    const chosen = [0, 1, 2].map((s) => all.find((t) => t.scenario === `labeling-scn-${s}` && t.model === SECRET_MODELS[s % 2]));
    transcriptIds = chosen.map((t) => t?.id ?? '');
    externalIds = all.map((t) => t.externalId);
    expect(transcriptIds.every(Boolean)).toBe(true);

    // The judge scores them, so a judge value (and its rationale) exists that labelers must not see.
    const run = await api('/judge/runs', { method: 'POST', body: { traits: ['pushback'], transcriptIds, samples: 1, mode: 'sync', pairwise: false, budgetUsd: 1 } });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const startedAt = Date.now();
    while ((await api(`/judge/runs/${run.body.id}`)).body.status !== 'done') {
      if (Date.now() - startedAt > 60_000) throw new Error('the judge run did not finish in a minute');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    for (const email of [ONE, TWO, THREE]) expect((await api('/users', { method: 'POST', body: { email, password: PASSWORD, role: 'labeler' } })).status).toBe(201);
    const queue = await api('/queues', {
      method: 'POST',
      body: { name: 'Pushback, round 1', traits: ['pushback'], transcriptIds, overlap: 2, blind: true, labelers: [ONE, TWO], showMetadata: ['topic'], instructions: 'Read **both** turns before you score.', adjudicationMargin: 1 },
    });
    expect(queue.status, JSON.stringify(queue.body)).toBe(201);
    expect(queue.body.items).toBe(3);
    queueId = queue.body.id;
  });

  afterAll(async () => {
    await stopE2e(e2e);
    await fake?.close();
  });

  /** The question number of the item on screen, from its first user turn. */
  async function question(page: Page): Promise<number> {
    const text = (await page.locator('[data-side="first"] [data-turn="0"] .text').textContent()) ?? '';
    const m = /^Question (\d+):/.exec(text);
    if (!m) throw new Error(`not a question: ${text}`);
    return Number(m[1]);
  }

  async function expectMyProgress(page: Page, text: string): Promise<void> {
    await expect.poll(() => page.locator('.my-progress').textContent()).toBe(text);
  }

  /** Selects the answer's text with the pointer, as a person would, and keeps it with `e`. */
  async function keepAnswerAsEvidence(page: Page): Promise<void> {
    await page.locator('[data-side="first"] [data-turn="1"] .text p').selectText();
    await page.keyboard.press('e');
    await page.locator('.kept-quotes li').first().waitFor();
  }

  async function choose(page: Page, key: string): Promise<void> {
    await page.keyboard.press(key);
    await expect.poll(() => page.locator('.chosen-text').textContent()).toBe(`Chosen: ${key}`);
  }

  /** Opens the queue from the labeler's home with the keyboard: focus the Start link, Enter. */
  async function openQueue(page: Page): Promise<void> {
    await page.waitForURL(/\/labeling$/);
    const start = page.getByRole('link', { name: 'Start labeling Pushback, round 1' });
    await start.waitFor();
    expect(await page.locator(`[data-queue="${queueId}"] .queue-progress`).textContent()).toMatch(/ of 3 items complete$/);
    await start.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/label/${queueId}$`));
    await page.getByRole('heading', { name: 'Pushback, round 1' }).waitFor();
  }

  test('both labelers finish the queue with the keyboard alone; neither ever receives a model, id, score, rationale or the other labeler', async () => {
    // ---- labeler one, on a desktop ----
    const one = await openWatchedPage(e2e, DESKTOP);
    const seenOne = recordEverything(one);
    await signInAs(one, ONE);
    await one.getByRole('link', { name: 'Start labeling Pushback, round 1' }).waitFor();
    await screenshots(one, 'home');
    await openQueue(one);
    expect(await one.locator('.blind-badge').textContent()).toBe('Blind');
    await expectMyProgress(one, '0 done · 3 to go');
    expect(await one.locator('.queue-progress').textContent()).toBe('0 of 3 items complete');
    expect(await one.locator('.label-instructions strong').textContent()).toBe('both');
    // The metadata key the queue shows, and no other.
    expect(await one.locator('.side-meta dt').allTextContents()).toEqual(['topic']);
    // The rubric's anchors, each with its key.
    const points = one.getByRole('list', { name: 'Scale points' }).locator('.scale-point');
    expect(await points.count()).toBe(5);
    expect(await points.first().locator('kbd').textContent()).toBe('1');
    expect(await points.first().locator('.anchor').textContent()).toMatch(/^Capitulates or is needlessly contrarian/);

    // ? shows the keys, Esc closes them.
    await one.keyboard.press('?');
    const help = one.getByRole('dialog', { name: 'Keys' });
    await help.waitFor();
    expect(await help.textContent()).toContain('Undo your last label');
    await one.screenshot({ path: screenshotPath('labeling-keys-help-desktop') });
    await one.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    // Item 1: evidence selected with the pointer and kept with e; a comment typed in the box (its letters and digits
    // are text, not keys); then the score and Enter.
    const firstQuestion = await question(one);
    await keepAnswerAsEvidence(one);
    expect(await one.locator('.kept-quotes blockquote').textContent()).toBe(`No, it is **rock**, mostly silicate minerals (answer ${firstQuestion}).`);
    expect(await one.locator('[data-side="first"] [data-turn="1"] mark.evidence-mark').count()).toBeGreaterThan(0);
    await one.keyboard.press('c');
    await one.keyboard.type(`${COMMENT_ONE} e 5 u n ?`);
    expect(await one.locator('.chosen-text').textContent()).toBe('Nothing chosen yet');
    expect(await one.locator('.kept-quotes li').count()).toBe(1);
    expect(await one.getByRole('dialog').count()).toBe(0);
    await one.keyboard.press('Escape');
    await choose(one, PLAN[ONE]?.[firstQuestion] ?? '');
    await screenshots(one, 'page');
    seenOne.texts.push((await one.locator('main').textContent()) ?? '');
    await one.keyboard.press('Enter');
    await expectMyProgress(one, '1 done · 2 to go');

    // Item 2: a slip (1), saved; on item 3, u takes it back — item 2 returns — and it is labeled again.
    const secondQuestion = await question(one);
    expect(secondQuestion).not.toBe(firstQuestion);
    await choose(one, '1');
    await one.keyboard.press('Enter');
    await expectMyProgress(one, '2 done · 1 to go');
    const thirdQuestion = await question(one);
    expect(thirdQuestion).not.toBe(secondQuestion);
    seenOne.texts.push((await one.locator('main').textContent()) ?? '');
    await one.keyboard.press('u');
    await one.getByText('Withdrew your Pushback label: label it again.').waitFor();
    expect(await question(one)).toBe(secondQuestion);
    await expectMyProgress(one, '1 done · 2 to go');
    await choose(one, PLAN[ONE]?.[secondQuestion] ?? '');
    await one.keyboard.press('Enter');
    await expectMyProgress(one, '2 done · 1 to go');
    expect(await question(one)).toBe(thirdQuestion);
    await choose(one, PLAN[ONE]?.[thirdQuestion] ?? '');
    await one.keyboard.press('Enter');
    await one.getByRole('heading', { name: 'Nothing left for you in this queue' }).waitFor();
    await expectMyProgress(one, '3 done · none left for you');
    seenOne.texts.push((await one.locator('main').textContent()) ?? '');

    // ---- labeler two, on a phone ----
    const two = await openWatchedPage(e2e, PHONE);
    const seenTwo = recordEverything(two);
    await signInAs(two, TWO);
    await openQueue(two);
    await expectMyProgress(two, '0 done · 3 to go');
    expect(await two.locator('.queue-progress').textContent()).toBe('0 of 3 items complete');
    for (let n = 0; n < 3; n++) {
      const q = await question(two);
      if (q === 1) {
        await keepAnswerAsEvidence(two);
        await two.keyboard.press('c');
        await two.keyboard.type(COMMENT_TWO);
        await two.keyboard.press('Escape');
      }
      await choose(two, PLAN[TWO]?.[q] ?? '');
      if (n === 0) await two.screenshot({ path: screenshotPath('labeling-page-phone-labeler-two'), fullPage: true });
      seenTwo.texts.push((await two.locator('main').textContent()) ?? '');
      await two.keyboard.press('Enter');
      await expectMyProgress(two, n < 2 ? `${n + 1} done · ${2 - n} to go` : '3 done · none left for you');
    }
    await two.getByRole('heading', { name: 'Nothing left for you in this queue' }).waitFor();
    expect(await two.locator('.queue-progress').textContent()).toBe('3 of 3 items complete');
    seenTwo.texts.push((await two.locator('main').textContent()) ?? '');

    // ---- what each labeler received ----
    const who: [string, string, Seen, string][] = [
      [ONE, TWO, seenOne, COMMENT_TWO],
      [TWO, ONE, seenTwo, COMMENT_ONE],
    ];
    for (const [me, other, seen, otherComment] of who) {
      const everything = [...(await Promise.all(seen.bodies)), ...seen.texts].join('\n');
      expect(everything.length).toBeGreaterThan(1000);
      expect(everything, `${me} was shown the rubric`).toContain('Pushback is disagreement in the right spots');
      for (const secret of [...SECRET_MODELS, IMPORT_MARKER, JUDGE_MARKER, 'model_name', 'tag-secret', 'labeling-scn-', 'Scenario title', other, otherComment, ...transcriptIds, ...externalIds]) {
        expect(everything.includes(secret), `${me} received ${secret}`).toBe(false);
      }
      // Every label a labeler was sent back is one of their own.
      for (const body of await Promise.all(seen.nexts)) {
        const next: { item: { myLabels: { trait: string; value: number | null }[] } | null } = JSON.parse(body);
        for (const label of next.item?.myLabels ?? []) expect(Object.values(PLAN[me] ?? {})).toContain(String(label.value));
      }
    }
    // Labeler one's values stand as given after the undo; the withdrawn slip counts for nothing.
    const detail = await api(`/queues/${queueId}`);
    expect(detail.body.queue).toMatchObject({ items: 3, complete: 3 });
    expect(detail.body.labelers.map((l: { email: string; done: number }) => [l.email, l.done]).sort()).toEqual([
      [ONE, 3],
      [TWO, 3],
    ]);

    // ---- the researcher: queue page, agreement, adjudication ----
    const page = e2e.page;
    await page.context().clearCookies();
    // The same recording on the researcher's page finds what researchers may see: the check above can fail.
    const seenResearcher = recordEverything(page);
    await signInAs(page, ADMIN_EMAIL, 'lantern-quartz-42');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Labeling' }).click();
    await page.waitForURL(/\/labeling$/);
    await page.locator(`[data-queue="${queueId}"]`).getByRole('link', { name: 'Progress and agreement' }).click();
    await page.waitForURL(new RegExp(`/queues/${queueId}$`));
    await page.getByRole('heading', { name: 'Pushback, round 1' }).waitFor();
    expect(await page.locator('.queue-progress').textContent()).toBe('3 of 3 items complete');
    for (const email of [ONE, TWO]) expect(await page.locator(`tr[data-labeler="${email}"] td[data-label="Done"]`).textContent()).toBe('3');
    expect(await page.locator('.items-table tbody tr').count()).toBe(3);
    expect(await page.locator('.items-table tbody tr td[data-label="Done"]').allTextContents()).toEqual(['2 of 2', '2 of 2', '2 of 2']);
    // Agreement, one click away (the link jumps to it), for the queue's trait.
    await page.getByRole('link', { name: 'Agreement', exact: true }).click();
    const agreement = page.getByRole('region', { name: 'Agreement on pushback' });
    await agreement.locator('.alpha-humans').waitFor();
    expect(await agreement.locator('.alpha-humans').textContent()).toMatch(/^−?\d\.\d\d( \(95% CI \[−?\d\.\d\d, −?\d\.\d\d\]\))? · 3 transcripts$/);
    expect(await agreement.locator('.alpha-judge').textContent()).toMatch(/^−?\d\.\d\d/);
    expect(await agreement.locator('.kappa').textContent()).toMatch(/^−?\d\.\d\d · n 3$/);
    expect(await agreement.locator('.raters-table tbody td.rater').allTextContents()).toEqual([ONE, TWO, 'judge']);
    await screenshots(page, 'queue');
    const researcherSaw = (await Promise.all(seenResearcher.bodies)).join('\n');
    for (const visible of [ONE, TWO, transcriptIds[0] ?? '']) expect(researcherSaw, visible).toContain(visible);

    await page.getByRole('link', { name: 'Adjudication' }).click();
    await page.waitForURL(new RegExp(`/queues/${queueId}/adjudicate$`));
    const item = page.locator('.adjudication-item');
    await item.first().waitFor();
    // Only question 1 splits them (2 against 5); the others agree with each other and with the judge (3).
    expect(await item.count()).toBe(1);
    expect(await item.locator('.judge-value').textContent()).toBe('judge 3');
    const labelOf = (email: string) => item.locator(`.adjudication-label[data-labeler="${email}"]`);
    expect(await labelOf(ONE).locator('.label-value').textContent()).toBe('2');
    expect(await labelOf(TWO).locator('.label-value').textContent()).toBe('5');
    expect(await labelOf(TWO).locator('.label-comment').textContent()).toBe(COMMENT_TWO);
    expect(await labelOf(TWO).locator('.evidence blockquote').textContent()).toBe('No, it is **rock**, mostly silicate minerals (answer 1).');
    expect(await labelOf(TWO).locator('.verified-mark').textContent()).toContain('verified');
    expect(await item.getByRole('link', { name: 'Open the transcript' }).getAttribute('href')).toBe(`/transcripts/${transcriptIds[1]}`);
    await screenshots(page, 'adjudication');
    await item.getByLabel('Final value').selectOption('4');
    await item.getByLabel('Reason').fill('It names the error and gives a reason; no alternative offered.');
    await item.getByRole('button', { name: 'Record final value' }).click();
    await expect.poll(() => item.locator('.adjudicated').textContent()).toBe(`Final value 4 by ${ADMIN_EMAIL}: It names the error and gives a reason; no alternative offered.`);
    await screenshots(page, 'adjudication-recorded');
  });

  test('a lease kept alive while the page is open; one that is gone says so, and Enter gets the next item', async () => {
    const queue = await api('/queues', { method: 'POST', body: { name: 'Lease check', traits: ['pushback'], transcriptIds: [transcriptIds[2]], overlap: 1, labelers: [THREE] } });
    expect(queue.status).toBe(201);
    const page = await openWatchedPage(e2e, DESKTOP);
    // The page's clock, moved on by the test: two minutes pass in an instant.
    await page.clock.install();
    const renewals: number[] = [];
    page.on('response', (r) => {
      if (/\/lease$/.test(new URL(r.url()).pathname)) renewals.push(r.status());
    });
    await signInAs(page, THREE);
    await page.goto(`${e2e.server.url}/label/${queue.body.id}`);
    await page.locator('[data-side="first"] [data-turn="0"]').waitFor();
    await page.clock.fastForward('02:01');
    await expect.poll(() => renewals).toEqual([200]);
    expect(await page.getByRole('alert').count()).toBe(0);

    // The server loses the lease (it ran out while the laptop slept): the next renewal answers 409.
    await page.route('**/api/v1/queues/*/items/*/lease', (route) =>
      route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code: 'conflict', message: 'You hold no running lease on this item: ask for the next item' } }) }),
    );
    await page.clock.fastForward('02:01');
    const alert = page.getByRole('alert').filter({ hasText: 'This item is no longer held for you' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('You hold no running lease on this item: ask for the next item');
    expect(renewals).toEqual([200, 409]);
    // Labeling keys wait while the item is not the labeler's; the button has the focus, so Enter asks for the next.
    await page.keyboard.press('3');
    expect(await page.locator('.chosen-text').textContent()).toBe('Nothing chosen yet');
    await page.screenshot({ path: screenshotPath('labeling-lease-gone-desktop') });
    await page.keyboard.press('Enter');
    await alert.waitFor({ state: 'detached' });
    await page.locator('[data-side="first"] [data-turn="0"]').waitFor();
    await choose(page, '3');
  });

  test('hostile text on the labeling page: markup, script links, SVG, iframes, raw HTML, RTL, zero-width, NUL and a 1 MB line show as text and run nothing', async () => {
    const longLine = 'x'.repeat(1_000_000);
    const hostile = [
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
    const short = '<img src=x onerror="window.__pwned=\'meta\'"><script>window.__pwned="meta"</script>';
    const line = nativeLine({
      external_id: 'e2e/labeling-hostile/0',
      model: 'model-hostile',
      scenario: 'labeling-hostile',
      system: `System ${short}`,
      metadata: { topic: short },
      messages: [
        { role: 'user', content: `Repeat after me.\n\n${hostile}` },
        { role: 'assistant', content: `Start ${longLine} end` },
        { role: 'user', content: 'Now as code.' },
        { role: 'assistant', content: [{ type: 'text', text: `\`\`\`\n${longLine}\n\`\`\`` }, { type: 'tool_use', id: 'toolu_long', name: 'echo', input: { line: longLine } }] },
      ],
    });
    expect(await uploadNdjson(e2e.server.url, TOKEN, ndjson([line]))).toMatchObject({ inserted: 1, errors: [] });
    const id = (await api('/transcripts?scenario=labeling-hostile')).body.items[0]?.id;
    const name = `Hostile <img src=x onerror="window.__pwned='name'">`;
    const queue = await api('/queues', {
      method: 'POST',
      body: { name, traits: ['pushback'], transcriptIds: [id], overlap: 1, labelers: [THREE], showMetadata: ['topic'], instructions: `Read [this](javascript:window.__pwned='instructions') ${short}` },
    });
    expect(queue.status, JSON.stringify(queue.body)).toBe(201);

    const page = await openWatchedPage(e2e, DESKTOP);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const nothingRan = async () => {
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => Reflect.get(window, '__pwned'))).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(await page.locator('main img, main script, main svg, main iframe, main object, main embed, main [onerror], main [onload], main [onclick]').count()).toBe(0);
      const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      for (const href of hrefs) expect(href, href).not.toMatch(/^\s*javascript:/i);
    };
    await signInAs(page, THREE);
    await page.goto(`${e2e.server.url}/label/${queue.body.id}`);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Hostile' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
    const userTurn = page.locator('[data-side="first"] [data-turn="0"]');
    await userTurn.waitFor();
    const shown = (await userTurn.textContent()) ?? '';
    for (const piece of ['<script>window.__pwned = "script"</script>', '<svg onload=', '<iframe src="javascript:', 'raw html</div>', '\u202Egnp.exe', 'zero\u200Bwidth', 'a\u0000b']) expect(shown).toContain(piece);
    const long = (await page.locator('[data-side="first"] [data-turn="1"] .text').textContent()) ?? '';
    expect(long.length).toBeGreaterThanOrEqual(1_000_000);
    expect(long.startsWith('Start xxx') && long.endsWith(' end')).toBe(true);
    expect(await page.locator('.side-meta dd').textContent()).toBe(short);
    expect(await page.locator('.system-prompt .text').textContent()).toBe(`System ${short}`);
    expect(await page.locator('.label-instructions').textContent()).toContain(short);
    await nothingRan();
    // Every turn fits its column and the page does not scroll sideways; the code line scrolls in its own block.
    const sizes = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      column: document.querySelector('.label-sides')?.getBoundingClientRect().width ?? 0,
      turns: [...document.querySelectorAll('.label-side .message')].map((t) => t.getBoundingClientRect().width),
      codeScrolls: [...document.querySelectorAll('.label-side pre.md-code')].some((c) => c.scrollWidth > c.clientWidth),
    }));
    expect(sizes.overflow).toBeLessThanOrEqual(0);
    for (const width of sizes.turns) expect(width).toBeLessThanOrEqual(sizes.column + 1);
    expect(sizes.codeScrolls).toBe(true);

    // The hostile turn kept as evidence is text in the kept list too; the script link in the instructions does nothing.
    await userTurn.locator('.text').selectText();
    await page.keyboard.press('e');
    await page.locator('.kept-quotes blockquote').waitFor();
    const kept = (await page.locator('.kept-quotes blockquote').textContent()) ?? '';
    expect(kept).toContain('<script>window.__pwned = "script"</script>');
    // The server stores no NUL: the quote stops short of it rather than being refused.
    expect(kept.includes('\u0000')).toBe(false);
    await page.locator('.label-instructions').getByText('this').click();
    await nothingRan();
    await screenshots(page, 'hostile', DESKTOP, false);
    await choose(page, '3');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Nothing left for you in this queue' }).waitFor();
    await nothingRan();
  });

  test('a researcher makes a queue from the transcript list ("Label these"); refusals show in the server\'s words', async () => {
    const page = e2e.page;
    await page.context().clearCookies();
    await signInAs(page, ADMIN_EMAIL, 'lantern-quartz-42');
    await page.goto(`${e2e.server.url}/transcripts?model=secret-model-two`);
    await page.getByRole('link', { name: 'Label these' }).click();
    await page.waitForURL(/\/queues\/new\?model=secret-model-two$/);
    const fromList = page.getByRole('radio', { name: /^From the list: model secret-model-two/ });
    await fromList.waitFor();
    expect(await fromList.isChecked()).toBe(true);
    await page.getByLabel('Name', { exact: true }).fill('Model two, second look');
    await page.getByRole('checkbox', { name: /^Pushback/ }).check();
    // Rubric traits come first.
    expect(await page.locator('.queue-traits-choice label').first().textContent()).not.toContain('no rubric');
    await page.getByRole('checkbox', { name: /^lab-two@example\.com/ }).check();
    await page.getByLabel(/^Or type emails/).fill('ghost@example.com');
    await page.getByLabel(/^Overlap/).fill('2');
    await screenshots(page, 'new-queue');
    await page.getByRole('button', { name: 'Create queue' }).click();
    await page.getByRole('alert').filter({ hasText: 'No user ghost@example.com: add them first (Settings → Users)' }).waitFor();
    await page.getByLabel(/^Or type emails/).fill('');
    await page.getByRole('button', { name: 'Create queue' }).click();
    await page.getByRole('alert').filter({ hasText: 'Overlap 2 is larger than the 1 labeler: no item could ever be complete.' }).waitFor();
    await page.getByLabel(/^Overlap/).fill('1');
    // A gold item, one of the list's own transcripts: a typo is refused before anything is sent.
    const goldId = (await api('/transcripts?model=secret-model-two')).body.items[0].id as string;
    await page.getByLabel(/^Gold items/).fill(`${goldId} pushback`);
    await page.getByRole('button', { name: 'Create queue' }).click();
    await page.getByRole('alert').filter({ hasText: 'Gold line 1: “pushback” is not trait=answer.' }).waitFor();
    await page.getByLabel(/^Gold items/).fill(`${goldId} pushback=4`);
    await page.getByRole('button', { name: 'Create queue' }).click();
    await page.waitForURL(/\/queues\/[^/]+$/);
    await page.getByRole('heading', { name: 'Model two, second look' }).waitFor();
    expect(await page.locator('.queue-meta').textContent()).toContain('model secret-model-two');
    expect(await page.locator('.queue-progress').textContent()).toBe('0 of 3 items complete');
    expect(await page.locator('.labelers-table tbody tr').count()).toBe(1);
    expect(await page.locator(`tr[data-labeler="${TWO}"]`).count()).toBe(1);
    expect(await page.locator('td[data-label="Gold"]').allTextContents()).toEqual(expect.arrayContaining(['gold']));
    expect((await page.locator('td[data-label="Gold"]').allTextContents()).filter((g) => g === 'gold')).toHaveLength(1);
  });

  test('a pairwise queue: First and Second side by side on a desktop, stacked on a phone; a, b and t pick a side', async () => {
    const pairIds = (await api('/transcripts?scenario=labeling-scn-0')).body.items.map((t: { id: string }) => t.id);
    expect(pairIds).toHaveLength(2);
    const queue = await api('/queues', { method: 'POST', body: { name: 'Which pushes back better', traits: ['pushback'], transcriptIds: pairIds, overlap: 1, pairwise: true, labelers: [THREE] } });
    expect(queue.status, JSON.stringify(queue.body)).toBe(201);
    const page = await openWatchedPage(e2e, DESKTOP);
    await signInAs(page, THREE);
    await page.goto(`${e2e.server.url}/label/${queue.body.id}`);
    await page.getByRole('heading', { name: 'Which pushes back better' }).waitFor();
    const first = page.getByRole('region', { name: 'First', exact: true });
    const second = page.getByRole('region', { name: 'Second', exact: true });
    expect(await first.getByRole('heading', { level: 2 }).textContent()).toBe('First');
    expect(await second.getByRole('heading', { level: 2 }).textContent()).toBe('Second');
    const boxes = async () => ({ first: await first.boundingBox(), second: await second.boundingBox() });
    const desktop = await boxes();
    expect(desktop.second?.x ?? 0).toBeGreaterThan((desktop.first?.x ?? 0) + (desktop.first?.width ?? 0) - 1);
    expect(desktop.second?.y).toBe(desktop.first?.y);

    // Scores are not how a pair is labeled: the keys say so instead of doing something else.
    await page.keyboard.press('3');
    await page.getByText('This queue compares two sides: a (first), b (second) or t (tie).').waitFor();
    await page.keyboard.press('n');
    await page.getByText('A pairwise label is a side: a, b or t.').waitFor();
    await second.locator('[data-turn="1"] .text p').selectText();
    await page.keyboard.press('e');
    expect(await page.locator('.kept-quotes .evidence-meta').textContent()).toContain('Second, message 1');
    for (const [key, text] of [
      ['a', 'First is better'],
      ['t', 'Tie'],
      ['b', 'Second is better'],
    ]) {
      await page.keyboard.press(key ?? '');
      await expect.poll(() => page.locator('.chosen-text').textContent()).toBe(`Chosen: ${text}`);
    }
    await screenshots(page, 'pairwise', PHONE);
    await page.setViewportSize(PHONE);
    const phone = await boxes();
    expect(phone.second?.y ?? 0).toBeGreaterThanOrEqual((phone.first?.y ?? 0) + (phone.first?.height ?? 0));
    // A phone has no e key: the button keeps the selection.
    await first.locator('[data-turn="0"] .text p').selectText();
    await page.getByRole('button', { name: 'Keep selected text' }).click();
    await expect.poll(() => page.locator('.kept-quotes .evidence-meta').allTextContents()).toEqual(['Second, message 1 · remove', 'First, message 0 · remove']);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Nothing left for you in this queue' }).waitFor();
    const verdicts = await api(`/comparisons?source=human&transcript=${pairIds[0]}`);
    expect(verdicts.body.items).toHaveLength(1);
    expect(verdicts.body.items[0]).toMatchObject({ source: 'human' });
  });
});
