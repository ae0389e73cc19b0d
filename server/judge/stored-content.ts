import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import type { Json } from '../../db/schema/index.ts';

const blockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() }),
  z.object({ type: z.literal('redacted_thinking'), data: z.string() }),
]);

/** A judge answer kept as JSON (for a batch repair turn), back as request blocks; unknown blocks are dropped. */
export function parseStoredContent(content: Json): Anthropic.ContentBlockParam[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((item): Anthropic.ContentBlockParam[] => {
    const parsed = blockSchema.safeParse(item);
    if (!parsed.success) return [];
    const b = parsed.data;
    if (b.type === 'tool_use') return [{ type: 'tool_use', id: b.id, name: b.name, input: b.input ?? {} }];
    return [b];
  });
}
