import { z } from 'zod';

/**
 * Anthropic content block shapes. Known fields are checked; unknown extra fields (signature, cache_control,
 * citations, …) are kept, because a transcript's blocks come back exactly as uploaded.
 */
const textBlock = z.looseObject({ type: z.literal('text'), text: z.string() });
const thinkingBlock = z.looseObject({ type: z.literal('thinking'), thinking: z.string() });
const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });
const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});
const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]).optional(),
  is_error: z.boolean().optional(),
});
const imageBlock = z.looseObject({ type: z.literal('image'), source: z.looseObject({ type: z.string() }) });

export const contentBlockSchema = z.discriminatedUnion(
  'type',
  [textBlock, thinkingBlock, redactedThinkingBlock, toolUseBlock, toolResultBlock, imageBlock],
  { error: 'unknown block type: expected text, thinking, redacted_thinking, tool_use, tool_result or image' },
);
export type ContentBlock = z.infer<typeof contentBlockSchema>;

/** A message's content as stored: the uploaded string, or blocks. */
export type MessageContent = string | ContentBlock[];

/** The text that full-text search sees: every readable part of the content, in order. */
export function flattenContent(content: MessageContent): string {
  if (typeof content === 'string') return content;
  const parts: string[] = [];
  for (const block of content) {
    switch (block.type) {
      case 'text':
        parts.push(block.text);
        break;
      case 'thinking':
        parts.push(block.thinking);
        break;
      case 'tool_use':
        parts.push(`${block.name} ${JSON.stringify(block.input ?? null)}`);
        break;
      case 'tool_result':
        if (typeof block.content === 'string') parts.push(block.content);
        else for (const inner of block.content ?? []) if (typeof inner['text'] === 'string') parts.push(inner['text']);
        break;
      case 'redacted_thinking':
      case 'image':
        break;
    }
  }
  return parts.join('\n');
}

/**
 * OpenAI-style chat messages carry reasoning beside the content (`reasoning_content`, `reasoning`); it becomes
 * a leading `thinking` block, the shape thinking has everywhere in charlens.
 */
export function withReasoning(content: MessageContent, reasoning: string | null | undefined): MessageContent {
  if (!reasoning) return content;
  const rest: ContentBlock[] = typeof content === 'string' ? (content === '' ? [] : [{ type: 'text', text: content }]) : content;
  return [{ type: 'thinking', thinking: reasoning }, ...rest];
}

const storedBlocks = z.array(contentBlockSchema);

/** `flattenContent` of content as stored (blocks were checked on the way in; anything unreadable counts as no text). */
export function flattenStored(content: unknown): string {
  if (typeof content === 'string') return content;
  const parsed = storedBlocks.safeParse(content);
  return parsed.success ? flattenContent(parsed.data) : '';
}
