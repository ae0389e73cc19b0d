import { describeIssues } from '../../lib/issues.ts';
import { z } from 'zod';
import { withReasoning, type ContentBlock } from '../blocks.ts';
import type { MessageInput, ParsedImport } from '../transcript-input.ts';
import { chatShape, liftLeadingSystem, parseChatJsonl, toolInput, type ChatJsonlOptions, type Conversation } from './chat-jsonl.ts';

import { FormatError } from '../../lib/errors.ts';
import { eachFile, type ImportFormat } from './format.ts';

/**
 * OpenAI chat JSONL: `{messages: [{role, content, tool_calls?, tool_call_id?}]}` per line (fine-tuning and
 * eval files), or a batch request line `{custom_id, body: {model, messages}}`.
 */
export const OPENAI_FORMAT = 'openai';

const partSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  refusal: z.string().optional(),
  image_url: z.union([z.string(), z.looseObject({ url: z.string() })]).optional(),
});
const messageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool'], {
    error: (issue) => `unknown role ${JSON.stringify(issue.input)}: expected system, developer, user, assistant or tool`,
  }),
  content: z.union([z.string(), z.null(), z.array(partSchema)]).optional(),
  tool_calls: z
    .array(z.looseObject({ id: z.string(), function: z.looseObject({ name: z.string(), arguments: z.string().default('') }) }))
    .nullish(),
  tool_call_id: z.string().optional(),
  /** Reasoning as DeepSeek, vLLM (`reasoning_content`) and OpenRouter, Ollama (`reasoning`) return it. */
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
});
type OpenAiMessage = z.infer<typeof messageSchema>;
const conversationSchema = z.looseObject({ messages: z.array(z.unknown()).min(1, 'messages must not be empty') });

/** Ambiguous lines (plain user/assistant strings) read the same in both chat formats; they are OpenAI's. */
export function detect(sample: string): boolean {
  const shape = chatShape(sample);
  return shape === 'openai' || shape === 'either';
}

export function parseOpenAiChat(text: string, options: ChatJsonlOptions = {}): ParsedImport {
  return parseChatJsonl(text, OPENAI_FORMAT, options, readConversation);
}

function readConversation(body: Record<string, unknown>): Conversation {
  const conversation = conversationSchema.safeParse(body);
  if (!conversation.success) throw new FormatError('', describeIssues(conversation.error.issues));
  const messages = conversation.data.messages.map((raw, i) => {
    const message = messageSchema.safeParse(raw);
    if (!message.success) throw new FormatError('', describeIssues(message.error.issues, `messages.${i}`));
    return toMessage(message.data, i);
  });
  return liftLeadingSystem(messages, undefined);
}

function toMessage(m: OpenAiMessage, index: number): MessageInput {
  const message = toPlainMessage(m, index);
  return message.role === 'assistant' ? { ...message, content: withReasoning(message.content, m.reasoning_content ?? m.reasoning) } : message;
}

function toPlainMessage(m: OpenAiMessage, index: number): MessageInput {
  const blocks = contentBlocks(m.content, index);
  if (m.role === 'tool') {
    if (m.tool_call_id === undefined) throw new FormatError(`messages.${index}.tool_call_id`, 'a tool message needs the id of the call it answers');
    return { role: 'tool', content: [{ type: 'tool_result', tool_use_id: m.tool_call_id, content: blocks }] };
  }
  const role = m.role === 'developer' ? 'system' : m.role;
  if (!m.tool_calls?.length) return { role, content: blocks };
  const content: ContentBlock[] = typeof blocks === 'string' ? (blocks === '' ? [] : [{ type: 'text', text: blocks }]) : [...blocks];
  for (const call of m.tool_calls) content.push({ type: 'tool_use', id: call.id, name: call.function.name, input: toolInput(call.function.arguments) });
  return { role, content };
}

/** A string stays a string (as uploaded); content parts become blocks; `null` (a pure tool-call turn) is empty. */
function contentBlocks(content: OpenAiMessage['content'], index: number): string | ContentBlock[] {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return content.map((part, p): ContentBlock => {
    const text = part.text ?? part.refusal;
    if (['text', 'input_text', 'output_text', 'refusal'].includes(part.type) && text !== undefined) return { type: 'text', text };
    if (part.type === 'image_url' && part.image_url !== undefined) {
      const url = typeof part.image_url === 'string' ? part.image_url : part.image_url.url;
      return { type: 'image', source: { type: 'url', url } };
    }
    throw new FormatError(`messages.${index}.content.${p}`, `unsupported content part ${JSON.stringify(part.type)} (text, refusal and image_url are read)`);
  });
}

export const openaiFormat: ImportFormat = {
  name: OPENAI_FORMAT,
  title: 'OpenAI chat JSONL',
  description: '{messages} per line (fine-tuning and eval files) or batch request lines; name the model with the upload',
  extensions: ['.jsonl', '.jsonl.gz'],
  detect: (sample) => detect(sample.text),
  read: { kind: 'files', parse: eachFile((file, context) => parseOpenAiChat(context.text(file), { model: context.model })) },
};
