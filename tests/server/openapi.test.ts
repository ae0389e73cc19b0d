import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
let doc: any;
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.request('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = await res.json();
});
afterAll(() => t.cleanup());

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function operations(): { method: string; path: string; op: any }[] {
  return Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ method, path, op })),
  );
}

describe('GET /api/v1/openapi.json', () => {
  test('is generated from the app: it describes exactly the routes the app serves', () => {
    const served = new Set(
      t.app.routes
        .filter((r) => METHODS.includes(r.method.toLowerCase()) && r.path.startsWith('/api/v1/'))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '')}`),
    );
    const documented = new Set(operations().map((o) => `${o.method} ${o.path}`));
    expect([...documented].sort()).toEqual([...served].sort());
    expect(doc.openapi).toBe('3.1.0');
  });

  test('needs no credentials, so a client generator can fetch it', async () => {
    const res = await t.app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
  });

  test('every operation has a summary, a tag, a success response with a schema, and documented errors', () => {
    for (const { method, path, op } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(op.summary, where).toBeTruthy();
      expect(op.tags?.length, where).toBeGreaterThan(0);
      const success = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s));
      expect(success.length, where).toBe(1);
      const content = op.responses[success[0] ?? ''].content;
      const [media] = Object.keys(content);
      if (media === 'application/json') expect(content[media].schema, where).toBeTruthy();
      expect(op.responses.default?.content['application/json'].schema, where).toEqual({ $ref: '#/components/schemas/Error' });
      if (op.security?.length !== 0) expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  test('every parameter is described, and the trait range filter says what it filters on', () => {
    for (const { method, path, op } of operations()) {
      for (const p of op.parameters ?? []) expect(p.description, `${method} ${path} ${p.in} ${p.name}`).toBeTruthy();
    }
    const list = doc.paths['/api/v1/transcripts'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(['model', 'scenario', 'tag', 'q', 'trait', 'min', 'max', 'source', 'labeled', 'thinking', 'thinkingMin', 'cursor', 'limit']);
    const min = list.parameters.find((p: { name: string }) => p.name === 'min');
    expect(min.description).toMatch(/per-transcript value/);
  });

  test('request bodies and response schemas are there for a generated client', () => {
    expect(doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    expect(Object.keys(doc.paths['/api/v1/imports'].post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(doc.paths['/api/v1/transcripts/{id}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Transcript' });
    const traitValue = doc.components.schemas.TraitValue;
    expect(traitValue.properties.basis.description).toMatch(/mean of/);
  });
});

describe('GET /api/docs', () => {
  test('serves the API reference page and its assets from this origin, without credentials', async () => {
    const page = await t.app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/swagger-ui-bundle.js');
    expect(html).toContain('/api/docs/start.js');
    expect(html).not.toMatch(/<script>[^<]/);
    const bundle = await t.app.request('/api/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    expect((await t.app.request('/api/docs/start.js')).status).toBe(200);
    expect((await t.app.request('/api/docs/../../etc/passwd')).status).toBe(404);
  });
});
