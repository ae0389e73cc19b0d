import { describe, expect, test } from 'vitest';
import { countChars, shapeContent } from '../../web/src/lib/message-blocks.ts';

describe('shapeContent: stored message content → what the reader renders', () => {
  test('a plain string is one text block, unchanged', () => {
    expect(shapeContent('  two\nlines  ')).toEqual([{ kind: 'text', text: '  two\nlines  ' }]);
  });

  test('each Anthropic block kind has its own shape, in order', () => {
    const blocks = shapeContent([
      { type: 'thinking', thinking: 'hmm 🎉', signature: 'sig' },
      { type: 'redacted_thinking', data: 'abcd' },
      { type: 'text', text: 'Hello' },
      { type: 'tool_use', id: 'toolu_1', name: 'search', input: { q: 'x' } },
      { type: 'tool_result', tool_use_id: 'toolu_1', is_error: true, content: [{ type: 'text', text: 'boom' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: '' } }] },
      { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
    ]);
    expect(blocks).toEqual([
      { kind: 'thinking', text: 'hmm 🎉', chars: 5 },
      { kind: 'redacted_thinking', bytes: 4 },
      { kind: 'text', text: 'Hello' },
      { kind: 'tool_use', id: 'toolu_1', name: 'search', inputJson: '{\n  "q": "x"\n}' },
      {
        kind: 'tool_result',
        toolUseId: 'toolu_1',
        isError: true,
        parts: [
          { kind: 'text', text: 'boom' },
          { kind: 'image', description: 'Image image/png (base64)' },
        ],
      },
      { kind: 'image', description: 'Image https://example.com/a.png' },
    ]);
  });

  test('a tool result with string content is one text part', () => {
    expect(shapeContent([{ type: 'tool_result', tool_use_id: 't', content: 'ok' }])).toEqual([
      { kind: 'tool_result', toolUseId: 't', isError: false, parts: [{ kind: 'text', text: 'ok' }] },
    ]);
  });

  test('a block this version does not know still shows, as JSON', () => {
    expect(shapeContent([{ type: 'server_tool_use', name: 'web' }])).toEqual([
      { kind: 'unknown', type: 'server_tool_use', json: '{\n  "type": "server_tool_use",\n  "name": "web"\n}' },
    ]);
  });

  test('a text block without text is shown as an unknown block, not dropped', () => {
    expect(shapeContent([{ type: 'text' }])[0]?.kind).toBe('unknown');
  });
});

describe('countChars', () => {
  test('counts code points: an emoji is one character, not two UTF-16 units', () => {
    expect(countChars('a🎉b')).toBe(3);
    expect(countChars('שלום')).toBe(4);
    expect(countChars('')).toBe(0);
  });
});
