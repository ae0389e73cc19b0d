import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';
import { dataDir, fixtureDir, describeRealData } from '../ingest/paths.ts';

const real = (rel: string) => readFileSync(path.join(dataDir, rel));
const local = (rel: string) => readFileSync(path.join(fixtureDir, rel));

function form(files: { name: string; bytes: Uint8Array | string }[], fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  for (const f of files) data.append('file', new Blob([typeof f.bytes === 'string' ? f.bytes : new Uint8Array(f.bytes)]), f.name);
  return data;
}

async function importFiles(t: TestApp, files: { name: string; bytes: Uint8Array | string }[], fields: Record<string, string> = {}) {
  const res = await t.request('/api/v1/imports', { method: 'POST', body: form(files, fields) });
  return { status: res.status, body: (await res.json()) as any };
}

async function tableCounts(t: TestApp) {
  const out: Record<string, number> = {};
  for (const table of ['transcripts', 'messages', 'scores', 'comparisons', 'models', 'scenarios', 'traits', 'batches']) out[table] = await t.count(table);
  return out;
}

describe('POST /api/v1/imports with small files', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ limits: { maxBodyBytes: 4 * 1024 * 1024, maxArchiveEntries: 50 } });
  });
  afterEach(() => t.cleanup());

  test('detects a Spiral-Bench file, imports it with its chunk scores, and a re-import is a no-op', async () => {
    const file = { name: 'spiral-small.json', bytes: local('spiral-small.json') };
    const first = await importFiles(t, [file]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ format: 'spiral', transcripts: { inserted: 2, duplicates: 0 }, comparisons: 0 });
    expect(first.body.scores).toBeGreaterThan(0);
    const before = await tableCounts(t);
    const again = await importFiles(t, [file]);
    expect(again.body).toMatchObject({ format: 'spiral', transcripts: { inserted: 0, duplicates: 2 }, scores: 0, comparisons: 0 });
    expect({ ...(await tableCounts(t)), batches: before.batches }).toEqual(before);
    const traits = await t.database.client.execute("SELECT slug, polarity FROM traits WHERE slug IN ('spiral.pushback', 'spiral.sycophancy_or_praise')");
    expect(Object.fromEntries(traits.rows.map((r) => [r['slug'], r['polarity']]))).toEqual({
      'spiral.pushback': 'higher_is_better',
      'spiral.sycophancy_or_praise': 'lower_is_better',
    });
  });

  test('imports several MT-Bench files together, with verdicts that do not double on re-import', async () => {
    const files = ['question.jsonl', 'model_answer/model-a.jsonl', 'model_answer/model-b.jsonl', 'model_judgment/judge_pair.jsonl', 'model_judgment/judge_single.jsonl'].map((f) => ({
      name: f,
      bytes: local(`mtbench/${f}`),
    }));
    const first = await importFiles(t, files);
    expect(first.status).toBe(200);
    expect(first.body.format).toBe('mtbench');
    expect(first.body.comparisons).toBeGreaterThan(0);
    const again = await importFiles(t, files);
    expect(again.body.comparisons).toBe(0);
    expect(again.body.transcripts.inserted).toBe(0);
  });

  test('the result names the files and counts each model’s new and duplicate transcripts', async () => {
    const files = ['question.jsonl', 'model_answer/model-a.jsonl', 'model_answer/model-b.jsonl'].map((f) => ({ name: f, bytes: local(`mtbench/${f}`) }));
    const first = await importFiles(t, files);
    expect(first.status).toBe(200);
    expect(first.body.files).toEqual(files.map((f) => ({ name: path.basename(f.name), bytes: f.bytes.length })));
    // The counts are what the database now holds per model.
    const stored = await t.database.client.execute('SELECT m.name AS model, count(*) AS n FROM transcripts t JOIN models m ON m.id = t.model_id GROUP BY m.name ORDER BY m.name');
    const perModel = stored.rows.map((r) => ({ model: String(r['model']), n: Number(r['n']) }));
    expect(perModel.map((r) => r.model)).toEqual(['model-a', 'model-b']);
    expect(first.body.models).toEqual(perModel.map((r) => ({ model: r.model, inserted: r.n, duplicates: 0 })));
    const again = await importFiles(t, files);
    expect(again.body.models).toEqual(perModel.map((r) => ({ model: r.model, inserted: 0, duplicates: r.n })));
  });

  test('a native file’s result counts per model too, in-file repeats as duplicates', async () => {
    const repeated = nativeLine({ model: 'm-2' });
    const lines = [nativeLine({ model: 'm-10' }), repeated, repeated, nativeLine({ model: 'm-2' })];
    const { body } = await importFiles(t, [{ name: 'mixed.ndjson', bytes: ndjson(lines) }]);
    expect(body.files).toEqual([{ name: 'mixed.ndjson', bytes: Buffer.byteLength(ndjson(lines)) }]);
    // By name, numbers in order: m-2 before m-10.
    expect(body.models).toEqual([
      { model: 'm-2', inserted: 2, duplicates: 1 },
      { model: 'm-10', inserted: 1, duplicates: 0 },
    ]);
  });

  test('OpenAI chat JSONL takes the model from the upload', async () => {
    const { status, body } = await importFiles(t, [{ name: 'chat.jsonl', bytes: local('openai-chat.jsonl') }], { model: 'my-model' });
    expect(status).toBe(200);
    expect(body.format).toBe('openai');
    const models = await t.database.client.execute('SELECT name FROM models');
    expect(models.rows.map((r) => r['name'])).toContain('my-model');
  });

  test('a native NDJSON file goes through the native ingest', async () => {
    const { status, body } = await importFiles(t, [{ name: 'a.ndjson', bytes: gzipSync(ndjson([nativeLine(), nativeLine()])) }]);
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'native', transcripts: { inserted: 2, duplicates: 0 } });
  });

  describe('hostile and broken uploads: a clear 4xx, nothing written', () => {
    const cases: [string, () => { files: { name: string; bytes: Uint8Array | string }[]; fields?: Record<string, string> }, number, RegExp][] = [
      ['a 0-byte file', () => ({ files: [{ name: 'empty.json', bytes: '' }] }), 422, /empty.json is empty/],
      ['truncated JSON', () => ({ files: [{ name: 'cut.json', bytes: local('spiral-small.json').subarray(0, 300) }] }), 422, /Cannot tell the format|Cannot read/],
      ['truncated Spiral JSON, forced', () => ({ files: [{ name: 'cut.json', bytes: local('spiral-small.json').subarray(0, 300) }], fields: { format: 'spiral' } }), 422, /Cannot read the upload as spiral/],
      ['a wrong format forced', () => ({ files: [{ name: 'hh.jsonl', bytes: local('hh-rlhf.jsonl') }], fields: { format: 'spiral' } }), 422, /Cannot read the upload as spiral/],
      ['an unknown format', () => ({ files: [{ name: 'notes.txt', bytes: 'just some notes\n' }] }), 422, /Cannot tell the format of notes.txt. Supported:/],
      ['an unsupported format name', () => ({ files: [{ name: 'a.json', bytes: '{}' }], fields: { format: 'csv' } }), 400, /format must be one of/],
      [
        'a zip bomb',
        () => ({ files: [{ name: 'bomb.eval', bytes: zipSync({ 'header.json': strToU8('{}'), 'samples/1_epoch_1.json': new Uint8Array(40 * 1024 * 1024) }) }] }),
        413,
        /expands to more than/,
      ],
      [
        'a path-traversal entry',
        () => ({ files: [{ name: 'evil.eval', bytes: zipSync({ 'header.json': strToU8('{}'), '../../etc/passwd': strToU8('x') }) }] }),
        422,
        /unsafe|path/i,
      ],
      ['too many archive entries', () => ({ files: [{ name: 'many.eval', bytes: zipSync(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`samples/${i}_epoch_1.json`, strToU8('{}')]))) }] }), 413, /entries/],
      [
        'hostile nesting',
        () => ({ files: [{ name: 'deep.json', bytes: `{"evaluated_model":"m","prompt_id":"p","convo_index":0,"x":${'['.repeat(100000)}${']'.repeat(100000)}}` }], fields: { format: 'spiral' } }),
        422,
        /nests deeper than 64 levels/,
      ],
      ['a gzip bomb', () => ({ files: [{ name: 'bomb.jsonl.gz', bytes: gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)) }], fields: { format: 'hh-rlhf' } }), 413, /expands past the limit/],
      // Detection inflates only the opening of a gzip file, so a bomb of unknown content costs little to refuse.
      ['a gzip bomb of unknown content', () => ({ files: [{ name: 'bomb.jsonl.gz', bytes: gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)) }] }), 422, /Cannot tell the format of bomb.jsonl.gz/],
      ['files of different formats', () => ({ files: [{ name: 'a.json', bytes: local('spiral-small.json') }, { name: 'b.jsonl', bytes: local('hh-rlhf.jsonl') }] }), 422, /different formats/],
    ];
    test.each(cases)('%s', async (_name, make, status, message) => {
      const { files, fields } = make();
      const res = await importFiles(t, files, fields);
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
      expect(await t.count('transcripts')).toBe(0);
      expect(await t.count('batches')).toBe(0);
    });

    test('no file, a non-multipart body, an upload over the size limit', async () => {
      const none = await t.request('/api/v1/imports', { method: 'POST', body: form([], { format: 'auto' }) });
      expect(none.status).toBe(400);
      const json = await t.request('/api/v1/imports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(json.status).toBe(415);
      const big = await importFiles(t, [{ name: 'big.json', bytes: new Uint8Array(5 * 1024 * 1024) }]);
      expect(big.status).toBe(413);
      expect(await t.count('transcripts')).toBe(0);
    });
  });
});

describeRealData('POST /api/v1/imports with the real public files', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.cleanup());

  test('both Spiral-Bench files: 60 transcripts of 2 models on 30 shared scenarios, failed chunks kept', async () => {
    const files = ['claude-3.5-sonnet.json', 'claude-sonnet-4.json'].map((f) => ({ name: f, bytes: real(`spiral-bench/res_v0.2/${f}`) }));
    const { status, body } = await importFiles(t, files);
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'spiral', transcripts: { inserted: 60, duplicates: 0 }, scores: 5196 + 5188, failed: [] });
    const q = async (sql: string) => (await t.database.client.execute(sql)).rows;
    expect((await q("SELECT m.name, count(*) AS n FROM transcripts t JOIN models m ON m.id = t.model_id WHERE t.source = 'spiral' GROUP BY m.name ORDER BY m.name")).map((r) => [r['name'], Number(r['n'])])).toEqual([
      ['claude-3.5-sonnet', 30],
      ['claude-sonnet-4', 30],
    ]);
    expect(Number((await q("SELECT count(*) AS n FROM (SELECT scenario_id FROM transcripts WHERE source = 'spiral' GROUP BY scenario_id HAVING count(DISTINCT model_id) = 2)"))[0]?.['n'])).toBe(30);
    expect(Number((await q("SELECT count(*) AS n FROM messages m JOIN transcripts t ON t.id = m.transcript_id WHERE t.source = 'spiral'"))[0]?.['n'])).toBe(60 * 41);
    expect(Number((await q("SELECT count(*) AS n FROM scores WHERE status = 'failed'"))[0]?.['n'])).toBe(7);
    const pushback = await q("SELECT count(*) AS n FROM scores s JOIN traits tr ON tr.id = s.trait_id WHERE tr.slug = 'spiral.pushback' AND s.turn_start IS NOT NULL");
    expect(Number(pushback[0]?.['n'])).toBe(567 + 566);
    const again = await importFiles(t, files);
    expect(again.body).toMatchObject({ transcripts: { inserted: 0, duplicates: 60 }, scores: 0 });
  });

  test('hh-rlhf .jsonl.gz: 4,624 transcripts and 2,312 human comparisons', async () => {
    const { status, body } = await importFiles(t, [{ name: 'test.jsonl.gz', bytes: real('hh-rlhf/harmless-base/test.jsonl.gz') }]);
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'hh-rlhf', transcripts: { inserted: 4624, duplicates: 0 }, comparisons: 2312 });
  });

  test('Inspect .eval and .json logs', async () => {
    const evalLog = await importFiles(t, [{ name: 'popularity.eval', bytes: real('inspect-ai/tests/scorer/logs/2025-02-11T15-18-04-05-00_popularity_mj7khqpMM4GBCfVQozKgzB.eval') }]);
    expect(evalLog.status).toBe(200);
    expect(evalLog.body).toMatchObject({ format: 'inspect', transcripts: { inserted: 10 }, scores: 10 });
    const jsonLog = await importFiles(t, [{ name: 'security.json', bytes: real('inspect-ai/tests/analysis/test_logs/2025-05-12T20-28-26-04-00_security-guide.json') }]);
    expect(jsonLog.body).toMatchObject({ format: 'inspect', transcripts: { inserted: 3 }, scores: 3 });
  });

  test('MT-Bench questions, answers and GPT-4 judgments', async () => {
    const base = 'mt-bench/Stefanstud-FastChat/fastchat/llm_judge/data/mt_bench';
    const files = [
      { name: 'question.jsonl', bytes: real('mt-bench/lm-sys-FastChat/fastchat/llm_judge/data/mt_bench/question.jsonl') },
      { name: 'model_answer/phi-3.jsonl', bytes: real(`${base}/model_answer/phi-3.jsonl`) },
      { name: 'model_answer/phi-3-dpo.jsonl', bytes: real(`${base}/model_answer/phi-3-dpo.jsonl`) },
      { name: 'model_judgment/gpt-4_pair.jsonl', bytes: real(`${base}/model_judgment/gpt-4_pair.jsonl`) },
      { name: 'model_judgment/gpt-4_single.jsonl', bytes: real(`${base}/model_judgment/gpt-4_single.jsonl`) },
    ];
    const { status, body } = await importFiles(t, files);
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'mtbench', transcripts: { inserted: 160 }, scores: 160 });
    expect(body.comparisons).toBe(147 + 73);
  });
});
