import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { roleScopes, routeAccess, type TokenScope } from '../../server/auth/access.ts';
import { LoginLimiter } from '../../server/auth/rate-limit.ts';
import { createApiToken, createUser } from '../../server/auth/users.ts';
import type { Role } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';

const PASSWORD = 'a long enough password';

const jsonPost = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

interface Principal {
  name: string;
  role: Role;
  scopes: readonly TokenScope[];
  headers: Record<string, string>;
}

async function signIn(t: TestApp, email: string, password = PASSWORD): Promise<string> {
  const res = await t.app.request('/api/v1/auth/login', jsonPost({ email, password }));
  expect(res.status, `sign in ${email}`).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

interface Operation {
  method: string;
  path: string;
  public: boolean;
}

async function documentedOperations(t: TestApp): Promise<Operation[]> {
  const doc: { paths: Record<string, Record<string, { security?: unknown[] }>> } = await (await t.app.request('/api/v1/openapi.json')).json();
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, public: op.security?.length === 0 })));
}

/** A request a caller could make: ids that exist nowhere, an empty JSON body. Allowed callers get past the access check and fail later (400/404/415/422), or succeed. */
function requestFor(op: Operation, headers: Record<string, string>): [string, RequestInit] {
  const path = op.path.replace(/\{[^}]+\}/g, '01nothinghere');
  const init: RequestInit = { method: op.method, headers: { ...headers } };
  if (op.method !== 'GET' && op.method !== 'DELETE') {
    init.headers = { ...headers, 'content-type': 'application/json' };
    init.body = '{}';
  }
  return [path, init];
}

describe('roles and scopes, route by route', () => {
  let t: TestApp;
  let operations: Operation[];
  const principals: Principal[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    operations = await documentedOperations(t);
    for (const role of ['admin', 'researcher', 'labeler'] as const) {
      const user = await createUser(t.database, { email: `${role}@roles.example`, password: PASSWORD, role }, null);
      principals.push({ name: `${role} session`, role, scopes: roleScopes[role], headers: { cookie: await signIn(t, `${role}@roles.example`) } });
      for (const scope of roleScopes[role]) {
        const { token } = await createApiToken(t.database, { userId: user.id, name: `${role}-${scope}`, scopes: [scope] });
        // An admin-scoped token has every scope; the others only their one.
        principals.push({ name: `${role} token [${scope}]`, role, scopes: scope === 'admin' ? roleScopes.admin : [scope], headers: { authorization: `Bearer ${token}` } });
      }
    }
  });
  afterAll(() => t.cleanup());

  test('the access table and the OpenAPI document list the same routes, and the document marks the same ones public', () => {
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(Object.keys(routeAccess).sort());
    for (const op of operations) expect(op.public, `${op.method} ${op.path}`).toBe(routeAccess[`${op.method} ${op.path}`]?.public === true);
  });

  test('without credentials every route but the public ones answers 401', async () => {
    for (const op of operations) {
      if (op.public) continue;
      const [path, init] = requestFor(op, {});
      expect((await t.app.request(path, init)).status, `${op.method} ${op.path}`).toBe(401);
    }
  });

  test('each role and token scope is refused exactly where the table says (403), and passes everywhere else', async () => {
    const checked: string[] = [];
    for (const principal of principals) {
      for (const op of operations) {
        // Signing out would end the session this loop uses; it is public and tested on its own.
        if (op.public) continue;
        const access = routeAccess[`${op.method} ${op.path}`];
        if (!access || access.public) continue;
        const allowed = access.roles.includes(principal.role) && (access.scope === null || principal.scopes.includes(access.scope));
        const [path, init] = requestFor(op, principal.headers);
        const status = (await t.app.request(path, init)).status;
        const where = `${principal.name}: ${op.method} ${op.path} → ${status}`;
        if (allowed) expect([401, 403], where).not.toContain(status);
        else expect(status, where).toBe(403);
        checked.push(where);
      }
    }
    expect(checked.length).toBeGreaterThan(300);
  });

  test('a labeler reads no transcript, uploads nothing and mints no token', async () => {
    const labeler = principals.find((p) => p.name === 'labeler session');
    const headers = labeler?.headers ?? {};
    const before = await t.count('transcripts');
    expect((await t.app.request('/api/v1/transcripts', { headers })).status).toBe(403);
    expect((await t.app.request('/api/v1/stats/traits', { headers })).status).toBe(403);
    const upload = await t.app.request('/api/v1/transcripts/batch', { method: 'POST', headers: { ...headers, 'content-type': 'application/x-ndjson' }, body: ndjson([nativeLine()]) });
    expect(upload.status).toBe(403);
    expect((await t.app.request('/api/v1/tokens', jsonPost({ name: 'x', scopes: ['label'] }, headers))).status).toBe(403);
    expect((await t.app.request('/api/v1/demo', { method: 'POST', headers })).status).toBe(403);
    const me: any = await (await t.app.request('/api/v1/auth/me', { headers })).json();
    expect(me).toMatchObject({ user: { role: 'labeler' }, via: 'session', scopes: ['label'] });
    expect(await t.count('transcripts')).toBe(before);
  });
});

describe('tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.cleanup());

  test('a read-only token cannot revoke its owner’s other tokens, only itself; the owner signed in and an admin can', async () => {
    const researcher = await createUser(t.database, { email: 'r@tokens.example', password: PASSWORD, role: 'researcher' }, null);
    const reader = await createApiToken(t.database, { userId: researcher.id, name: 'reader', scopes: ['read'] });
    const uploader = await createApiToken(t.database, { userId: researcher.id, name: 'uploader', scopes: ['ingest'] });
    const asReader = { authorization: `Bearer ${reader.token}` };
    expect((await t.app.request(`/api/v1/tokens/${uploader.id}`, { method: 'DELETE', headers: asReader })).status).toBe(404);
    expect((await t.app.request(`/api/v1/tokens/${t.admin.id}`, { method: 'DELETE', headers: asReader })).status).toBe(404);
    expect((await t.app.request('/api/v1/models', { headers: { authorization: `Bearer ${uploader.token}` } })).status).toBe(403);
    expect((await t.app.request(`/api/v1/tokens/${reader.id}`, { method: 'DELETE', headers: asReader })).status).toBe(200);
    expect((await t.app.request('/api/v1/models', { headers: asReader })).status).toBe(401);
    // The owner, signed in, revokes the other one; an admin can revoke anyone's.
    const cookie = await signIn(t, 'r@tokens.example');
    const third = await createApiToken(t.database, { userId: researcher.id, name: 'third', scopes: ['read'] });
    expect((await t.app.request(`/api/v1/tokens/${uploader.id}`, { method: 'DELETE', headers: { cookie } })).status).toBe(200);
    expect((await t.request(`/api/v1/tokens/${third.id}`, { method: 'DELETE' })).status).toBe(200);
  });

  test('a token carries at most its owner’s role: no admin scope for a researcher, and a token passes on only its own scopes', async () => {
    const researcher = await createUser(t.database, { email: 'r2@tokens.example', password: PASSWORD, role: 'researcher' }, null);
    const cookie = await signIn(t, 'r2@tokens.example');
    const refused = await t.app.request('/api/v1/tokens', jsonPost({ name: 'root', scopes: ['admin'] }, { cookie }));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.message).toBe('A researcher cannot create a token with the "admin" scope');
    const reader = await createApiToken(t.database, { userId: researcher.id, name: 'reader', scopes: ['read'] });
    const escalate = await t.app.request('/api/v1/tokens', jsonPost({ name: 'more', scopes: ['ingest'] }, { authorization: `Bearer ${reader.token}` }));
    expect(escalate.status).toBe(403);
    // An admin-scoped token in the database of a user who is no longer an admin has only the new role's scopes.
    await t.database.client.execute({ sql: "UPDATE api_tokens SET scopes = '[\"admin\"]' WHERE id = ?", args: [reader.id] });
    expect((await t.app.request('/api/v1/users', { headers: { authorization: `Bearer ${reader.token}` } })).status).toBe(403);
    expect((await t.app.request('/api/v1/models', { headers: { authorization: `Bearer ${reader.token}` } })).status).toBe(200);
  });
});

describe('CSRF: cookie-authenticated changes from another origin are refused', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    await createUser(t.database, { email: 'victim@csrf.example', password: PASSWORD, role: 'researcher' }, null);
    cookie = await signIn(t, 'victim@csrf.example');
  });
  afterAll(() => t.cleanup());

  test('a text/plain form post, a no-cors multipart fetch and a JSON post with a foreign Origin are 403, nothing written', async () => {
    const foreign = { cookie, origin: 'https://evil.example' };
    const form = await t.app.request('http://localhost/api/v1/transcripts/batch', { method: 'POST', headers: { ...foreign, 'content-type': 'text/plain' }, body: ndjson([nativeLine()]) });
    expect(form.status).toBe(403);
    expect(((await form.json()) as any).error.message).toMatch(/Cross-site request refused/);
    const data = new FormData();
    data.append('file', new Blob([ndjson([nativeLine()])]), 'x.ndjson');
    expect((await t.app.request('http://localhost/api/v1/imports', { method: 'POST', headers: foreign, body: data })).status).toBe(403);
    expect((await t.app.request('http://localhost/api/v1/tokens', jsonPost({ name: 'stolen', scopes: ['read'] }, foreign))).status).toBe(403);
    expect((await t.app.request('http://localhost/api/v1/tokens', jsonPost({ name: 'stolen' }, { cookie, 'sec-fetch-site': 'cross-site' }))).status).toBe(403);
    expect(await t.count('transcripts')).toBe(0);
    expect(await t.count('api_tokens')).toBe(1);
  });

  test('the same requests from the app’s own origin pass, and Bearer-token requests are not checked', async () => {
    const own = await t.app.request('http://localhost/api/v1/tokens', jsonPost({ name: 'mine', scopes: ['read'] }, { cookie, origin: 'http://localhost' }));
    expect(own.status).toBe(201);
    const scripted = await t.app.request('http://localhost/api/v1/transcripts/batch', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, origin: 'https://elsewhere.example', 'content-type': 'application/x-ndjson' },
      body: ndjson([nativeLine()]),
    });
    expect(scripted.status).toBe(200);
  });
});

describe('sign-in throttling and timing', () => {
  test('past 5 failures an account waits (429 with Retry-After), even with the right password, and is let in after the window', async () => {
    let now = 1_000_000;
    const t = await createTestApp({ security: { loginLimiter: new LoginLimiter({ windowMs: 60_000, perAccount: 5, perAddress: 100 }, () => now) } });
    try {
      for (let i = 0; i < 5; i++) expect((await t.app.request('/api/v1/auth/login', jsonPost({ email: 'admin@example.com', password: 'wrong' }))).status).toBe(401);
      const locked = await t.app.request('/api/v1/auth/login', jsonPost({ email: 'admin@example.com', password: 'correct horse battery' }));
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBe(60);
      now += 61_000;
      expect((await t.app.request('/api/v1/auth/login', jsonPost({ email: 'admin@example.com', password: 'correct horse battery' }))).status).toBe(200);
    } finally {
      t.cleanup();
    }
  });

  test('an unknown email costs the same password check as a known one', async () => {
    const t = await createTestApp();
    try {
      const time = async (email: string) => {
        const start = performance.now();
        await t.app.request('/api/v1/auth/login', jsonPost({ email, password: 'wrong password' }));
        return performance.now() - start;
      };
      await time('warm@example.com');
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 4; i++) {
        known.push(await time('admin@example.com'));
        unknown.push(await time(`nobody${i}@example.com`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      // Both run scrypt (tens of ms); without the dummy hash the unknown email answered in ~5 ms.
      expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
    } finally {
      t.cleanup();
    }
  });
});

describe('sessions end when they should', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ security: { sessionPolicy: { ttlMs: 60 * 60 * 1000, idleMs: 10 * 60 * 1000 } } });
    await createUser(t.database, { email: 'u@sessions.example', password: PASSWORD, role: 'researcher' }, null);
  });
  afterAll(() => t.cleanup());

  test('an idle session and an expired one are over; the cookie lives no longer than the session', async () => {
    const login = await t.app.request('/api/v1/auth/login', jsonPost({ email: 'u@sessions.example', password: PASSWORD }));
    expect(login.headers.get('set-cookie')).toMatch(/Max-Age=3600/);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await t.app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(200);
    await t.database.client.execute({ sql: 'UPDATE sessions SET last_seen_at = ?', args: [Date.now() - 11 * 60 * 1000] });
    expect((await t.app.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
    const again = await signIn(t, 'u@sessions.example');
    await t.database.client.execute({ sql: 'UPDATE sessions SET expires_at = ?', args: [Date.now() - 1] });
    expect((await t.app.request('/api/v1/auth/me', { headers: { cookie: again } })).status).toBe(401);
  });

  test('changing the password ends the other sessions; an admin disabling a user ends theirs and stops their tokens', async () => {
    const first = await signIn(t, 'u@sessions.example');
    const second = await signIn(t, 'u@sessions.example');
    const change = await t.app.request('/api/v1/auth/password', jsonPost({ currentPassword: PASSWORD, newPassword: 'another long password' }, { cookie: first }));
    expect(change.status).toBe(200);
    expect((await t.app.request('/api/v1/auth/me', { headers: { cookie: first } })).status).toBe(200);
    expect((await t.app.request('/api/v1/auth/me', { headers: { cookie: second } })).status).toBe(401);
    const wrong = await t.app.request('/api/v1/auth/password', jsonPost({ currentPassword: 'nope', newPassword: 'yet another password' }, { cookie: first }));
    expect(wrong.status).toBe(400);

    const users: any = await (await t.request('/api/v1/users')).json();
    const user = users.items.find((u: { email: string }) => u.email === 'u@sessions.example');
    const { token } = await createApiToken(t.database, { userId: user.id, name: 'script', scopes: ['read'] });
    const disable = await t.request(`/api/v1/users/${user.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ disabled: true }) });
    expect(await disable.json()).toEqual({ user: { id: user.id, email: 'u@sessions.example', role: 'researcher', disabled: true } });
    expect((await t.app.request('/api/v1/auth/me', { headers: { cookie: first } })).status).toBe(401);
    expect((await t.app.request('/api/v1/models', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await t.app.request('/api/v1/auth/login', jsonPost({ email: 'u@sessions.example', password: 'another long password' }))).status).toBe(401);
    // Enabled again with a reset password, they sign in with it.
    await t.request(`/api/v1/users/${user.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ disabled: false, password: 'reset by the admin' }) });
    expect((await t.app.request('/api/v1/auth/login', jsonPost({ email: 'u@sessions.example', password: 'reset by the admin' }))).status).toBe(200);
  });

  test('an admin cannot disable themselves or drop their own admin role', async () => {
    const res = await t.request(`/api/v1/users/${t.admin.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'researcher' }) });
    expect(res.status).toBe(403);
  });
});

describe('security headers', () => {
  test('API answers carry a strict CSP, nosniff, frame-ancestors none and a referrer policy', async () => {
    const t = await createTestApp();
    try {
      for (const path of ['/api/v1/health', '/api/v1/nope']) {
        const res = await t.app.request(path);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).toContain("frame-ancestors 'none'");
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('referrer-policy')).toBe('same-origin');
      }
      expect((await t.app.request('/api/docs')).headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
    } finally {
      t.cleanup();
    }
  });
});

describe('the audit log', () => {
  test('records uploads, imports, token and user changes, who and when; only admins read it', async () => {
    const t = await createTestApp();
    try {
      expect((await t.upload(ndjson([nativeLine()]))).status).toBe(200);
      const data = new FormData();
      data.append('file', new Blob([ndjson([nativeLine()])]), 'one.ndjson');
      expect((await t.request('/api/v1/imports', { method: 'POST', body: data })).status).toBe(200);
      const created: any = await (await t.request('/api/v1/tokens', jsonPost({ name: 'audited', scopes: ['read'] }))).json();
      await t.request(`/api/v1/tokens/${created.id}`, { method: 'DELETE' });
      const user: any = await (await t.request('/api/v1/users', jsonPost({ email: 'new@audit.example', password: PASSWORD, role: 'labeler' }))).json();
      await t.request(`/api/v1/users/${user.user.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'researcher' }) });
      const log: any = await (await t.request('/api/v1/audit')).json();
      const actions = log.items.map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['upload', 'import', 'token.create', 'token.revoke', 'user.create', 'user.update']));
      const update = log.items.find((e: { action: string }) => e.action === 'user.update');
      expect(update).toMatchObject({ email: 'admin@example.com', target: user.user.id, details: { role: 'labeler → researcher' } });
      expect((await t.request('/api/v1/audit?action=upload')).status).toBe(200);
      const { token } = await createApiToken(t.database, { userId: user.user.id, name: 'r', scopes: ['read'] });
      expect((await t.app.request('/api/v1/audit', { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    } finally {
      t.cleanup();
    }
  });
});
