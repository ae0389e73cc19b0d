/**
 * Turns a message's stored content (a string, or Anthropic content blocks exactly as uploaded) into the
 * blocks the reader renders, one kind per renderer. It checks shapes at run time rather than trusting
 * them: an upload may carry blocks this version does not know, and those still show (as JSON).
 */
export type RenderBlock =
  | { kind: 'text'; text: string }
  | { kind: 'thinking'; text: string; chars: number }
  | { kind: 'redacted_thinking'; bytes: number }
  | { kind: 'tool_use'; id: string; name: string; inputJson: string }
  | { kind: 'tool_result'; toolUseId: string; isError: boolean; parts: ToolResultPart[] }
  | { kind: 'image'; description: string }
  | { kind: 'unknown'; type: string; json: string };

export type ToolResultPart = { kind: 'text'; text: string } | { kind: 'image'; description: string } | { kind: 'other'; json: string };

type Record_ = { [key: string]: unknown };

function isRecord(value: unknown): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Characters as a reader counts them: code points, so an emoji is one, not two UTF-16 units. */
export function countChars(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function prettyJson(value: unknown): string {
  const json = JSON.stringify(value ?? null, null, 2);
  return json ?? 'null';
}

function describeImage(block: Record_): string {
  const source = isRecord(block['source']) ? block['source'] : {};
  const mediaType = str(source['media_type']);
  const sourceType = str(source['type']);
  const url = sourceType === 'url' ? str(source['url']) : '';
  return ['Image', mediaType, url || (sourceType ? `(${sourceType})` : '')].filter(Boolean).join(' ');
}

function toolResultParts(content: unknown): ToolResultPart[] {
  if (typeof content === 'string') return [{ kind: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  return content.map((part): ToolResultPart => {
    if (isRecord(part) && part['type'] === 'text' && typeof part['text'] === 'string') return { kind: 'text', text: part['text'] };
    if (isRecord(part) && part['type'] === 'image') return { kind: 'image', description: describeImage(part) };
    return { kind: 'other', json: prettyJson(part) };
  });
}

export function shapeBlock(block: unknown): RenderBlock {
  if (!isRecord(block)) return { kind: 'unknown', type: typeof block, json: prettyJson(block) };
  switch (block['type']) {
    case 'text':
      if (typeof block['text'] === 'string') return { kind: 'text', text: block['text'] };
      break;
    case 'thinking':
      if (typeof block['thinking'] === 'string') return { kind: 'thinking', text: block['thinking'], chars: countChars(block['thinking']) };
      break;
    case 'redacted_thinking':
      return { kind: 'redacted_thinking', bytes: str(block['data']).length };
    case 'tool_use':
      return { kind: 'tool_use', id: str(block['id']), name: str(block['name']), inputJson: prettyJson(block['input']) };
    case 'tool_result':
      return { kind: 'tool_result', toolUseId: str(block['tool_use_id']), isError: block['is_error'] === true, parts: toolResultParts(block['content']) };
    case 'image':
      return { kind: 'image', description: describeImage(block) };
  }
  return { kind: 'unknown', type: str(block['type']) || 'unknown', json: prettyJson(block) };
}

export function shapeContent(content: unknown): RenderBlock[] {
  if (typeof content === 'string') return [{ kind: 'text', text: content }];
  if (Array.isArray(content)) return content.map(shapeBlock);
  return [shapeBlock(content)];
}

/** The words of a message as a reader compares them: its text blocks (and tool result text), joined. */
export function plainText(content: unknown): string {
  return shapeContent(content)
    .map((b) => (b.kind === 'text' ? b.text : b.kind === 'tool_result' ? b.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('\n') : ''))
    .filter(Boolean)
    .join('\n');
}
