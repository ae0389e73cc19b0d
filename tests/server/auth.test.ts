import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { bootstrapAuth } from '../../server/auth/bootstrap.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTestDb } from '../helpers/db.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ setupToken: null });
});
afterEach(() => t.cleanup());

const jsonPost = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

function sessionCookie(res: Response): string {
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/charlens_session=/);
  expect(cookie).toMatch(/HttpOnly/);
  return cookie.split(';')[0] ?? '';
}

describe('sessions', () => {
  test('login sets a session cookie; me says who; logout ends it', async () => {
    const login = await t.app.request('/api/v1/auth/login', jsonPost({ email: 'Admin@Example.com', password: 'correct horse battery' }));
    expect(login.status).toBe(200);
    const cookie = sessionCookie(login);
    const me = await t.app.request('/api/v1/auth/me', { headers: { cookie } });
    expect(await me.json()).toMatchObject({ user: { email: 'admin@example.com', role: 'admin' }, via: 'session' });
    expect((await t.app.request('/api/v1/transcripts', { headers: { cookie } })).status).toBe(200);
    expect((await t.app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(200);
    expect((await t.app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
  });

  test('the users page keeps a user\'s last activity after they sign out (their session row is gone)', async () => {
    const before = Date.now();
    const login = await t.app.request('/api/v1/auth/login', jsonPost({ email: 'admin@example.com', password: 'correct horse battery' }));
    const cookie = sessionCookie(login);
    expect((await t.app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(200);
    const list = await t.request('/api/v1/users');
    const admin = ((await list.json()) as { items: { email: string; lastSeenAt: string | null }[] }).items.find((u) => u.email === 'admin@example.com');
    expect(admin?.lastSeenAt).not.toBeNull();
    expect(Date.parse(admin?.lastSeenAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
  });

  test('a wrong password and an unknown email get the same 401', async () => {
    const wrong = await t.app.request('/api/v1/auth/login', jsonPost({ email: 'admin@example.com', password: 'nope' }));
    const unknown = await t.app.request('/api/v1/auth/login', jsonPost({ email: 'who@example.com', password: 'nope' }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  test('bad login bodies are 400s naming the field, oversized ones a 413', async () => {
    const res = await t.app.request('/api/v1/auth/login', jsonPost({ email: 'not-an-email', password: '' }));
    expect(res.status).toBe(400);
    const body: any = await res.json();
    expect(body.error.details.map((d: { field: string }) => d.field)).toEqual(['email', 'password']);
    const garbage = await t.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    expect(garbage.status).toBe(400);
    const huge = await t.app.request('/api/v1/auth/login', jsonPost({ email: 'a@b.co', password: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
  });

  test('every API route the OpenAPI document does not mark public needs a user', async () => {
    const doc: { paths: Record<string, Record<string, { security?: unknown[] }>> } = await (await t.app.request('/api/v1/openapi.json')).json();
    const guarded = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.security?.length !== 0)
        .map(([method]) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, '01abc') })),
    );
    expect(guarded.length).toBeGreaterThan(20);
    for (const { method, path } of guarded) {
      const res = await t.app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect((await t.app.request('/api/v1/health')).status).toBe(200);
    expect((await t.app.request('/api/v1/openapi.json')).status).toBe(200);
    expect((await t.app.request('/api/v1/transcripts', { headers: { authorization: 'Bearer clt_forged' } })).status).toBe(401);
    expect((await t.app.request('/api/v1/transcripts', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });
});

describe('users and tokens', () => {
  test('an admin adds users; others may not', async () => {
    const res = await t.request('/api/v1/users', jsonPost({ email: 'lab@example.com', password: 'labeler-pass', role: 'labeler' }));
    expect(res.status).toBe(201);
    expect((await t.request('/api/v1/users', jsonPost({ email: 'LAB@example.com', password: 'labeler-pass', role: 'labeler' }))).status).toBe(409);
    const login = await t.app.request('/api/v1/auth/login', jsonPost({ email: 'lab@example.com', password: 'labeler-pass' }));
    const cookie = sessionCookie(login);
    const denied = await t.app.request('/api/v1/users', jsonPost({ email: 'x@example.com', password: 'whatever-pass', role: 'admin' }, { cookie }));
    expect(denied.status).toBe(403);
    const weak = await t.request('/api/v1/users', jsonPost({ email: 'w@example.com', password: 'short', role: 'labeler' }));
    expect(weak.status).toBe(400);
  });

  test('tokens are shown once, stored hashed, listed and revoked', async () => {
    const created: any = await (await t.request('/api/v1/tokens', jsonPost({ name: 'ci', scopes: ['read', 'ingest'] }))).json();
    expect(created.token).toMatch(/^clt_/);
    const stored = await t.database.client.execute('SELECT token_hash FROM api_tokens');
    expect(stored.rows.map((r) => r['token_hash'])).not.toContain(created.token);
    const list: any = await (await t.request('/api/v1/tokens')).json();
    expect(list.items.map((i: { name: string }) => i.name)).toContain('ci');
    expect(JSON.stringify(list)).not.toContain(created.token);
    const auth = { authorization: `Bearer ${created.token}` };
    expect((await t.app.request('/api/v1/models', { headers: auth })).status).toBe(200);
    // Wait until the queued "last used" write has landed, through the same queue.
    await t.database.write(async () => undefined);
    const used: any = await (await t.request('/api/v1/tokens')).json();
    expect(used.items.find((i: { name: string }) => i.name === 'ci').lastUsedAt).toMatch(/^\d{4}-/);
    expect((await t.app.request('/api/v1/users', jsonPost({ email: 'n@example.com', password: 'whatever-password', role: 'labeler' }, auth))).status).toBe(403);
    expect((await t.request(`/api/v1/tokens/${created.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await t.app.request('/api/v1/models', { headers: auth })).status).toBe(401);
  });
});

describe('first start', () => {
  test('the one-time setup token creates the first admin, once', async () => {
    const fresh = await createTestApp({ setupToken: 'one-time-secret' });
    try {
      const health: any = await (await fresh.app.request('/api/v1/health')).json();
      expect(health).toEqual({ status: 'ok', needsSetup: true });
      const wrong = await fresh.app.request('/api/v1/auth/setup', jsonPost({ token: 'guess', email: 'me@example.com', password: 'long enough' }));
      expect(wrong.status).toBe(403);
      const ok = await fresh.app.request('/api/v1/auth/setup', jsonPost({ token: 'one-time-secret', email: 'me@example.com', password: 'long enough' }));
      expect(ok.status).toBe(201);
      sessionCookie(ok);
      const again = await fresh.app.request('/api/v1/auth/setup', jsonPost({ token: 'one-time-secret', email: 'me2@example.com', password: 'long enough' }));
      expect(again.status).toBe(403);
      expect(await (await fresh.app.request('/api/v1/health')).json()).toEqual({ status: 'ok', needsSetup: false });
    } finally {
      fresh.cleanup();
    }
  });

  test('init variables create the admin and a token with that exact value, once', async () => {
    const { database, cleanup } = await createTestDb();
    try {
      const env = { initAdminEmail: 'root@example.com', initAdminPassword: 'init-password', initApiToken: 'clt_exact-value' };
      expect(await bootstrapAuth(database, env, silentLogger)).toEqual({ setupToken: null });
      expect(await bootstrapAuth(database, env, silentLogger)).toEqual({ setupToken: null });
      const users = await database.client.execute('SELECT email, role FROM users');
      expect(users.rows.map((r) => [r['email'], r['role']])).toEqual([['root@example.com', 'admin']]);
      expect(Number((await database.client.execute('SELECT count(*) AS n FROM api_tokens')).rows[0]?.['n'])).toBe(1);
    } finally {
      cleanup();
    }
  });

  test('with no admin and no init variables a setup token is made', async () => {
    const { database, cleanup } = await createTestDb();
    try {
      const { setupToken } = await bootstrapAuth(database, { initAdminEmail: undefined, initAdminPassword: undefined, initApiToken: undefined }, silentLogger);
      expect(setupToken).toMatch(/^[\w-]{20,}$/);
    } finally {
      cleanup();
    }
  });
});
