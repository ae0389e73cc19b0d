/**
 * A judge job's audit trail made readable: the prompt it sent (system blocks, tool, the rendered
 * transcript) and the raw answers the API gave (blocks, the tool call's input, usage). Both arrive as
 * JSON the server kept verbatim, so everything here reads `unknown` defensively: an audit view must show
 * what is there, even from an answer that broke the rules.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export interface PromptBlock {
  text: string;
  /** Carries a `cache_control` breakpoint: this block and everything before it is the cached prefix. */
  cached: boolean;
}

export interface PromptView {
  model: string;
  maxTokens: number | null;
  toolChoice: string;
  system: PromptBlock[];
  tools: { name: string; description: string; schema: unknown }[];
  messages: { role: string; blocks: PromptBlock[] }[];
}

function blocksOf(content: unknown): PromptBlock[] {
  if (typeof content === 'string') return [{ text: content, cached: false }];
  if (!Array.isArray(content)) return [];
  return content.map((b) => {
    if (!isRecord(b)) return { text: JSON.stringify(b), cached: false };
    const cached = isRecord(b['cache_control']);
    if (b['type'] === 'text') return { text: str(b['text']), cached };
    return { text: JSON.stringify(b, null, 2), cached };
  });
}

/** The Messages API request of a job, as sections a reader can scan. */
export function promptView(request: unknown): PromptView {
  const r = isRecord(request) ? request : {};
  const choice = isRecord(r['tool_choice']) ? r['tool_choice'] : null;
  return {
    model: str(r['model']),
    maxTokens: typeof r['max_tokens'] === 'number' ? r['max_tokens'] : null,
    toolChoice: choice ? [str(choice['type']), str(choice['name'])].filter(Boolean).join(' ') : 'none',
    system: blocksOf(r['system']),
    tools: (Array.isArray(r['tools']) ? r['tools'] : []).filter(isRecord).map((t) => ({ name: str(t['name']), description: str(t['description']), schema: t['input_schema'] ?? null })),
    messages: (Array.isArray(r['messages']) ? r['messages'] : []).filter(isRecord).map((m) => ({ role: str(m['role']), blocks: blocksOf(m['content']) })),
  };
}

export type AnswerBlock = { kind: 'text'; text: string } | { kind: 'thinking'; text: string } | { kind: 'tool_use'; name: string; input: unknown } | { kind: 'other'; type: string; json: string };

export interface AnswerView {
  id: string;
  model: string;
  stopReason: string;
  blocks: AnswerBlock[];
  usage: { input: number; output: number; cacheWrite: number; cacheRead: number } | null;
}

function count(u: Record<string, unknown>, key: string): number {
  const v = u[key];
  return typeof v === 'number' ? v : 0;
}

function answerBlock(b: unknown): AnswerBlock {
  if (!isRecord(b)) return { kind: 'other', type: typeof b, json: JSON.stringify(b) };
  switch (b['type']) {
    case 'text':
      return { kind: 'text', text: str(b['text']) };
    case 'thinking':
      return { kind: 'thinking', text: str(b['thinking']) };
    case 'tool_use':
      return { kind: 'tool_use', name: str(b['name']), input: b['input'] ?? null };
    default:
      return { kind: 'other', type: str(b['type']) || 'unknown', json: JSON.stringify(b, null, 2) };
  }
}

/**
 * The answers kept in a job's raw response: the API's messages in order (a repaired judgment has two).
 * Accepts one message as well as a list of them.
 */
export function answersOf(raw: unknown): AnswerView[] {
  const list = Array.isArray(raw) ? raw : raw === null || raw === undefined ? [] : [raw];
  return list.map((m) => {
    const r = isRecord(m) ? m : {};
    const u = isRecord(r['usage']) ? r['usage'] : null;
    return {
      id: str(r['id']),
      model: str(r['model']),
      stopReason: str(r['stop_reason']),
      blocks: (Array.isArray(r['content']) ? r['content'] : []).map(answerBlock),
      usage: u ? { input: count(u, 'input_tokens'), output: count(u, 'output_tokens'), cacheWrite: count(u, 'cache_creation_input_tokens'), cacheRead: count(u, 'cache_read_input_tokens') } : null,
    };
  });
}

export interface ParsedJudgment {
  tool: string;
  reasoning: string;
  /** A score, `null` for N/A, undefined when the tool input has none (pairwise, per-turn). */
  score?: number | null;
  notApplicableReason?: string;
  winner?: string;
  evidence: { message_index: number | null; quote: string; transcript?: number }[];
  turns?: { message_index: number | null; score: number | null; quotes: string[]; notApplicableReason: string }[];
}

function evidenceOf(value: unknown): ParsedJudgment['evidence'] {
  return (Array.isArray(value) ? value : []).filter(isRecord).map((e) => ({
    message_index: typeof e['message_index'] === 'number' ? e['message_index'] : null,
    quote: str(e['quote']),
    ...(typeof e['transcript'] === 'number' ? { transcript: e['transcript'] } : {}),
  }));
}

/** The judgment as the model gave it: the input of the last tool call of the last answer, or null when it made none. */
export function parsedJudgment(raw: unknown): ParsedJudgment | null {
  const answers = answersOf(raw);
  for (let i = answers.length - 1; i >= 0; i--) {
    const call = [...(answers[i]?.blocks ?? [])].reverse().find((b) => b.kind === 'tool_use');
    if (!call || call.kind !== 'tool_use') continue;
    const input = isRecord(call.input) ? call.input : {};
    const judgment: ParsedJudgment = { tool: call.name, reasoning: str(input['reasoning']), evidence: evidenceOf(input['evidence']) };
    if ('score' in input) judgment.score = typeof input['score'] === 'number' ? input['score'] : null;
    if (typeof input['not_applicable_reason'] === 'string') judgment.notApplicableReason = input['not_applicable_reason'];
    if ('winner' in input) judgment.winner = String(input['winner']);
    if (Array.isArray(input['turns'])) {
      judgment.turns = input['turns'].filter(isRecord).map((t) => ({
        message_index: typeof t['message_index'] === 'number' ? t['message_index'] : null,
        score: typeof t['score'] === 'number' ? t['score'] : null,
        quotes: evidenceOf(t['evidence']).map((e) => e.quote),
        notApplicableReason: str(t['not_applicable_reason']),
      }));
    }
    return judgment;
  }
  return null;
}
