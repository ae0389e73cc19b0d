import { describe, expect, test } from 'vitest';
import { detect as detectAnthropic, parseAnthropicMessages } from '../../server/ingest/formats/anthropic.ts';
import { FormatError } from '../../server/lib/errors.ts';
import { detect as detectOpenAi, parseOpenAiChat } from '../../server/ingest/formats/openai.ts';
import { fixture } from './paths.ts';

describe('OpenAI chat JSONL', () => {
  const parsed = parseOpenAiChat(fixture('openai-chat.jsonl'), { model: 'gpt-4o' });

  test('tool calls become tool_use blocks and tool turns tool_result blocks', () => {
    expect(parsed.format).toBe('openai');
    const [first] = parsed.transcripts;
    expect(first).toMatchObject({ externalId: 'conv-1', source: 'openai', model: 'gpt-4o', sample: 0, scenario: undefined, system: 'You are terse.', metadata: { split: 'dev' } });
    expect(first?.messages).toEqual([
      { role: 'user', content: "What's the weather in Paris?" },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'tool', content: [{ type: 'tool_result', tool_use_id: 'call_1', content: '18°C, cloudy' }] },
      { role: 'assistant', content: [{ type: 'text', text: '18°C and cloudy.' }] },
    ]);
  });

  test('content parts, unparseable arguments, and a later system message', () => {
    const second = parsed.transcripts[1];
    expect(second?.system).toBe('Be kind.');
    expect(second?.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Describe this' }, { type: 'image', source: { type: 'url', url: 'https://example.org/cat.png' } }] },
      { role: 'assistant', content: [{ type: 'text', text: 'A cat — 🐈.' }, { type: 'tool_use', id: 'call_2', name: 'lookup', input: { arguments: 'not json' } }] },
      { role: 'system', content: 'Mid-conversation note.' },
    ]);
    // Without an id the line's content is its identity.
    expect(second?.externalId).toMatch(/^sha256:[0-9a-f]{32}$/);
  });

  test('a batch request line is unwrapped; its own model is noted', () => {
    const third = parsed.transcripts[2];
    expect(third).toMatchObject({ externalId: 'batch-7', model: 'gpt-4o', metadata: { line_model: 'gpt-4o-mini' } });
    const lineModel = parseOpenAiChat(fixture('openai-chat.jsonl'));
    expect(lineModel.transcripts.map((t) => t.externalId)).toEqual(['batch-7']);
    expect(lineModel.transcripts[0]?.model).toBe('gpt-4o-mini');
    expect(lineModel.failed.filter((f) => f.message.includes('names no model')).map((f) => f.where)).toEqual(['line 1', 'line 2', 'line 4']);
  });

  test('bad lines are reported by number', () => {
    expect(parsed.failed).toEqual([
      { where: 'line 4', message: expect.stringContaining('unknown role "wizard"') },
      { where: 'line 5', message: expect.stringContaining('not valid JSON') },
    ]);
  });

  test('empty files and other formats are format errors', () => {
    expect(() => parseOpenAiChat('', { model: 'm' })).toThrow(FormatError);
    expect(() => parseOpenAiChat(fixture('hh-rlhf.jsonl'), { model: 'm' })).toThrow(/no line is a openai conversation/);
  });
});

describe('Anthropic Messages JSONL', () => {
  const parsed = parseAnthropicMessages(fixture('anthropic-messages.jsonl'), { model: 'claude-sonnet-4' });

  test('blocks are kept; a user turn of only tool results is the tool’s turn', () => {
    expect(parsed.format).toBe('anthropic');
    const [first] = parsed.transcripts;
    expect(first).toMatchObject({ externalId: 'msg-1', source: 'anthropic', model: 'claude-sonnet-4', system: 'You are a careful assistant.' });
    expect(first?.messages).toEqual([
      { role: 'user', content: 'Read /etc/hosts' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'I should use the tool.', signature: 'sig==' },
          { type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: '/etc/hosts' } },
        ],
      },
      { role: 'tool', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '127.0.0.1 localhost' }] },
      { role: 'assistant', content: 'It maps localhost to 127.0.0.1.' },
    ]);
  });

  test('a Message Batches request line is unwrapped', () => {
    expect(parsed.transcripts[1]).toMatchObject({
      externalId: 'req-2',
      system: 'Answer in French.',
      messages: [
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: [{ type: 'text', text: 'Bonjour ! 👋' }] },
      ],
    });
  });

  test('bad roles and unknown blocks are reported by line', () => {
    expect(parsed.failed).toEqual([
      { where: 'line 3', message: expect.stringContaining('unknown role "system"') },
      { where: 'line 4', message: expect.stringContaining('content') },
    ]);
  });

  test('the same conversation as OpenAI chat gives the same transcript', () => {
    const openai = parseOpenAiChat(
      JSON.stringify({ id: 'x', messages: [{ role: 'system', content: 'S' }, { role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }] }),
      { model: 'm' },
    );
    const anthropic = parseAnthropicMessages(
      JSON.stringify({ id: 'x', system: 'S', messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }] }),
      { model: 'm' },
    );
    const strip = (t: (typeof openai.transcripts)[number] | undefined) => ({ ...t, source: undefined });
    expect(strip(anthropic.transcripts[0])).toEqual(strip(openai.transcripts[0]));
  });

  test('empty and truncated files are format errors', () => {
    expect(() => parseAnthropicMessages('', { model: 'm' })).toThrow(FormatError);
    expect(() => parseAnthropicMessages('{"messages": [{"role": "user", "content": "hi"}', { model: 'm' })).toThrow(FormatError);
  });
});

describe('chat format detection', () => {
  test('OpenAI-only and Anthropic-only features decide; plain chats read as OpenAI', () => {
    expect([detectOpenAi(fixture('openai-chat.jsonl')), detectAnthropic(fixture('openai-chat.jsonl'))]).toEqual([true, false]);
    expect([detectOpenAi(fixture('anthropic-messages.jsonl')), detectAnthropic(fixture('anthropic-messages.jsonl'))]).toEqual([false, true]);
    const plain = '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}';
    expect([detectOpenAi(plain), detectAnthropic(plain)]).toEqual([true, false]);
  });

  test('native NDJSON and other formats are not chat JSONL', () => {
    const native = '{"external_id": "a", "model": "m", "messages": [{"role": "user", "content": "hi"}]}';
    for (const text of [native, fixture('hh-rlhf.jsonl'), fixture('spiral-small.json'), fixture('mtbench/question.jsonl'), '']) {
      expect([detectOpenAi(text), detectAnthropic(text)]).toEqual([false, false]);
    }
  });

  test('a first line longer than the sample is judged by its opening', () => {
    expect(detectOpenAi('{"messages": [{"role": "system", "content": "very long…')).toBe(true);
    expect(detectAnthropic('{"system": "x", "messages": [{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "content": "very long…')).toBe(true);
  });
});
