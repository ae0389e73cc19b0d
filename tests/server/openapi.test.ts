import { afterAll, beforeAll, expect, test } from 'vitest';
import { operations } from '../../server/openapi.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.cleanup());

test('the OpenAPI document describes exactly the routes the app serves', async () => {
  const served = new Set(
    t.app.routes
      .filter((r) => ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'].includes(r.method) && r.path.startsWith('/api/v1'))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '')}`),
  );
  const documented = new Set(operations.map((o) => `${o.method} ${o.path}`));
  expect([...served].sort()).toEqual([...documented].sort());

  const res = await t.request('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  const doc: any = await res.json();
  expect(doc.openapi).toBe('3.1.0');
  const list = doc.paths['/api/v1/transcripts'].get;
  expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(['model', 'scenario', 'tag', 'q', 'trait', 'min', 'max', 'source', 'labeled', 'cursor', 'limit']);
  expect(doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
});
