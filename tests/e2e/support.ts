import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { createContractChecker } from '../helpers/contract.ts';
import { repoRoot, startCharlens, type RunningServer } from '../helpers/server.ts';

export const ADMIN_EMAIL = 'researcher@example.com';
export const ADMIN_PASSWORD = 'lantern-quartz-42';

if (!hasChromium) {
  console.warn('Skipping the Chromium end-to-end tests: no Chromium at CHROMIUM_PATH or /usr/bin/chromium (apt-get install -y chromium)');
}

/** The server serves dist/web; CI builds it before the tests, a fresh checkout may not have yet. */
export function ensureWebBuilt(): void {
  if (existsSync(join(repoRoot, 'dist/web/index.html'))) return;
  execFileSync('npx', ['vite', 'build'], { cwd: repoRoot, stdio: 'pipe' });
}

/** A fresh SQLite file for one test file's server. */
export function tempDatabase(): { url: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'charlens-e2e-'));
  return { url: `file:${join(dir, 'e2e.db')}`, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { browser, page };
}

/** Fills the login form the way a person would; the caller says where it expects to land. */
export async function signIn(page: Page, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Posts an NDJSON body with an API token, as a script would. */
export async function uploadNdjson(baseUrl: string, token: string, body: string): Promise<{ inserted: number; duplicates: number; errors: unknown[] }> {
  const response = await fetch(`${baseUrl}/api/v1/transcripts/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body,
  });
  if (!response.ok) throw new Error(`upload failed: HTTP ${response.status} ${await response.text()}`);
  const result: { inserted: number; duplicates: number; errors: unknown[] } = await response.json();
  return result;
}

export interface E2eServer {
  server: RunningServer;
  browser: Browser;
  page: Page;
  database: ReturnType<typeof tempDatabase>;
  /** API responses the page received that break the OpenAPI document; stopE2e fails the suite on any. */
  contractViolations: string[];
  checker: ContractChecker;
}

type ContractChecker = ReturnType<typeof createContractChecker>;

/** Checks every API response the page receives against the served OpenAPI document (tests/helpers/contract.ts). */
function watchContract(page: Page, checker: ContractChecker, violations: string[]): void {
  // The strict CSP (no inline script or style) must hold for every page: a refusal is a bug, not noise.
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(`CSP: ${message.text()}`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/v1/') || (response.headers()['content-type'] ?? '').startsWith('text/event-stream')) return;
    void (async () => {
      const body = await response.body().catch(() => null);
      if (body === null) return;
      const copy = new Response(response.status() === 204 ? null : new Uint8Array(body), { status: response.status(), headers: response.headers() });
      await checker.check(response.request().method(), url.pathname, copy);
    })().catch((err: unknown) => violations.push(err instanceof Error ? err.message : String(err)));
  });
}

/**
 * What every browser test starts from: the built web app, a fresh database, a real `charlens serve` and a
 * Chromium page. `token` makes the headless first start create the admin and that API token; without it
 * the server starts as a fresh install (with a setup link). `env` adds or overrides environment variables.
 */
export async function startE2e(options: { token?: string; env?: Record<string, string> }): Promise<E2eServer> {
  ensureWebBuilt();
  const database = tempDatabase();
  // Empty values override any init variables of the surrounding environment; `env` (the judge's API key and
  // base URL, say) goes last, so a test can set anything.
  const server = await startCharlens({
    DATABASE_URL: database.url,
    CHARLENS_INIT_ADMIN_EMAIL: options.token ? ADMIN_EMAIL : '',
    CHARLENS_INIT_ADMIN_PASSWORD: options.token ? ADMIN_PASSWORD : '',
    CHARLENS_INIT_API_TOKEN: options.token ?? '',
    ...options.env,
  });
  const { browser, page } = await openBrowser();
  const checker = createContractChecker(await (await fetch(`${server.url}/api/v1/openapi.json`)).json());
  const contractViolations: string[] = [];
  watchContract(page, checker, contractViolations);
  return { server, browser, page, database, contractViolations, checker };
}

/**
 * A page of its own browser context (a second user signed in beside the first), watched like the main page: its
 * CSP refusals and contract violations fail the suite in stopE2e too. The context closes with the browser.
 */
export async function openWatchedPage(e2e: E2eServer, viewport: { width: number; height: number } = { width: 1280, height: 900 }): Promise<Page> {
  const context = await e2e.browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  watchContract(page, e2e.checker, e2e.contractViolations);
  return page;
}

export async function stopE2e(e2e: Partial<E2eServer>): Promise<void> {
  await e2e.browser?.close();
  await e2e.server?.stop();
  e2e.database?.cleanup();
  if (e2e.contractViolations?.length) throw new Error(`API responses that break the OpenAPI document, or CSP refusals:\n${e2e.contractViolations.join('\n')}`);
}

/**
 * What sticks out past the right (or left) edge of the viewport on the page as it is now: the document itself
 * when it scrolls sideways, and each element that is wider than the viewport or reaches past it without a
 * scrolling or clipping box around it (a wide table inside `overflow-x: auto` is fine: it scrolls in its box).
 * Elements placed wholly off-screen on purpose (the skip link) are not counted. Each entry names the element.
 */
export async function elementsWiderThanViewport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const found: string[] = [];
    const overflow = document.documentElement.scrollWidth - viewport;
    if (overflow > 0) found.push(`the page scrolls sideways by ${overflow}px`);
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent ?? '').trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${id}${cls}>${text ? ` “${text}”` : ''}`;
    };
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      const offScreen = rect.right <= 0 || rect.left >= viewport;
      if (offScreen && (style.position === 'absolute' || style.position === 'fixed')) continue;
      const sticksOut = rect.right > viewport + 1 || rect.left < -1;
      if ((rect.width > viewport + 1 || sticksOut) && !clipped(el)) found.push(`${describe(el)}: ${Math.round(rect.left)}–${Math.round(rect.right)}px of ${viewport}px`);
    }
    return found;
  });
}

/**
 * Throws, naming what sticks out, unless nothing on the page is wider than the viewport (see
 * elementsWiderThanViewport). Checked again for up to two seconds: right after a viewport change, charts that
 * size themselves to their box have not redrawn yet (a chart still 1,355 px wide failed a fresh-clone CI run).
 */
export async function assertFitsViewport(page: Page, what: string): Promise<void> {
  let found = await elementsWiderThanViewport(page);
  for (const deadline = Date.now() + 2000; found.length && Date.now() < deadline; ) {
    await page.waitForTimeout(100);
    found = await elementsWiderThanViewport(page);
  }
  if (found.length) throw new Error(`${what}: ${found.length} element(s) wider than the ${page.viewportSize()?.width ?? '?'}px viewport:\n${found.slice(0, 15).join('\n')}`);
}
