import { parseJson } from '../../lib/json.ts';
import { z } from 'zod';
import type { Json } from '../../../db/schema/index.ts';
import type { MessageContent } from '../blocks.ts';
import type { MessageInput, ParsedImport, TranscriptInput } from '../transcript-input.ts';
import { firstJsonLine, readJsonLines, requireJsonLines, shortHash } from './common.ts';
import { describeIssues } from '../../lib/issues.ts';
import { FormatError } from '../../lib/errors.ts';

/**
 * What the two chat JSONL formats (OpenAI chat, Anthropic Messages) share: one conversation per line,
 * optionally wrapped as a batch request (`{custom_id, body: {…}}` for OpenAI, `{custom_id, params: {…}}` for
 * Anthropic), no scenario or scores, and a model the caller names.
 */
export interface ChatJsonlOptions {
  /** The model that produced the conversations; else each line's own `model` field. */
  model?: string | undefined;
}

/** A line's conversation, read by the format: the system prompt and the messages. */
export interface Conversation {
  system: string | undefined;
  messages: MessageInput[];
}

const envelopeSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).optional(),
  custom_id: z.union([z.string().min(1), z.number()]).optional(),
  model: z.string().min(1).optional(),
  tags: z.array(z.string().min(1)).optional(),
  metadata: z.record(z.string(), z.json()).optional(),
});
const wrapperSchema = z.looseObject({ body: z.record(z.string(), z.unknown()).optional(), params: z.record(z.string(), z.unknown()).optional() });

export function parseChatJsonl(
  text: string,
  format: string,
  options: ChatJsonlOptions,
  readConversation: (body: Record<string, unknown>) => Conversation,
): ParsedImport {
  const lines = readJsonLines(text);
  requireJsonLines(lines, 'file');
  const result: ParsedImport = { format, transcripts: [], comparisons: [], failed: [] };
  for (const l of lines) {
    const where = `line ${l.line}`;
    if ('error' in l) {
      result.failed.push({ where, message: l.error });
      continue;
    }
    try {
      result.transcripts.push(lineToTranscript(l.value, format, options, readConversation));
    } catch (err) {
      if (!(err instanceof FormatError)) throw err;
      result.failed.push({ where, message: err.where ? `${err.where}: ${err.message}` : err.message });
    }
  }
  if (result.transcripts.length === 0) {
    const first = result.failed[0];
    throw new FormatError('file', `no line is a ${format} conversation (${first?.where ?? ''}: ${first?.message ?? ''})`);
  }
  return result;
}

function lineToTranscript(
  value: unknown,
  format: string,
  options: ChatJsonlOptions,
  readConversation: (body: Record<string, unknown>) => Conversation,
): TranscriptInput {
  const record = z.record(z.string(), z.unknown()).safeParse(value);
  if (!record.success) throw new FormatError('', 'expected a JSON object');
  const envelope = envelopeSchema.safeParse(record.data);
  if (!envelope.success) throw new FormatError('', describeIssues(envelope.error.issues));
  const body = unwrapBatchRequest(record.data);
  // A batch request names its model inside the request body.
  const requestModel = body === record.data ? undefined : z.looseObject({ model: z.string().min(1).optional() }).safeParse(body).data?.model;
  const lineModel = envelope.data.model ?? requestModel;
  const model = options.model ?? lineModel;
  if (model === undefined) throw new FormatError('model', 'this format names no model: give the model with the upload');
  const { system, messages } = readConversation(body);
  if (messages.length === 0) throw new FormatError('messages', 'no messages');
  const sourceId = envelope.data.id ?? envelope.data.custom_id;
  const metadata: { [key: string]: Json } = { ...envelope.data.metadata };
  if (lineModel !== undefined && lineModel !== model) metadata['line_model'] = lineModel;
  return {
    // Without an id of the source's own, the line's content is its identity: re-importing it is a no-op.
    externalId: sourceId === undefined ? `sha256:${shortHash(JSON.stringify(value), 32)}` : String(sourceId),
    source: format,
    model,
    scenario: undefined,
    sample: 0,
    system,
    messages,
    tags: [...new Set(envelope.data.tags ?? [])],
    metadata,
    scores: [],
  };
}

function unwrapBatchRequest(line: Record<string, unknown>): Record<string, unknown> {
  if ('messages' in line) return line;
  const wrapper = wrapperSchema.safeParse(line);
  return (wrapper.success ? (wrapper.data.body ?? wrapper.data.params) : undefined) ?? line;
}

/**
 * Leading system (or developer) messages become the transcript's system prompt, so that the same
 * conversation uploaded as OpenAI chat, Anthropic Messages or Inspect gives the same transcript and
 * scenario; a system message later in the conversation stays where it is.
 */
export function liftLeadingSystem(messages: MessageInput[], system: string | undefined): Conversation {
  const parts = system === undefined ? [] : [system];
  let start = 0;
  for (const m of messages) {
    if (m.role !== 'system') break;
    const text = plainText(m.content);
    if (text === undefined) break;
    parts.push(text);
    start++;
  }
  return { system: parts.length > 0 ? parts.join('\n\n') : undefined, messages: messages.slice(start) };
}

/** A content's text when it is only text (a string or text blocks), else undefined. */
export function plainText(content: MessageContent): string | undefined {
  if (typeof content === 'string') return content;
  const texts: string[] = [];
  for (const block of content) {
    if (block.type !== 'text') return undefined;
    texts.push(block.text);
  }
  return texts.join('\n');
}

/** OpenAI tool-call arguments are a JSON string; a string that is not JSON is kept as written. */
export function toolInput(args: string): unknown {
  try {
    return parseJson(args);
  } catch {
    return { arguments: args };
  }
}

export type ChatShape = 'openai' | 'anthropic' | 'either';

const OPENAI_ROLES = new Set(['system', 'developer', 'tool', 'function']);
const ANTHROPIC_BLOCKS = new Set(['tool_use', 'tool_result', 'thinking', 'redacted_thinking']);
const OPENAI_PARTS = new Set(['image_url', 'input_text', 'output_text', 'refusal', 'input_audio']);
const NATIVE_ONLY_FIELDS = ['external_id', 'scenario', 'scores', 'sample'];
const sniffSchema = z.looseObject({
  system: z.unknown().optional(),
  messages: z.array(z.looseObject({ role: z.string(), content: z.unknown().optional() })).min(1),
});

/** Which chat format the first line of a sample looks like: OpenAI-only or Anthropic-only features, or neither. */
export function chatShape(sample: string): ChatShape | undefined {
  const first = firstJsonLine(sample);
  if (first === undefined) return sniffTruncated(sample);
  const record = z.record(z.string(), z.unknown()).safeParse(first);
  if (!record.success || NATIVE_ONLY_FIELDS.some((k) => k in record.data)) return undefined;
  const line = sniffSchema.safeParse(unwrapBatchRequest(record.data));
  if (!line.success) return undefined;
  const parts = line.data.messages.flatMap((m) => (Array.isArray(m.content) ? m.content : [])).map(partType);
  if (line.data.messages.some((m) => OPENAI_ROLES.has(m.role) || 'tool_calls' in m || 'tool_call_id' in m || 'reasoning_content' in m || m.content === null)) return 'openai';
  if (parts.some((t) => t !== undefined && OPENAI_PARTS.has(t))) return 'openai';
  if (line.data.system !== undefined || parts.some((t) => t !== undefined && ANTHROPIC_BLOCKS.has(t))) return 'anthropic';
  return 'either';
}

function partType(part: unknown): string | undefined {
  const typed = z.looseObject({ type: z.string() }).safeParse(part);
  return typed.success ? typed.data.type : undefined;
}

/** A first line longer than the sample: judge by the opening only. */
function sniffTruncated(sample: string): ChatShape | undefined {
  const head = sample.trimStart();
  if (!head.startsWith('{') || !/"messages"\s*:\s*\[/u.test(head) || !/"role"\s*:/u.test(head)) return undefined;
  if (/"(external_id|scores)"\s*:/u.test(head)) return undefined;
  if (/"tool_calls"\s*:|"role"\s*:\s*"(system|developer|tool)"/u.test(head)) return 'openai';
  if (/^\{\s*"system"\s*:|"type"\s*:\s*"(tool_use|tool_result|thinking)"/u.test(head)) return 'anthropic';
  return 'either';
}
