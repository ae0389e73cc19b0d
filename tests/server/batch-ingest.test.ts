import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { nativeLine, ndjson } from '../helpers/builders.ts';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ limits: { maxLineBytes: 64 * 1024, maxBodyBytes: 2 * 1024 * 1024, maxMessagesPerTranscript: 20_000 } });
});
afterEach(() => t.cleanup());

async function json(res: Response): Promise<Record<string, any>> {
  return res.json();
}

async function nothingWritten() {
  for (const table of ['transcripts', 'messages', 'scores', 'models', 'scenarios', 'batches', 'messages_fts']) {
    expect(await t.count(table), table).toBe(0);
  }
}

describe('POST /api/v1/transcripts/batch', () => {
  test('stores every line with its messages, tags and scores, and reports the counts', async () => {
    const lines = [
      nativeLine({
        external_id: 'run7/pb-003/0',
        scenario: 'pb-003',
        scores: [
          { trait: 'pushback', value: 3, source: 'import', turns: [1, 1], evidence: [{ message_index: 1, quote: 'the moon is rock' }] },
          { trait: 'pushback', value: 4, source: 'human', labeler: 'ana', evidence: [{ message_index: 1, quote: 'made of cheese' }] },
        ],
      }),
      nativeLine({ model: 'model-b', scenario: 'pb-003' }),
    ];
    const res = await t.upload(ndjson(lines));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ inserted: 2, duplicates: 0, errors: [] });
    expect(typeof body['batchId']).toBe('string');
    expect(await t.count('transcripts')).toBe(2);
    expect(await t.count('messages')).toBe(4);
    expect(await t.count('scenarios')).toBe(1);
    expect(await t.count('models')).toBe(2);

    const list = await json(await t.request('/api/v1/transcripts?scenario=pb-003'));
    const first = list['items'].find((i: { externalId: string }) => i.externalId === 'run7/pb-003/0');
    const detail = await json(await t.request(`/api/v1/transcripts/${first.id}`));
    expect(detail['scores']).toHaveLength(2);
    const human = detail['scores'].find((s: { source: string }) => s.source === 'human');
    const imported = detail['scores'].find((s: { source: string }) => s.source === 'import');
    // "made of cheese" is in the user's turn (0), not the assistant's turn it cites (1): unverified.
    expect(human).toMatchObject({ trait: 'pushback', value: 4, labeler: 'ana', evidence: [{ message_index: 1, quote: 'made of cheese', verified: false }] });
    expect(imported).toMatchObject({ value: 3, turnStart: 1, turnEnd: 1, evidence: [{ message_index: 1, verified: true }] });
  });

  test('gives text back byte-identical: emoji, RTL, zero-width, NUL, combining marks', async () => {
    const tricky = 'emoji 👩🏽‍🔬🏳️‍🌈 RTL שלום עליכם مرحبا zero\u200bwidth\u200d join NUL\u0000here e\u0301 \uFEFF bom \u202Eoverride';
    const blocks = [
      { type: 'thinking', thinking: `thinking ${tricky}`, signature: 'sig==' },
      { type: 'text', text: tricky, citations: null },
    ];
    const res = await t.upload(ndjson([nativeLine({ external_id: 'u1', messages: [{ role: 'user', content: tricky }, { role: 'assistant', content: blocks }] })]));
    expect(res.status).toBe(200);
    const [item] = (await json(await t.request('/api/v1/transcripts')))['items'];
    const detail = await json(await t.request(`/api/v1/transcripts/${item.id}`));
    expect(detail['messages'][0].content).toBe(tricky);
    expect(detail['messages'][1].content).toEqual(blocks);
    expect(JSON.stringify(detail['messages'][1].content)).toBe(JSON.stringify(blocks));
  });

  test('re-uploading the same batch is a no-op, by external_id and by content hash', async () => {
    const withId = nativeLine();
    const { external_id: _omit, ...withoutId } = nativeLine();
    const body = ndjson([withId, withoutId]);
    expect(await json(await t.upload(body))).toMatchObject({ inserted: 2, duplicates: 0, models: [{ model: withId.model, inserted: 2, duplicates: 0 }] });
    expect(await json(await t.upload(body))).toMatchObject({ inserted: 0, duplicates: 2, models: [{ model: withId.model, inserted: 0, duplicates: 2 }] });
    expect(await t.count('transcripts')).toBe(2);
  });

  test('an atomic batch with bad lines answers 422, lists every bad line, and writes nothing', async () => {
    const body = [
      JSON.stringify(nativeLine()),
      '{"model": "m", "messages": [',
      JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
      JSON.stringify({ model: 'm' }),
      JSON.stringify(nativeLine({ messages: [{ role: 'robot', content: 'beep' }] })),
      JSON.stringify(nativeLine({ sample: -1 })),
      JSON.stringify(nativeLine({ messages: [{ role: 'assistant', content: [{ type: 'text', text: 7 }] }] })),
      JSON.stringify(nativeLine({ scores: [{ trait: 'pushback', value: 2, source: 'human' }] })),
      JSON.stringify(nativeLine({ scores: [{ trait: 'pushback', value: 2, evidence: [{ message_index: 9, quote: 'x' }] }] })),
      '[1,2,3]',
      JSON.stringify(nativeLine()),
    ].join('\n');
    const res = await t.upload(body);
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/9 of 11 lines are invalid; nothing was written/);
    const byLine = Object.fromEntries(error.details.errors.map((e: { line: number; message: string }) => [e.line, e.message]));
    expect(Object.keys(byLine).map(Number)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(byLine[2]).toMatch(/^malformed JSON/);
    expect(byLine[3]).toMatch(/model: model is required/);
    expect(byLine[4]).toMatch(/messages: messages is required/);
    expect(byLine[5]).toMatch(/messages\.0\.role: unknown role "robot"/);
    expect(byLine[6]).toMatch(/^sample: /);
    expect(byLine[7]).toMatch(/messages\.0\.content\.0\.text/);
    expect(byLine[8]).toMatch(/scores\.0\.labeler: a human score needs a labeler/);
    expect(byLine[9]).toMatch(/scores\.0\.evidence: message_index 9 is out of range/);
    expect(byLine[10]).toMatch(/expected object/);
    await nothingWritten();
  });

  // Lines are written as they are validated, 200 transcripts to a chunk: these bad lines come after chunks
  // were sent, so only the rollback keeps the upload all or nothing.
  test('an atomic batch whose bad lines come after chunks were written rolls back whole and still reports every bad line', async () => {
    const good = (i: number) => JSON.stringify(nativeLine({ external_id: `late-${i}` }));
    const lines = Array.from({ length: 700 }, (_, i) => good(i));
    lines[450] = '{"model": "m"';
    lines[650] = JSON.stringify({ model: 'm' });
    const res = await t.upload(lines.join('\n'));
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error.message).toMatch(/2 of 700 lines are invalid; nothing was written/);
    expect(error.details.errors.map((e: { line: number }) => e.line)).toEqual([451, 651]);
    await nothingWritten();
    // The write queue is free again and the good lines go in on their own.
    const ok = await t.upload(lines.filter((_, i) => i !== 450 && i !== 650).join('\n'));
    expect(await json(ok)).toMatchObject({ inserted: 698, duplicates: 0, errors: [] });
  });

  test('a line over the line limit after chunks were written is a 413, and nothing is written', async () => {
    const lines = Array.from({ length: 450 }, (_, i) => nativeLine({ external_id: `before-${i}` }));
    lines.push(nativeLine({ messages: [{ role: 'user', content: 'x'.repeat(70 * 1024) }] }));
    const res = await t.upload(ndjson(lines), '?atomic=false');
    expect(res.status).toBe(413);
    expect((await json(res))['error'].message).toBe('Line 451 is over the line limit of 65536 bytes');
    await nothingWritten();
  });

  test('a batch with atomic=false records how many lines it left out', async () => {
    const lines = Array.from({ length: 450 }, (_, i) => JSON.stringify(nativeLine({ external_id: `kept-${i}` })));
    lines.splice(300, 0, 'not json');
    lines.push('[]');
    const res = await t.upload(lines.join('\n'), '?atomic=false');
    const body = await json(res);
    expect(body).toMatchObject({ inserted: 450, errors: [{ line: 301 }, { line: 452 }] });
    const batch = await t.database.client.execute({ sql: 'SELECT inserted, errors FROM batches WHERE id = ?', args: [body['batchId']] });
    expect(batch.rows[0]).toMatchObject({ inserted: 450, errors: 2 });
  });

  test('wrong types and hostile nesting are line errors, not server errors', async () => {
    const deep = `{"model":"m","messages":[{"role":"user","content":"x"}],"metadata":{"a":${'['.repeat(5000)}${']'.repeat(5000)}}}`;
    const deepTool = nativeLine({
      messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: `${'['.repeat(10000)}${']'.repeat(10000)}` } }] }],
    });
    const body = [JSON.stringify(nativeLine({ model: 123 as unknown as string })), JSON.stringify(nativeLine({ tags: 'x' as unknown as string[] })), deep, JSON.stringify(deepTool)].join('\n');
    const res = await t.upload(body);
    expect(res.status).toBe(422);
    const errors = (await json(res))['error'].details.errors;
    expect(errors).toEqual([
      { line: 1, message: expect.stringMatching(/^model: /) },
      { line: 2, message: expect.stringMatching(/^tags: /) },
      { line: 3, message: 'malformed JSON: nests deeper than 64 levels' },
    ]);
    await nothingWritten();
    // A tool call's arguments that nest too deep are kept as their text, not parsed.
    const ok = await t.upload(ndjson([deepTool]));
    expect(ok.status).toBe(200);
  });

  test('a wholly wrong file reports its first 1,000 bad lines and how many there were', async () => {
    const res = await t.upload(Array.from({ length: 5000 }, (_, i) => `not json ${i}`).join('\n'));
    expect(res.status).toBe(422);
    const { error } = await json(res);
    expect(error.details.errors).toHaveLength(1000);
    expect(error.details).toMatchObject({ errorCount: 5000, truncated: true });
    expect(error.details.errors[999].line).toBe(1000);
  });

  test('concurrent uploads of the same batch insert it once and never collide', async () => {
    const body = ndjson(Array.from({ length: 50 }, () => nativeLine()));
    const results = await Promise.all(Array.from({ length: 5 }, () => t.upload(body)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const bodies = await Promise.all(results.map(json));
    expect(bodies.map((b) => b['inserted']).sort()).toEqual([0, 0, 0, 0, 50]);
    expect(await t.count('transcripts')).toBe(50);
  });

  test('atomic=false writes the valid lines and reports the bad ones', async () => {
    const res = await t.upload([JSON.stringify(nativeLine()), 'not json', JSON.stringify(nativeLine())].join('\n'), '?atomic=false');
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ inserted: 2, duplicates: 0, errors: [{ line: 2, message: expect.stringMatching(/malformed JSON/) }] });
    expect(await t.count('transcripts')).toBe(2);
  });

  test('an invalid atomic flag is a 400 naming it', async () => {
    const res = await t.upload(ndjson([nativeLine()]), '?atomic=maybe');
    expect(res.status).toBe(400);
    expect((await json(res))['error'].message).toMatch(/atomic must be true or false/);
  });

  test('an empty body (or only blank lines) is a 400', async () => {
    for (const body of ['', '\n\n  \n']) {
      const res = await t.upload(body);
      expect(res.status).toBe(400);
      expect((await json(res))['error'].message).toMatch(/empty/);
    }
    await nothingWritten();
  });

  test('a line over the line limit is a 413 naming the line and the limit', async () => {
    const big = nativeLine({ messages: [{ role: 'user', content: 'x'.repeat(70 * 1024) }] });
    const res = await t.upload(ndjson([nativeLine(), big]));
    expect(res.status).toBe(413);
    const { error } = await json(res);
    expect(error.message).toBe('Line 2 is over the line limit of 65536 bytes');
    expect(error.details).toMatchObject({ line: 2, limit: 'maxLineBytes' });
    await nothingWritten();
  });

  test('a body over the size limit is a 413, and so is a gzip bomb', async () => {
    const lines = Array.from({ length: 60 }, () => nativeLine({ messages: [{ role: 'user', content: 'y'.repeat(50 * 1024) }] }));
    const res = await t.upload(ndjson(lines));
    expect(res.status).toBe(413);
    expect((await json(res))['error'].message).toMatch(/over the limit of 2097152 bytes/);
    // 50 MB of newlines compresses to ~50 KB.
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x0a));
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    const bombed = await t.upload(bomb, '', { 'content-encoding': 'gzip' });
    expect(bombed.status).toBe(413);
    expect((await json(bombed))['error'].message).toMatch(/after decompression/);
    await nothingWritten();
  });

  test('a gzip body is accepted; broken gzip is a 400; other encodings a 415', async () => {
    const ok = await t.upload(gzipSync(ndjson([nativeLine(), nativeLine()])), '', { 'content-encoding': 'gzip' });
    expect(ok.status).toBe(200);
    expect((await json(ok))['inserted']).toBe(2);
    const broken = await t.upload(Buffer.from('definitely not gzip'), '', { 'content-encoding': 'gzip' });
    expect(broken.status).toBe(400);
    expect((await json(broken))['error'].message).toMatch(/not valid gzip/);
    const brotli = await t.upload('x', '', { 'content-encoding': 'br' });
    expect(brotli.status).toBe(415);
  });

  test('invalid UTF-8 is reported for its line', async () => {
    const good = Buffer.from(JSON.stringify(nativeLine()) + '\n');
    const bad = Buffer.concat([Buffer.from('{"model":"m","messages":[{"role":"user","content":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}]}\n')]);
    const res = await t.upload(Buffer.concat([good, bad]));
    expect(res.status).toBe(422);
    expect((await json(res))['error'].details.errors).toEqual([{ line: 2, message: 'line is not valid UTF-8' }]);
    await nothingWritten();
  });

  test('duplicate external_ids inside one batch: same content counts once, different content is an error', async () => {
    const line = nativeLine({ external_id: 'dup' });
    const same = await t.upload(ndjson([line, line]));
    expect(await json(same)).toMatchObject({ inserted: 1, duplicates: 1 });
    const clash = await t.upload(ndjson([nativeLine({ external_id: 'dup2' }), nativeLine({ external_id: 'dup2', model: 'other' })]));
    expect(clash.status).toBe(422);
    expect((await json(clash))['error'].details.errors).toEqual([
      { line: 2, message: 'external_id "dup2" is already used on line 1 with different content' },
    ]);
    expect(await t.count('transcripts')).toBe(1);
  });

  test('10,000 messages in one transcript are stored in order (default limits)', async () => {
    const roomy = await createTestApp();
    try {
      const messages = Array.from({ length: 10_000 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `turn ${i}` }));
      const res = await roomy.upload(ndjson([nativeLine({ external_id: 'long', messages })]));
      expect(res.status).toBe(200);
      const [item] = (await json(await roomy.request('/api/v1/transcripts')))['items'];
      expect(item.messageCount).toBe(10_000);
      const detail = await json(await roomy.request(`/api/v1/transcripts/${item.id}`));
      expect(detail['messages'][9_999]).toEqual({ index: 9_999, role: 'assistant', content: 'turn 9999', thinking: { blocks: 0, chars: 0, redacted: 0, interleaved: 0, tokens: null } });
    } finally {
      roomy.cleanup();
    }
  });

  test('a transcript over the message limit is refused by name', async () => {
    const small = await createTestApp({ limits: { maxMessagesPerTranscript: 100 } });
    try {
      const messages = Array.from({ length: 101 }, () => ({ role: 'user', content: 'hi' }));
      const res = await small.upload(ndjson([nativeLine({ messages })]));
      expect(res.status).toBe(422);
      expect((await json(res))['error'].details.errors[0].message).toBe('messages: 101 messages is over the limit of 100');
    } finally {
      small.cleanup();
    }
  });

  test('OpenAI-style messages become Anthropic blocks', async () => {
    const line = nativeLine({
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'What is 6×7?' }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'calc', arguments: '{"expr":"6*7"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '42' },
        { role: 'assistant', content: 'It is 42.' },
      ],
    });
    expect((await t.upload(ndjson([line]))).status).toBe(200);
    const [item] = (await json(await t.request('/api/v1/transcripts')))['items'];
    const detail = await json(await t.request(`/api/v1/transcripts/${item.id}`));
    expect(detail['messages'].map((m: { role: string }) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    expect(detail['messages'][2].content).toEqual([{ type: 'tool_use', id: 'call_1', name: 'calc', input: { expr: '6*7' } }]);
    expect(detail['messages'][3].content).toEqual([{ type: 'tool_result', tool_use_id: 'call_1', content: '42' }]);
  });

  test('a multipart upload is sent to the imports endpoint with a 415', async () => {
    const form = new FormData();
    form.append('file', new Blob([ndjson([nativeLine()])]), 'a.ndjson');
    const res = await t.request('/api/v1/transcripts/batch', { method: 'POST', body: form });
    expect(res.status).toBe(415);
    expect((await json(res))['error'].message).toMatch(/imports/);
  });

  test('needs a token with the write scope', async () => {
    const anonymous = await t.app.request('/api/v1/transcripts/batch', { method: 'POST', body: ndjson([nativeLine()]) });
    expect(anonymous.status).toBe(401);
    const token = await json(await t.request('/api/v1/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'ro', scopes: ['read'] }) }));
    const readOnly = await t.app.request('/api/v1/transcripts/batch', { method: 'POST', headers: { authorization: `Bearer ${token['token']}` }, body: ndjson([nativeLine()]) });
    expect(readOnly.status).toBe(403);
    await nothingWritten();
  });
});
