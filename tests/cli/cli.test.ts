import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import { repoRoot, runCli, startCharlens, type RunningServer } from '../helpers/server.ts';

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

  test('a server that answers before the file is sent is heard; a server that is not there is named', async () => {
    // 20 MB against a 1 MB limit: the server answers 413 while the CLI is still sending, and closes.
    const small = await startCharlens({ ...env, DATABASE_URL: `file:${join(dir, 'small.db')}`, CHARLENS_MAX_BODY_BYTES: String(1024 * 1024) });
    try {
      const file = join(dir, 'big.ndjson');
      writeFileSync(file, ndjson(Array.from({ length: 400 }, () => nativeLine({ messages: [{ role: 'user', content: 'z'.repeat(50_000) }] }))));
      const refused = await runCli(['upload', file, '--url', small.url, '--token', TOKEN]);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(/failed \(HTTP 413\): Request body is over the limit of 1048576 bytes/);
    } finally {
      await small.stop();
    }
    const one = join(dir, 'one.ndjson');
    writeFileSync(one, ndjson([nativeLine()]));
    const gone = await runCli(['upload', one, '--url', small.url, '--token', TOKEN]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/uploading to http:\/\/127\.0\.0\.1:\d+ failed: connect ECONNREFUSED/);
  });
});

describe('charlens upload of eval formats', () => {
  const fixtures = join(repoRoot, 'tests/fixtures/import');
  test('detects each file\'s format and imports MT-Bench files together in one request', async () => {
    const mt = ['question.jsonl', 'model_answer/model-a.jsonl', 'model_answer/model-b.jsonl', 'model_judgment/judge_pair.jsonl'].map((f) => join(fixtures, 'mtbench', f));
    const result = await runCli(['upload', join(fixtures, 'spiral-small.json'), ...mt, '--url', server.url, '--token', TOKEN]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/spiral-small\.json: spiral: 2 inserted, 0 duplicates, \d+ scores, 0 comparisons/);
    expect(result.stdout).toMatch(/question\.jsonl, .*judge_pair\.jsonl: mtbench: \d+ inserted, 0 duplicates, 0 scores, [1-9]\d* comparisons/);
  });

  test('chat JSONL with --model, and a forced wrong format fails clearly', async () => {
    const chat = join(fixtures, 'openai-chat.jsonl');
    const ok = await runCli(['upload', chat, '--model', 'cli-model', '--url', server.url, '--token', TOKEN]);
    expect(ok.stdout).toMatch(/openai-chat\.jsonl: openai: [1-9]\d* inserted/);
    const wrong = await runCli(['upload', chat, '--format', 'spiral', '--url', server.url, '--token', TOKEN]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/failed \(HTTP 422\): Cannot read the upload as spiral/);
    const bogus = await runCli(['upload', chat, '--format', 'csv', '--url', server.url, '--token', TOKEN]);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/--format must be auto or one of/);
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
