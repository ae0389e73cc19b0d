import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import { runCli, startCharlens, type RunningServer } from '../helpers/server.ts';

const TOKEN = 'clt_cli-test-token';
let dir: string;
let server: RunningServer;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'charlens-cli-'));
  env = {
    DATABASE_URL: `file:${join(dir, 'cli.db')}`,
    CHARLENS_INIT_ADMIN_EMAIL: 'admin@example.com',
    CHARLENS_INIT_ADMIN_PASSWORD: 'admin-password',
    CHARLENS_INIT_API_TOKEN: TOKEN,
  };
  server = await startCharlens(env);
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('charlens upload', () => {
  test('uploads plain and gzipped NDJSON files and prints a summary', async () => {
    const plain = join(dir, 'a.ndjson');
    const gz = join(dir, 'b.ndjson.gz');
    writeFileSync(plain, ndjson([nativeLine(), nativeLine(), nativeLine()]));
    writeFileSync(gz, gzipSync(ndjson([nativeLine(), nativeLine()])));
    const first = await runCli(['upload', plain, gz, '--url', server.url, '--token', TOKEN]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`${plain}: 3 inserted, 0 duplicates, 0 errors`);
    expect(first.stdout).toContain(`${gz}: 2 inserted, 0 duplicates, 0 errors`);
    const again = await runCli(['upload', plain], { CHARLENS_URL: server.url, CHARLENS_TOKEN: TOKEN });
    expect(again.stdout).toContain(`${plain}: 0 inserted, 3 duplicates, 0 errors`);
  });

  test('a file with bad lines fails with their line numbers, and --no-atomic writes the rest', async () => {
    const file = join(dir, 'bad.ndjson');
    writeFileSync(file, [JSON.stringify(nativeLine()), '{oops', JSON.stringify({ model: 'm' })].join('\n'));
    const atomic = await runCli(['upload', file, '--url', server.url, '--token', TOKEN]);
    expect(atomic.code).toBe(1);
    expect(atomic.stdout).toMatch(/failed \(HTTP 422\): 2 of 3 lines are invalid/);
    expect(atomic.stdout).toMatch(/line 2: malformed JSON/);
    expect(atomic.stdout).toMatch(/line 3: messages: messages is required/);
    const lenient = await runCli(['upload', file, '--no-atomic', '--url', server.url, '--token', TOKEN]);
    expect(lenient.code).toBe(1);
    expect(lenient.stdout).toContain(`${file}: 1 inserted, 0 duplicates, 2 errors`);
  });

  test('a wrong token or a missing file is a clear failure', async () => {
    const file = join(dir, 'c.ndjson');
    writeFileSync(file, ndjson([nativeLine()]));
    const denied = await runCli(['upload', file, '--url', server.url, '--token', 'clt_wrong']);
    expect(denied.code).toBe(1);
    expect(denied.stdout).toMatch(/failed \(HTTP 401\): API token is invalid or revoked/);
    const noToken = await runCli(['upload', file, '--url', server.url], { CHARLENS_TOKEN: '' });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/needs --token/);
    const missing = await runCli(['upload', join(dir, 'nope.ndjson'), '--url', server.url, '--token', TOKEN]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.ndjson/);
  });
});

describe('charlens token create', () => {
  test('creates a working token for a user of the local database', async () => {
    const created = await runCli(['token', 'create', '--email', 'admin@example.com', '--name', 'script'], env);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^clt_[\w-]{40,}$/);
    const res = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await res.json()).toMatchObject({ user: { email: 'admin@example.com' }, via: 'token' });
    const unknown = await runCli(['token', 'create', '--email', 'ghost@example.com'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no user ghost@example.com/);
  });
});
