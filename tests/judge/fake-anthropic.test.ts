import Anthropic from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../helpers/fake-anthropic.ts';
import { fakeClient } from './support.ts';

let fake: FakeAnthropic;
let client: Anthropic;
beforeEach(async () => {
  fake = await startFakeAnthropic();
  client = fakeClient(fake);
});
afterEach(() => fake.close());

const request = (model = 'claude-sonnet-5'): Anthropic.MessageCreateParamsNonStreaming => ({
  model,
  max_tokens: 100,
  system: [{ type: 'text', text: 'Judge by the rubric. '.repeat(50), cache_control: { type: 'ephemeral' } }],
  tools: [{ name: 'record_judgment', input_schema: { type: 'object', properties: { score: { type: ['integer', 'null'], minimum: 1, maximum: 5 } } } }],
  tool_choice: { type: 'tool', name: 'record_judgment' },
  messages: [{ role: 'user', content: '<transcript>\n<message index="0" role="assistant">\nHello there, friend.\n</message>\n</transcript>' }],
});

describe('the fake Messages API, driven by the real SDK', () => {
  test('answers with a record_judgment tool call and usage; the system prompt is cache-written once, then read', async () => {
    const first = await client.messages.create(request());
    expect(first.type).toBe('message');
    expect(first.stop_reason).toBe('tool_use');
    const call = first.content[0];
    expect(call?.type).toBe('tool_use');
    if (call?.type !== 'tool_use') return;
    expect(call.name).toBe('record_judgment');
    expect(call.input).toMatchObject({ evidence: [{ message_index: 0, quote: 'Hello there, friend.' }], not_applicable_reason: null });
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    const second = await client.messages.create(request());
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
  });

  test('the responder sees the request and scripts the answer; the log keeps the job key header', async () => {
    fake.responder = (req, ctx) => ({ kind: 'tool', input: { model: req.model, key: ctx.jobKey, attempt: ctx.attempt } });
    const res = await client.messages.create(request(), { headers: { 'x-charlens-job': 'job-1' } });
    expect(res.content[0]).toMatchObject({ input: { model: 'claude-sonnet-5', key: 'job-1', attempt: 0 } });
    expect(fake.log.at(-1)).toMatchObject({ method: 'POST', path: '/v1/messages', status: 200, jobKey: 'job-1' });
  });

  test('a 429 with retry-after-ms is retried after the time it asks for', async () => {
    fake.faults.push({ status: 429, retryAfterMs: 300 });
    const start = performance.now();
    await client.messages.create(request());
    expect(performance.now() - start).toBeGreaterThanOrEqual(290);
    expect(fake.log.map((e) => e.status)).toEqual([429, 200]);
  });

  test('a burst of 529 and a 500 are retried by the SDK; more than maxRetries fails with the API error', async () => {
    fake.faults.push({ status: 529, retryAfterMs: 1 }, { status: 529, retryAfterMs: 1 }, { status: 500, retryAfterMs: 1 });
    await client.messages.create(request());
    expect(fake.log.map((e) => e.status)).toEqual([529, 529, 500, 200]);
    const strict = fakeClient(fake, 1);
    fake.faults.push({ status: 529, retryAfterMs: 1 }, { status: 529, retryAfterMs: 1 });
    const error = await strict.messages.create(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    if (error instanceof Anthropic.APIError) expect(error.status).toBe(529);
  });

  test('a slow answer is slow', async () => {
    fake.faults.push({ delayMs: 200 });
    const start = performance.now();
    await client.messages.create(request());
    expect(performance.now() - start).toBeGreaterThanOrEqual(190);
  });

  test('scripted bad answers: no tool call, a score off the scale, an invented quote', async () => {
    const replies = [
      { kind: 'text' as const, text: 'I would give it a 4.' },
      { kind: 'tool' as const, input: { reasoning: 'r', evidence: [], score: 11, not_applicable_reason: null } },
      { kind: 'tool' as const, input: { reasoning: 'r', evidence: [{ message_index: 0, quote: 'words never said' }], score: 3, not_applicable_reason: null } },
    ];
    let i = 0;
    fake.responder = () => replies[i++] ?? { kind: 'text', text: '' };
    expect((await client.messages.create(request())).content[0]).toMatchObject({ type: 'text', text: 'I would give it a 4.' });
    expect((await client.messages.create(request())).content[0]).toMatchObject({ input: { score: 11 } });
    expect((await client.messages.create(request())).content[0]).toMatchObject({ input: { evidence: [{ quote: 'words never said' }] } });
  });

  test('like the real API, a forced tool_choice on Sonnet 5.5 is a 400', async () => {
    const error = await client.messages.create(request('claude-sonnet-5-5')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
  });

  test('count_tokens', async () => {
    const { system, tools, messages } = request();
    const counted = await client.messages.countTokens({ model: 'claude-sonnet-5', system: system ?? [], tools: tools ?? [], messages });
    expect(counted.input_tokens).toBeGreaterThan(100);
  });

  test('Message Batches: create, poll until ended, stream results from results_url with succeeded, errored and expired entries', async () => {
    fake.batchProcessingMs = 100;
    fake.batchOutcome = (id) => (id === 'b' ? 'errored' : id === 'c' ? 'expired' : 'succeeded');
    const batch = await client.messages.batches.create({ requests: ['a', 'b', 'c'].map((custom_id) => ({ custom_id, params: request() })) });
    expect(batch).toMatchObject({ type: 'message_batch', processing_status: 'in_progress', results_url: null });
    expect(fake.log.at(-1)?.customIds).toEqual(['a', 'b', 'c']);
    let view = await client.messages.batches.retrieve(batch.id);
    while (view.processing_status !== 'ended') {
      await new Promise((r) => setTimeout(r, 20));
      view = await client.messages.batches.retrieve(batch.id);
    }
    expect(view.request_counts).toMatchObject({ succeeded: 1, errored: 1, expired: 1, processing: 0 });
    expect(view.results_url).toBe(`${fake.url}/v1/messages/batches/${batch.id}/results`);
    const results: Record<string, string> = {};
    for await (const entry of await client.messages.batches.results(batch.id)) results[entry.custom_id] = entry.result.type;
    expect(results).toEqual({ a: 'succeeded', b: 'errored', c: 'expired' });
    expect(fake.paidRequests()).toEqual([{ jobKey: 'a', via: 'batch', at: expect.any(Number) }]);
  });
});
