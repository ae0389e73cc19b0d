import { describeIssues } from '../../lib/issues.ts';
import { z } from 'zod';
import { contentBlockSchema } from '../blocks.ts';
import type { MessageInput, ParsedImport } from '../transcript-input.ts';
import { chatShape, liftLeadingSystem, parseChatJsonl, type ChatJsonlOptions, type Conversation } from './chat-jsonl.ts';

import { FormatError } from '../../lib/errors.ts';
import type { ImportFormat } from './format.ts';
import { eachFile } from './format.ts';

/**
 * Anthropic Messages JSONL: `{system?, messages: [{role: user|assistant, content: string | blocks}]}` per
 * line, or a Message Batches request line `{custom_id, params: {model, system, messages}}`.
 */
export const ANTHROPIC_FORMAT = 'anthropic';

const conversationSchema = z.looseObject({
  system: z.union([z.string(), z.array(z.looseObject({ type: z.literal('text'), text: z.string() }))]).optional(),
  messages: z
    .array(
      z.looseObject({
        role: z.enum(['user', 'assistant'], { error: (issue) => `unknown role ${JSON.stringify(issue.input)}: expected user or assistant` }),
        content: z.union([z.string(), z.array(contentBlockSchema)], { error: 'content must be a string or an array of content blocks' }),
      }),
    )
    .min(1, 'messages must not be empty'),
});

export function detect(sample: string): boolean {
  return chatShape(sample) === 'anthropic';
}

export function parseAnthropicMessages(text: string, options: ChatJsonlOptions = {}): ParsedImport {
  return parseChatJsonl(text, ANTHROPIC_FORMAT, options, readConversation);
}

function readConversation(body: Record<string, unknown>): Conversation {
  const conversation = conversationSchema.safeParse(body);
  if (!conversation.success) throw new FormatError('', describeIssues(conversation.error.issues));
  const { system, messages } = conversation.data;
  const systemText = typeof system === 'string' ? system : system?.map((b) => b.text).join('\n');
  // A user turn that only returns tool results is the tool's turn, as OpenAI's `tool` role makes it explicit;
  // the blocks are kept exactly as uploaded.
  const converted = messages.map((m): MessageInput => {
    const toolOnly = m.role === 'user' && Array.isArray(m.content) && m.content.length > 0 && m.content.every((b) => b.type === 'tool_result');
    return { role: toolOnly ? 'tool' : m.role, content: m.content };
  });
  return liftLeadingSystem(converted, systemText === '' ? undefined : systemText);
}

export const anthropicFormat: ImportFormat = {
  name: ANTHROPIC_FORMAT,
  title: 'Anthropic Messages JSONL',
  description: '{system, messages} per line, or Message Batches request lines; name the model with the upload',
  extensions: ['.jsonl', '.jsonl.gz'],
  detect: (sample) => detect(sample.text),
  read: { kind: 'files', parse: eachFile((file, context) => parseAnthropicMessages(context.text(file), { model: context.model })) },
};
