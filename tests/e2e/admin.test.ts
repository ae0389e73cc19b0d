import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { hasChromium, screenshotPath } from '../helpers/browser.ts';
import { ADMIN_EMAIL, signIn, startE2e, stopE2e, type E2eServer } from './support.ts';

const TOKEN = 'cl_e2e_admin_pages_token_0001';
const PASSWORD = 'juniper-anvil-1234';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

describe.skipIf(!hasChromium)('settings: users, API tokens, audit log, password', () => {
  let e2e: E2eServer;
  let page: Page;

  /** What a script does: the API with the init admin token (or another), answering JSON. */
  async function api(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${e2e.server.url}/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${init.token ?? TOKEN}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    return { status: response.status, body: await response.json() };
  }

  async function addUser(email: string, role: 'admin' | 'researcher' | 'labeler'): Promise<void> {
    expect((await api('/users', { method: 'POST', body: { email, password: PASSWORD, role } })).status).toBe(201);
  }

  async function signInAs(email: string, password = PASSWORD): Promise<void> {
    await page.goto(`${e2e.server.url}/login`);
    await signIn(page, email, password);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  /** Desktop and phone screenshots of the page as it is; at phone width nothing may stick out sideways. */
  async function screenshots(name: string): Promise<void> {
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: screenshotPath(`admin-${name}-desktop`), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: screenshotPath(`admin-${name}-phone`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name}: the page is ${overflow}px wider than a phone`).toBeLessThanOrEqual(0);
    await page.setViewportSize(DESKTOP);
  }

  const main = () => page.locator('main');
  const userRow = (email: string) => page.locator(`tr.user-row[data-email="${email}"]`);
  const tokenRow = (name: string) => page.locator(`tr.token-row[data-token="${name}"]`);

  beforeAll(async () => {
    e2e = await startE2e({ token: TOKEN });
    page = e2e.page;
    // The copy button writes to the clipboard; the test reads it back.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.server.url });
  });

  afterAll(() => stopE2e(e2e));

  // Every test signs in as whom it needs.
  beforeEach(async () => {
    await page.context().clearCookies();
    await page.setViewportSize(DESKTOP);
  });

  test('an admin adds a labeler and a researcher from the users page; refusals show the server’s words', async () => {
    await signInAs(ADMIN_EMAIL, 'lantern-quartz-42');
    await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(/\/settings\/users$/);
    const settingsMenu = page.getByRole('navigation', { name: 'Settings' });
    expect(await settingsMenu.getByRole('link').allTextContents()).toEqual(['Users', 'API tokens', 'Audit log', 'Change password']);

    const form = page.locator('form.add-user');
    const newcomers: { email: string; role: 'labeler' | 'researcher' }[] = [
      { email: 'lena.labeler@example.com', role: 'labeler' },
      { email: 'rui.researcher@example.com', role: 'researcher' },
    ];
    for (const { email, role } of newcomers) {
      await form.getByLabel('Email').fill(email);
      await form.getByLabel('Role').selectOption(role);
      await form.getByLabel('Initial password').fill(PASSWORD);
      await form.getByRole('button', { name: 'Add user' }).click();
      await form.getByText(`Added ${email} as ${role}.`).waitFor();
      await userRow(email).waitFor();
      expect(await userRow(email).getByLabel(`Role of ${email}`).inputValue()).toBe(role);
      expect(await userRow(email).locator('td[data-label="State"]').textContent()).toBe('Active');
      expect(await userRow(email).locator('td[data-label="Last activity"]').textContent()).toBe('no session');
    }
    // A password the server would refuse is caught before it is sent, in the same words.
    await form.getByLabel('Email').fill('short@example.com');
    await form.getByLabel('Initial password').fill('short');
    await form.getByRole('button', { name: 'Add user' }).click();
    await form.getByText('The password needs at least 10 characters.').waitFor();
    // An email that is taken: the server's 409, as it says it.
    await form.getByLabel('Email').fill('lena.labeler@example.com');
    await form.getByLabel('Initial password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Add user' }).click();
    await form.getByText('A user with email lena.labeler@example.com already exists').waitFor();

    // The admin's own row: disabling yourself and dropping your own admin role are refused (403), in the server's words.
    const self = userRow(ADMIN_EMAIL);
    expect(await self.locator('.you').textContent()).toBe('you');
    await self.getByRole('button', { name: 'Disable' }).click();
    await page.getByRole('group', { name: `Disable ${ADMIN_EMAIL}?` }).getByRole('button', { name: 'Yes, disable' }).click();
    await page.getByRole('alert').filter({ hasText: 'You cannot disable yourself or take away your own admin role' }).waitFor();
    await self.getByLabel(`Role of ${ADMIN_EMAIL}`).selectOption('researcher');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'You cannot disable yourself' }).count()).toBe(1);
    await expect.poll(() => self.getByLabel(`Role of ${ADMIN_EMAIL}`).inputValue()).toBe('admin');

    // Someone else's role, state and password. A second change right after the first must not wait for the
    // list to reload: the reload is held back here to make sure.
    const rui = userRow('rui.researcher@example.com');
    const slowList = async (route: Route) => {
      if (route.request().method() === 'GET') await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    };
    await page.route('**/api/v1/users', slowList);
    await rui.getByLabel('Role of rui.researcher@example.com').selectOption('admin');
    await page.getByText('rui.researcher@example.com is now admin.').waitFor();
    await rui.getByLabel('Role of rui.researcher@example.com').selectOption('researcher');
    await page.getByText('rui.researcher@example.com is now researcher.').waitFor();
    // Lets the held-back reloads finish before the list answers at normal speed again.
    await page.unrouteAll({ behavior: 'wait' });
    await rui.getByRole('button', { name: 'Disable' }).click();
    await screenshots('users-confirm-disable');
    await page.getByRole('group', { name: 'Disable rui.researcher@example.com?' }).getByRole('button', { name: 'Yes, disable' }).click();
    await page.getByText('rui.researcher@example.com is disabled').waitFor();
    await expect.poll(() => rui.locator('td[data-label="State"]').textContent()).toBe('Disabled');
    expect((await api('/users')).body).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ email: 'rui.researcher@example.com', disabled: true })]) });
    await rui.getByRole('button', { name: 'Enable' }).click();
    await page.getByText('rui.researcher@example.com is enabled: they can sign in again.').waitFor();
    await rui.getByRole('button', { name: 'Reset password' }).click();
    await page.getByLabel('New password for rui.researcher@example.com').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Set password', exact: true }).click();
    await page.getByText('New password set for rui.researcher@example.com').waitFor();
    await screenshots('users');

    // The researcher signs in with the reset password and finds only their settings.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await signInAs('rui.researcher@example.com', 'a-brand-new-password');
    await page.waitForURL(/\/overview$/);
    await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(/\/settings\/tokens$/);
    expect(await page.getByRole('navigation', { name: 'Settings' }).getByRole('link').allTextContents()).toEqual(['API tokens', 'Change password']);
    // A researcher who types an admin address gets a page that says so, not a 403.
    await page.goto(`${e2e.server.url}/settings/users`);
    await page.getByRole('heading', { name: 'Not available' }).waitFor();
    expect(await main().textContent()).toContain('This page is for admins.');
  });

  test('a researcher’s token: secret shown once, listed without it, last use after a script; an admin revokes it under all users', async () => {
    await addUser('tara.tokens@example.com', 'researcher');
    await signInAs('tara.tokens@example.com');
    await page.goto(`${e2e.server.url}/settings/tokens`);
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    // Only the researcher's scopes (GET /auth/me) are offered; read is ticked to start with.
    const form = page.locator('form.new-token');
    await expect.poll(() => form.locator('input[name="scope"]').evaluateAll((boxes) => boxes.map((b) => (b instanceof HTMLInputElement ? `${b.value}:${b.checked}` : '')))).toEqual([
      'read:true',
      'ingest:false',
      'judge:false',
      'label:false',
    ]);
    expect(await page.getByText('Every user’s active tokens').count()).toBe(0);
    expect(await page.getByLabel('All users').count()).toBe(0);
    await page.getByText('No active tokens.').waitFor();

    await form.getByLabel('Name').fill('nightly-upload');
    await form.getByRole('checkbox', { name: /ingest/ }).check();
    await form.getByRole('button', { name: 'Create token' }).click();
    const secretPanel = page.locator('.token-secret');
    await secretPanel.getByText('Copy the token now: it will not be shown again.').waitFor();
    const secret = (await secretPanel.locator('code.secret').textContent()) ?? '';
    expect(secret).toMatch(/^clt_/);
    expect(await secretPanel.textContent()).toContain('Scopes: read, ingest.');
    await secretPanel.getByRole('button', { name: 'Copy' }).click();
    await secretPanel.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await tokenRow('nightly-upload').waitFor();
    await screenshots('tokens-secret');

    await secretPanel.getByRole('button', { name: 'I have copied it' }).click();
    await secretPanel.waitFor({ state: 'detached' });
    const row = tokenRow('nightly-upload');
    expect(await row.locator('td[data-label="Scopes"]').textContent()).toBe('readingest');
    expect(await row.locator('td.last-used').textContent()).toBe('never');
    expect(await page.content()).not.toContain(secret);

    // A script uses it; the list then shows a last use.
    expect((await api('/transcripts', { token: secret })).status).toBe(200);
    await page.reload();
    await expect.poll(() => tokenRow('nightly-upload').locator('td.last-used').textContent()).toBe('just now');
    expect(await page.content()).not.toContain(secret);
    await screenshots('tokens');

    // The admin sees it among everyone's tokens, with its owner, and revokes it after confirming.
    await page.context().clearCookies();
    await signInAs(ADMIN_EMAIL, 'lantern-quartz-42');
    await page.goto(`${e2e.server.url}/settings/tokens`);
    await page.getByText('Your active tokens').waitFor();
    expect(await tokenRow('nightly-upload').count()).toBe(0);
    await page.getByLabel('All users').check();
    await page.waitForURL(/\?all=true$/);
    const theirs = tokenRow('nightly-upload');
    await theirs.waitFor();
    expect(await theirs.locator('td.token-owner').textContent()).toBe('tara.tokens@example.com');
    expect(await theirs.locator('td.last-used').textContent()).toBe('just now');
    await theirs.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Scripts using it are refused from now on').waitFor();
    await screenshots('tokens-all-confirm-revoke');
    await page.getByRole('group', { name: 'Revoke nightly-upload?' }).getByRole('button', { name: 'Yes, revoke' }).click();
    await page.getByText('Revoked “nightly-upload” of tara.tokens@example.com: it no longer works.').waitFor();
    await theirs.waitFor({ state: 'detached' });
    expect((await api('/transcripts', { token: secret })).status).toBe(401);
  });

  test('the audit log: newest first, who did what to what, filtered by action, paged with Load more', async () => {
    await addUser('audited.one@example.com', 'labeler');
    const created = await api('/tokens', { method: 'POST', body: { name: 'audit-probe', scopes: ['read'] } });
    const tokenId = typeof created.body === 'object' && created.body !== null && 'id' in created.body ? String(created.body.id) : '';
    expect((await api(`/tokens/${tokenId}`, { method: 'DELETE' })).status).toBe(200);

    await signInAs(ADMIN_EMAIL, 'lantern-quartz-42');
    await page.goto(`${e2e.server.url}/settings/audit`);
    const rows = page.locator('table.audit-table tbody tr');
    await rows.first().waitFor();
    // Newest first: the revoke, then its token's creation, then the user.
    expect(await rows.nth(0).getAttribute('data-action')).toBe('token.revoke');
    expect(await rows.nth(0).locator('td[data-label="Who"]').textContent()).toBe(ADMIN_EMAIL);
    expect(await rows.nth(0).locator('td[data-label="Target"]').textContent()).toBe(tokenId);
    expect(await rows.nth(1).getAttribute('data-action')).toBe('token.create');
    expect(await rows.nth(1).locator('td[data-label="Details"]').textContent()).toBe('{"name":"audit-probe","scopes":["read"]}');
    const userCreate = page.locator('tr[data-action="user.create"]').filter({ hasText: 'audited.one@example.com' });
    expect(await userCreate.locator('td[data-label="Details"]').textContent()).toBe('{"email":"audited.one@example.com","role":"labeler"}');
    // The first start's admin and token were made by the server itself.
    await screenshots('audit');

    await page.getByLabel('Action').selectOption('token.revoke');
    await page.waitForURL(/\?action=token\.revoke$/);
    await expect.poll(async () => [...new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action'))))]).toEqual(['token.revoke']);

    // More than a page: 60 tokens made by a script; the first page holds 50, "Load more" brings the rest.
    for (let i = 0; i < 60; i++) expect((await api('/tokens', { method: 'POST', body: { name: `bulk-${i}`, scopes: ['read'] } })).status).toBe(201);
    await page.getByLabel('Action').selectOption('token.create');
    await page.waitForURL(/\?action=token\.create$/);
    await expect.poll(() => rows.count()).toBe(50);
    expect(await rows.first().locator('td[data-label="Details"]').textContent()).toBe('{"name":"bulk-59","scopes":["read"]}');
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(61);
    await page.getByText('That is all.').waitFor();
    const names = await rows.locator('td[data-label="Details"]').allTextContents();
    expect(names.filter((n) => n.includes('"bulk-')).length).toBe(60);
    expect(new Set(names).size).toBe(names.length);
  });

  test('a labeler signs in to the labeling page and sees only what a labeler may', async () => {
    await addUser('lou.labeler@example.com', 'labeler');
    await signInAs('lou.labeler@example.com');
    await page.waitForURL(/\/labeling$/);
    await page.getByText('No labeling queue names you yet.').waitFor();
    const banner = page.getByRole('banner');
    for (const name of ['Transcripts', 'Models', 'Judge', 'Upload', 'API']) expect(await banner.getByRole('link', { name, exact: true }).count(), name).toBe(0);
    expect(await banner.getByRole('link', { name: 'Settings' }).count()).toBe(1);
    await screenshots('labeling');

    // An old link to a staff page leads to the labeling page, not to a 403.
    await page.goto(`${e2e.server.url}/transcripts`);
    await page.waitForURL(/\/labeling$/);
    await page.goto(`${e2e.server.url}/settings/tokens`);
    await page.getByRole('heading', { name: 'Not available' }).waitFor();
    expect(await main().textContent()).toContain('API tokens is for researchers and admins.');

    await banner.getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL(/\/settings\/password$/);
    expect(await page.getByRole('navigation', { name: 'Settings' }).getByRole('link').allTextContents()).toEqual(['Change password']);
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel(/^New password/).fill('lou-new-password-1');
    await page.getByLabel('Confirm new password').fill('lou-new-password-1');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'The current password is wrong' }).waitFor();
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. You stay signed in here; your other sessions have ended.').waitFor();
    await screenshots('password');

    await page.context().clearCookies();
    await signInAs('lou.labeler@example.com', 'lou-new-password-1');
    await page.waitForURL(/\/labeling$/);
  });
});
