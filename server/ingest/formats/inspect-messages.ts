import { describeIssues } from '../../lib/issues.ts';
import { z } from 'zod';
import type { ContentBlock } from '../blocks.ts';
import type { MessageInput } from '../transcript-input.ts';

import { FormatError } from '../../lib/errors.ts';

/**
 * Inspect AI chat messages (`inspect_ai.model.ChatMessage*`) → Anthropic-shaped messages. Content parts:
 * `text`, `reasoning` (→ `thinking`, or `redacted_thinking` when redacted), `image` (URL or data URI); other
 * parts (audio, video, documents, server-side tool traces) have no block shape here and are left out,
 * counted in `omitted`. Assistant `tool_calls` → `tool_use` blocks; `tool` messages → `tool_result`.
 */

const partSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  reasoning: z.string().optional(),
  signature: z.string().nullish(),
  redacted: z.boolean().nullish(),
  image: z.string().optional(),
});
const messageSchema = z.looseObject({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(partSchema)]),
  tool_calls: z
    .array(z.looseObject({ id: z.string(), function: z.string(), arguments: z.unknown().optional() }))
    .nullish(),
  tool_call_id: z.string().nullish(),
  function: z.string().nullish(),
  error: z.looseObject({ message: z.string().optional() }).nullish(),
  /** Logs before reasoning became a content part kept it on the message. */
  reasoning: z.string().nullish(),
});
type InspectMessage = z.infer<typeof messageSchema>;
type Part = z.infer<typeof partSchema>;

export interface ConvertedMessages {
  messages: MessageInput[];
  /** Content part types that were left out, with how often. */
  omitted: Record<string, number>;
}

/**
 * Converts a sample's messages. `attachments` resolves `attachment://<hash>` references, which Inspect uses
 * to de-duplicate long strings within a sample.
 */
export function convertInspectMessages(raw: unknown[], attachments: Record<string, string>): ConvertedMessages {
  const omitted: Record<string, number> = {};
  const resolve = (text: string) => (text.startsWith('attachment://') ? (attachments[text.slice('attachment://'.length)] ?? text) : text);
  const messages = raw.map((value, i) => {
    const parsed = messageSchema.safeParse(value);
    if (!parsed.success) throw new FormatError(`messages.${i}`, describeIssues(parsed.error.issues));
    return toMessage(parsed.data, resolve, omitted);
  });
  return { messages, omitted };
}

function toMessage(m: InspectMessage, resolve: (text: string) => string, omitted: Record<string, number>): MessageInput {
  const parts = typeof m.content === 'string' ? resolve(m.content) : m.content.flatMap((p) => partBlocks(p, resolve, omitted));
  if (m.role === 'tool') {
    const content = typeof parts === 'string' ? parts : parts.filter((b) => b.type === 'text' || b.type === 'image');
    return {
      role: 'tool',
      content: [{ type: 'tool_result', tool_use_id: m.tool_call_id ?? m.function ?? '', content, ...(m.error ? { is_error: true } : {}) }],
    };
  }
  const extra: ContentBlock[] = [];
  if (m.role === 'assistant' && m.reasoning) extra.push({ type: 'thinking', thinking: m.reasoning });
  const calls = m.role === 'assistant' ? (m.tool_calls ?? []) : [];
  if (extra.length === 0 && calls.length === 0) return { role: m.role, content: parts };
  const blocks: ContentBlock[] = [...extra, ...(typeof parts === 'string' ? (parts === '' ? [] : [{ type: 'text' as const, text: parts }]) : parts)];
  for (const call of calls) blocks.push({ type: 'tool_use', id: call.id, name: call.function, input: call.arguments ?? {} });
  return { role: m.role, content: blocks };
}

function partBlocks(part: Part, resolve: (text: string) => string, omitted: Record<string, number>): ContentBlock[] {
  if (part.type === 'text' && part.text !== undefined) return [{ type: 'text', text: resolve(part.text) }];
  if (part.type === 'reasoning' && part.reasoning !== undefined) {
    const reasoning = resolve(part.reasoning);
    if (part.redacted) return [{ type: 'redacted_thinking', data: reasoning }];
    return [{ type: 'thinking', thinking: reasoning, ...(part.signature ? { signature: part.signature } : {}) }];
  }
  if (part.type === 'image' && part.image !== undefined) return [imageBlock(resolve(part.image))];
  omitted[part.type] = (omitted[part.type] ?? 0) + 1;
  return [];
}

function imageBlock(image: string): ContentBlock {
  const dataUri = /^data:([^;,]+);base64,(.*)$/su.exec(image);
  if (dataUri?.[1] !== undefined && dataUri[2] !== undefined) {
    return { type: 'image', source: { type: 'base64', media_type: dataUri[1], data: dataUri[2] } };
  }
  return { type: 'image', source: { type: 'url', url: image } };
}
