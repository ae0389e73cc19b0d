import { parseJson } from '../lib/json.ts';
import { z } from 'zod';
import { describeIssues } from '../lib/issues.ts';
import { storedString } from '../lib/text.ts';
import type { Json } from '../../db/schema/index.ts';
import type { Limits } from '../env.ts';
import { contentBlockSchema, withReasoning, type ContentBlock, type MessageContent } from './blocks.ts';
import type { MessageInput, Role, ScoreInput, TranscriptInput } from './transcript-input.ts';

const jsonValue: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

const thinkingTokens = z.number({ error: 'thinking_tokens must be a number' }).int('thinking_tokens must be a whole number').min(0, 'thinking_tokens must be ≥ 0').optional();

const anthropicMessage = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool'], {
    error: (issue) => `unknown role ${JSON.stringify(issue.input)}: expected system, user, assistant or tool`,
  }),
  // A union would hide which block is wrong; `blocksOrString` reports the exact block and field.
  content: z.custom<unknown>((v) => v !== undefined, 'content is required: a string or an array of content blocks'),
  thinking_tokens: thinkingTokens,
});
const blocksOrString = z.array(contentBlockSchema);

/** OpenAI chat messages: `tool_calls` on assistant turns, `tool` turns answering them, content parts. */
const openAiMessage = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([
    z.string(),
    z.null(),
    z.array(z.looseObject({ type: z.string(), text: z.string().optional(), image_url: z.looseObject({ url: z.string() }).optional() })),
  ]),
  tool_calls: z
    .array(
      z.object({
        id: z.string(),
        type: z.literal('function').optional(),
        function: z.object({ name: z.string(), arguments: z.string() }),
      }),
    )
    .optional(),
  tool_call_id: z.string().optional(),
  name: z.string().optional(),
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
  thinking_tokens: thinkingTokens,
});

const scoreLine = z
  .object({
    trait: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, 'trait must be a slug: lower-case letters, digits, _ . - (1–100 characters)'),
    value: z.union([z.number(), storedString({ max: 200 }), z.boolean(), z.null()]),
    source: z.enum(['import', 'human'], { error: 'source must be "import" or "human" (judge scores come from judge runs)' }).default('import'),
    labeler: storedString({ max: 200 }).optional(),
    na_reason: storedString({ min: 0, max: 2000 }).optional(),
    turns: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
    evidence: z.array(z.object({ message_index: z.number().int().min(0), quote: z.string().min(1).max(5000) })).default([]),
    rationale: storedString({ min: 0, max: 100_000 }).optional(),
    sample: z.number().int().min(0).optional(),
  })
  .refine((s) => s.source !== 'human' || s.labeler !== undefined, { message: 'a human score needs a labeler', path: ['labeler'] })
  .refine((s) => s.value !== null || s.na_reason !== undefined, { message: 'a null value needs na_reason', path: ['na_reason'] })
  .refine((s) => !s.turns || s.turns[0] <= s.turns[1], { message: 'turns must be [first, last] with first ≤ last', path: ['turns'] });

const nativeLine = z.object({
  // Every string that lands in a text column is refused when it could not come back as sent (lib/text.ts).
  external_id: storedString({ max: 500 }).optional(),
  model: z.string({ error: 'model is required' }).pipe(storedString({ max: 200 })),
  scenario: storedString({ max: 500 }).optional(),
  scenario_title: storedString({ min: 0, max: 1000 }).optional(),
  scenario_category: storedString({ max: 200 }).optional(),
  sample: z.number().int().min(0).default(0),
  system: storedString({ min: 0 }).optional(),
  messages: z.array(z.unknown(), { error: 'messages is required and must be an array' }).min(1, 'messages must not be empty'),
  tags: z.array(storedString({ max: 100 })).max(100).default([]),
  metadata: z.record(z.string(), jsonValue).default({}),
  scores: z.array(scoreLine).default([]),
});

export type NativeLine = z.input<typeof nativeLine>;

export class LineError extends Error {}

/** Validates one parsed NDJSON line and turns it into the normalized shape, or throws a LineError naming field and reason. */
export function parseNativeLine(value: unknown, limits: Limits): TranscriptInput {
  const parsed = nativeLine.safeParse(value);
  if (!parsed.success) throw new LineError(describeIssues(parsed.error.issues));
  const line = parsed.data;
  if (line.messages.length > limits.maxMessagesPerTranscript) {
    throw new LineError(`messages: ${line.messages.length} messages is over the limit of ${limits.maxMessagesPerTranscript}`);
  }
  const messages = line.messages.map((m, i) => parseMessage(m, i));
  const scores: ScoreInput[] = line.scores.map((s, i) => {
    for (const e of s.evidence) {
      if (e.message_index >= messages.length) {
        throw new LineError(`scores.${i}.evidence: message_index ${e.message_index} is out of range (${messages.length} messages)`);
      }
    }
    if (s.turns && s.turns[1] >= messages.length) {
      throw new LineError(`scores.${i}.turns: ${s.turns[1]} is out of range (${messages.length} messages)`);
    }
    return {
      trait: s.trait,
      source: s.source,
      value: typeof s.value === 'boolean' ? Number(s.value) : s.value,
      naReason: s.na_reason,
      labeler: s.labeler,
      turns: s.turns,
      evidence: s.evidence,
      rationale: s.rationale,
      sample: s.sample,
    };
  });
  return {
    externalId: line.external_id,
    source: 'native',
    model: line.model,
    scenario: line.scenario,
    scenarioTitle: line.scenario_title,
    scenarioCategory: line.scenario_category,
    sample: line.sample,
    system: line.system,
    messages,
    tags: [...new Set(line.tags)],
    metadata: line.metadata,
    scores,
  };
}

function parseMessage(raw: unknown, index: number): MessageInput {
  if (looksOpenAi(raw)) {
    const openAi = openAiMessage.safeParse(raw);
    if (openAi.success) return fromOpenAi(openAi.data);
    throw new LineError(describeIssues(openAi.error.issues, `messages.${index}`));
  }
  const anthropic = anthropicMessage.safeParse(raw);
  if (!anthropic.success) throw new LineError(describeIssues(anthropic.error.issues, `messages.${index}`));
  const { role, content, thinking_tokens } = anthropic.data;
  const tokens = thinking_tokens === undefined ? {} : { thinkingTokens: thinking_tokens };
  if (typeof content === 'string') return { role, content, ...tokens };
  if (!Array.isArray(content)) throw new LineError(`messages.${index}.content: must be a string or an array of content blocks`);
  const blocks = blocksOrString.safeParse(content);
  if (!blocks.success) throw new LineError(describeIssues(blocks.error.issues, `messages.${index}.content`));
  return { role, content: blocks.data, ...tokens };
}

/** Fields only OpenAI's chat shape has; anything else is read (strictly) as Anthropic's. */
function looksOpenAi(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const m: Record<string, unknown> = { ...raw };
  if ('tool_calls' in m || 'tool_call_id' in m || 'reasoning_content' in m || 'reasoning' in m || m['role'] === 'developer' || m['content'] === null) return true;
  const content = m['content'];
  return Array.isArray(content) && content.some((p) => typeof p === 'object' && p !== null && 'type' in p && (p.type === 'image_url' || p.type === 'input_text'));
}

function fromOpenAi(m: z.infer<typeof openAiMessage>): MessageInput {
  const message = fromOpenAiContent(m);
  if (message.role !== 'assistant') return message;
  return { ...message, content: withReasoning(message.content, m.reasoning_content ?? m.reasoning), ...(m.thinking_tokens === undefined ? {} : { thinkingTokens: m.thinking_tokens }) };
}

function fromOpenAiContent(m: z.infer<typeof openAiMessage>): MessageInput {
  const textParts: MessageContent =
    typeof m.content === 'string'
      ? m.content
      : (m.content ?? []).flatMap((p): ContentBlock[] => {
          if (p.text !== undefined) return [{ type: 'text', text: p.text }];
          if (p.image_url) return [{ type: 'image', source: { type: 'url', url: p.image_url.url } }];
          return [];
        });
  if (m.role === 'tool') {
    const text = typeof textParts === 'string' ? textParts : textParts.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
    return { role: 'tool', content: [{ type: 'tool_result', tool_use_id: m.tool_call_id ?? '', content: text }] };
  }
  const role: Role = m.role === 'developer' ? 'system' : m.role;
  if (!m.tool_calls?.length) return { role, content: textParts };
  const blocks: ContentBlock[] = typeof textParts === 'string' ? (textParts ? [{ type: 'text', text: textParts }] : []) : [...textParts];
  for (const call of m.tool_calls) {
    blocks.push({ type: 'tool_use', id: call.id, name: call.function.name, input: parseArguments(call.function.arguments) });
  }
  return { role, content: blocks };
}

function parseArguments(args: string): unknown {
  try {
    return parseJson(args);
  } catch {
    return { arguments: args };
  }
}
