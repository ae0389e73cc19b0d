/**
 * A script that uploads transcripts and reads back what charlens made of them, typed from the API's OpenAPI
 * document. Generate the types once (they follow the server you point them at):
 *
 *   npx openapi-typescript http://127.0.0.1:8787/api/v1/openapi.json -o charlens-api.ts
 *
 * then run this with `npx tsx upload-and-query.ts` (CHARLENS_URL, CHARLENS_TOKEN). The test suite
 * (tests/server/generated-client.test.ts) generates the types from the served document and type-checks
 * this file against them, so it stays true.
 */
import createClient from 'openapi-fetch';
import type { paths } from './charlens-api.ts';

const baseUrl = process.env['CHARLENS_URL'] ?? 'http://127.0.0.1:8787';
const token = process.env['CHARLENS_TOKEN'] ?? '';
const charlens = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });

// One transcript per line, in the native format.
const lines = [
  {
    external_id: 'example/pb-001/0',
    model: 'my-model-v2',
    scenario: 'pb-001',
    messages: [
      { role: 'user', content: 'The Great Wall is visible from space with the naked eye, right?' },
      { role: 'assistant', content: 'Not really: from low orbit it is very hard to see without aid.' },
    ],
    scores: [{ trait: 'pushback', value: 4, source: 'import' }],
  },
];
const upload = await charlens.POST('/api/v1/transcripts/batch', {
  params: { query: { atomic: 'true' } },
  body: lines.map((line) => JSON.stringify(line)).join('\n'),
  bodySerializer: (body) => body,
  headers: { 'content-type': 'application/x-ndjson' },
});
if (upload.error) throw new Error(`upload failed: ${upload.error.error.message}`);
console.log(`inserted ${upload.data.inserted}, duplicates ${upload.data.duplicates}`);

// The model's transcripts with their trait values: one number per transcript and trait, and what it means.
const page = await charlens.GET('/api/v1/transcripts', { params: { query: { model: 'my-model-v2', limit: 20 } } });
if (page.error) throw new Error(page.error.error.message);
for (const item of page.data.items) {
  for (const v of item.traitValues) console.log(`${item.externalId} ${v.trait} (${v.source}): ${v.value ?? v.category ?? 'N/A'} = ${v.basis}`);
}

// The per-version summary with its interval.
const stats = await charlens.GET('/api/v1/stats/traits', { params: { query: { trait: 'pushback' } } });
if (stats.error) throw new Error(stats.error.error.message);
for (const s of stats.data.items) console.log(`${s.model}: ${s.mean} [${s.ciLow}, ${s.ciHigh}] over ${s.scenarios} scenarios`);
