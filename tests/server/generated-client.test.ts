import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { serve, type ServerType } from '@hono/node-server';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS from 'openapi-typescript';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { freePort, repoRoot } from '../helpers/server.ts';

let t: TestApp;
let dir: string;
let server: ServerType;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp();
  // Inside the repository, so that the script resolves openapi-fetch from its node_modules like a user's would.
  mkdirSync(join(repoRoot, 'tests/.artifacts'), { recursive: true });
  dir = mkdtempSync(join(repoRoot, 'tests/.artifacts/client-'));
  const port = await freePort();
  server = serve({ fetch: t.app.fetch, hostname: '127.0.0.1', port });
  baseUrl = `http://127.0.0.1:${port}`;
});
afterAll(() => {
  server.close();
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function typecheck(): { ok: boolean; output: string } {
  try {
    execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.check.json')], { cwd: dir, stdio: 'pipe' });
    return { ok: true, output: '' };
  } catch (err) {
    const stdout = typeof err === 'object' && err !== null && 'stdout' in err ? String(err.stdout) : String(err);
    return { ok: false, output: stdout };
  }
}

test('types generated from the served document type-check the README example script, and catch a wrong field', { timeout: 60_000 }, async () => {
  const document = await (await t.app.request('/api/v1/openapi.json')).json();
  writeFileSync(join(dir, 'charlens-api.ts'), await openapiTS(document));
  copyFileSync(join(repoRoot, 'docs/examples/upload-and-query.ts'), join(dir, 'upload-and-query.ts'));
  writeFileSync(
    join(dir, 'tsconfig.check.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        skipLibCheck: true,
        types: ['node'],
      },
      files: ['upload-and-query.ts'],
    }),
  );
  const good = typecheck();
  expect(good.output).toBe('');
  expect(good.ok).toBe(true);

  // And it runs: against this app over HTTP, with an API token, as a user would run it.
  // Asynchronously: the server answering it runs in this process.
  const { stdout: output } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'upload-and-query.ts'], {
    cwd: dir,
    // A clean environment: the test runner's own (NODE_OPTIONS, conditions) is not the user's.
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', CHARLENS_URL: baseUrl, CHARLENS_TOKEN: t.token },
    encoding: 'utf8',
  });
  expect(output).toContain('inserted 1, duplicates 0');
  expect(output).toContain('example/pb-001/0 pushback (import): 4 = 1 imported score');
  expect(output).toMatch(/my-model-v2: 4 \[null, null\] over 1 scenarios/);

  // The types carry the response schemas: a field the API does not have is a compile error.
  writeFileSync(join(dir, 'upload-and-query.ts'), `${readFileSync(join(repoRoot, 'docs/examples/upload-and-query.ts'), 'utf8')}\nif (page.data) console.log(page.data.items[0]?.notAField);\n`);
  const bad = typecheck();
  expect(bad.ok).toBe(false);
  expect(bad.output).toMatch(/notAField/);
});
