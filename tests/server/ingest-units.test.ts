import { describe, expect, test } from 'vitest';
import { quoteIsInText } from '../../server/lib/evidence.ts';
import { toFtsQuery } from '../../server/lib/fts.ts';
import { readNdjsonLines } from '../../server/ingest/ndjson.ts';
import { flattenContent } from '../../server/ingest/blocks.ts';
import { prepareTranscript } from '../../server/ingest/prepare.ts';
import type { TranscriptInput } from '../../server/ingest/transcript-input.ts';

async function lines(chunks: (string | Uint8Array)[], limits = { maxBodyBytes: 1e6, maxLineBytes: 1e6 }) {
  async function* body() {
    for (const c of chunks) yield typeof c === 'string' ? new TextEncoder().encode(c) : c;
  }
  const out = [];
  for await (const line of readNdjsonLines(body(), limits)) out.push(line);
  return out;
}

describe('readNdjsonLines', () => {
  test('joins lines split across chunks, drops CR and blank lines, numbers lines as a text editor does', async () => {
    expect(await lines(['{"a":', '1}\r\n\n{"b"', ':2}\n', '{"c":3}'])).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 3, text: '{"b":2}' },
      { line: 4, text: '{"c":3}' },
    ]);
  });

  test('keeps a multi-byte character split across chunks intact', async () => {
    const bytes = new TextEncoder().encode('"👩🏽‍🔬"\n');
    expect(await lines([bytes.subarray(0, 3), bytes.subarray(3)])).toEqual([{ line: 1, text: '"👩🏽‍🔬"' }]);
  });

  test('marks invalid UTF-8 lines and goes on', async () => {
    expect(await lines([new Uint8Array([0xff, 0x0a]), 'ok\n'])).toEqual([{ line: 1, invalidUtf8: true }, { line: 2, text: 'ok' }]);
  });

  test('stops at the line and body limits', async () => {
    await expect(lines(['12345\n123456\n'], { maxBodyBytes: 100, maxLineBytes: 5 })).rejects.toThrow('Line 2 is over the line limit of 5 bytes');
    await expect(lines(['1\n', '2\n', '3\n'], { maxBodyBytes: 5, maxLineBytes: 5 })).rejects.toThrow(/over the limit of 5 bytes/);
  });
});

describe('toFtsQuery', () => {
  test('quotes words and phrases so that FTS5 syntax is only text', () => {
    expect(toFtsQuery('moon cheese')).toBe('"moon" "cheese"');
    expect(toFtsQuery('"made of cheese" moon')).toBe('"made of cheese" "moon"');
    expect(toFtsQuery('NEAR(a b) AND c*')).toBe('"NEAR(a" "b)" "AND" "c*"');
    expect(toFtsQuery('say "hi')).toBe('"say" "hi"');
    expect(toFtsQuery('שלום 😀')).toBe('"שלום"');
    expect(toFtsQuery('*** "" -')).toBeNull();
  });
});

describe('evidence', () => {
  test('a quote matches across differences in whitespace only', () => {
    expect(quoteIsInText('the moon\n  is rock', 'No: the moon is rock, mostly.')).toBe(true);
    expect(quoteIsInText('the moon is cheese', 'No: the moon is rock.')).toBe(false);
    expect(quoteIsInText('   ', 'anything')).toBe(false);
  });
});

describe('prepareTranscript', () => {
  const base: TranscriptInput = {
    externalId: undefined,
    source: 'native',
    model: 'm',
    scenario: undefined,
    sample: 0,
    system: 'sys',
    messages: [
      { role: 'user', content: 'Is the earth flat?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'search', input: { q: 'earth' } }, { type: 'text', text: 'No.' }] },
    ],
    tags: [],
    metadata: {},
    scores: [],
  };

  test('derives the scenario from system prompt and first user turn, so the same prompt aligns across models', async () => {
    const a = await prepareTranscript(base);
    const b = await prepareTranscript({ ...base, model: 'other' });
    expect(a.scenarioKey).toMatch(/^h:[0-9a-f]{20}$/);
    expect(b.scenarioKey).toBe(a.scenarioKey);
    expect(b.contentHash).not.toBe(a.contentHash);
    expect(a.externalId).toBe(`sha256:${a.contentHash}`);
    expect((await prepareTranscript({ ...base, system: 'other' })).scenarioKey).not.toBe(a.scenarioKey);
  });

  test('flattens blocks for search, tool calls included', () => {
    expect(flattenContent(base.messages[1]!.content)).toBe('search {"q":"earth"}\nNo.');
  });
});
