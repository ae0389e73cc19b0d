import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { formatChoices } from '../../server/cli/main.ts';
import type { ImportFormat } from '../../server/ingest/formats/format.ts';
import { builtInFormats } from '../../server/ingest/formats/registry.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/** A format that exists only in this test: one module-like object, added to the registry in one line. */
const fakeFormat: ImportFormat = {
  name: 'fake-log',
  title: 'Fake log',
  description: 'FAKE on the first line, then one user turn per line',
  extensions: ['.fake'],
  detect: (sample) => sample.text.startsWith('FAKE\n'),
  traits: { 'fake.quality': { title: 'Quality (fake log)', polarity: 'higher_is_better', scale: { kind: 'numeric', min: 0, max: 1 } } },
  read: {
    kind: 'files',
    parse: (files, context) => ({
      format: 'fake-log',
      transcripts: files.flatMap((file) =>
        context
          .text(file)
          .split('\n')
          .slice(1)
          .filter(Boolean)
          .map((line, i) => ({
            externalId: `${file.name}/${i}`,
            source: 'fake-log',
            model: context.model ?? 'fake-model',
            scenario: `fake-${i}`,
            sample: 0,
            system: undefined,
            messages: [{ role: 'user' as const, content: line }],
            tags: [],
            metadata: {},
            scores: [{ trait: 'fake.quality', source: 'import' as const, value: 1, evidence: [] }],
          })),
      ),
      comparisons: [],
      failed: [],
    }),
  },
};

describe('the format registry is the one list of formats', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ formats: [...builtInFormats, fakeFormat] });
  });
  afterAll(() => t.cleanup());

  test('a format added to the registry is detected and imported, with the traits it brings', async () => {
    const data = new FormData();
    data.append('file', new Blob(['FAKE\nhello\nworld\n']), 'two.fake');
    const res = await t.request('/api/v1/imports', { method: 'POST', body: data });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ format: 'fake-log', transcripts: { inserted: 2, duplicates: 0 }, scores: 2 });
    const traits: any = await (await t.request('/api/v1/traits')).json();
    expect(traits.items.find((x: { slug: string }) => x.slug === 'fake.quality')).toMatchObject({ title: 'Quality (fake log)', polarity: 'higher_is_better', scale: { kind: 'numeric', min: 0, max: 1 } });
  });

  test('it appears in the OpenAPI enum, the formats list the upload page reads, the error text and the CLI choices', async () => {
    const doc: any = await (await t.app.request('/api/v1/openapi.json')).json();
    expect(doc.paths['/api/v1/imports'].post.requestBody.content['multipart/form-data'].schema.properties.format.enum).toContain('fake-log');
    const formats: any = await (await t.request('/api/v1/imports/formats')).json();
    expect(formats.items.map((f: { name: string }) => f.name)).toEqual([...builtInFormats.map((f) => f.name), 'fake-log']);
    const data = new FormData();
    data.append('file', new Blob(['nothing anyone reads']), 'mystery.txt');
    const unknown: any = await (await t.request('/api/v1/imports', { method: 'POST', body: data })).json();
    expect(unknown.error.message).toContain('Fake log (fake-log)');
    expect(formatChoices([...builtInFormats, fakeFormat])).toContain('fake-log');
    expect(formatChoices(builtInFormats)).not.toContain('fake-log');
  });
});
