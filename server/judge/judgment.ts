import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import type { Evidence } from '../../db/schema/index.ts';
import { normalizeWhitespace } from '../lib/evidence.ts';
import { COMPARISON_TOOL, JUDGMENT_TOOL, unneutralize } from './prompt.ts';
import type { Rubric } from './rubrics.ts';

/** A score: a scale level, or a category of a categorical rubric. */
export type ScoreValue = number | string;

/** A checked judgment: a score or N/A, with evidence whose quotes were checked against the cited message. */
export type Judgment =
  | { kind: 'score'; reasoning: string; evidence: Evidence[]; score: ScoreValue }
  | { kind: 'not_applicable'; reasoning: string; evidence: Evidence[]; reason: string }
  | { kind: 'turns'; reasoning: string; turns: TurnJudgment[] };

/** One assistant message's score (or N/A reason) in a per-turn rubric. */
export type TurnJudgment = { messageIndex: number; score: ScoreValue | null; naReason: string | null; evidence: Evidence[] };

export type PairVerdict = { reasoning: string; winner: 'first' | 'second' | 'tie'; evidence: (Evidence & { transcript: 1 | 2 })[] };

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const quote = z.string().trim().min(1, 'quote must not be empty');

/** The score field of a judgment on the rubric's scale: an integer level, or one of its categories; null is N/A. */
function scoreField(scale: Rubric['scale']) {
  if (scale.kind === 'categorical') {
    const names = Object.keys(scale.categories);
    return z.enum(names as [string, ...string[]], { error: `score must be one of ${names.join(', ')}` }).nullable();
  }
  const { min, max } = scale;
  return z.number().int(`score must be an integer from ${min} to ${max}`).min(min, `score must be from ${min} to ${max}`).max(max, `score must be from ${min} to ${max}`).nullable();
}

function scaleKey(scale: Rubric['scale']): string {
  return scale.kind === 'categorical' ? `c:${Object.keys(scale.categories).join(',')}` : `n:${scale.min}:${scale.max}`;
}

// zod compiles each schema on first use; one per scale keeps that off the per-job path.
const schemaByScale = new Map<string, ReturnType<typeof buildJudgmentSchema>>();
const turnSchemaByScale = new Map<string, ReturnType<typeof buildTurnSchema>>();

function cached<T>(cache: Map<string, T>, scale: Rubric['scale'], build: (scale: Rubric['scale']) => T): T {
  const key = scaleKey(scale);
  let schema = cache.get(key);
  if (!schema) {
    schema = build(scale);
    cache.set(key, schema);
  }
  return schema;
}

function buildJudgmentSchema(scale: Rubric['scale']) {
  return z
    .object({
      reasoning: z.string().trim().min(1, 'reasoning must not be empty'),
      evidence: z.array(z.object({ message_index: z.number().int().min(0), quote })),
      score: scoreField(scale),
      not_applicable_reason: z.string().trim().nullable().optional(),
    })
    .refine((j) => j.score !== null || Boolean(j.not_applicable_reason), {
      message: 'give a score, or null with a not_applicable_reason',
      path: ['not_applicable_reason'],
    });
}

function buildTurnSchema(scale: Rubric['scale']) {
  return z.object({
    reasoning: z.string().trim().min(1, 'reasoning must not be empty'),
    turns: z.array(
      z
        .object({
          message_index: z.number().int().min(0),
          evidence: z.array(z.object({ quote })),
          score: scoreField(scale),
          not_applicable_reason: z.string().trim().nullable().optional(),
        })
        .refine((t) => t.score !== null || Boolean(t.not_applicable_reason), { message: 'give a score, or null with a not_applicable_reason', path: ['not_applicable_reason'] }),
    ),
  });
}

/**
 * A category that states whether the model thought must agree with the transcript (the rubric's
 * `scale.thinking`): "thought-warranted" on a message without thinking is an invalid answer.
 */
function thinkingContradiction(rubric: Rubric, messageIndex: number, score: ScoreValue | null, thoughtAt: ReadonlySet<number> | undefined): string | null {
  if (rubric.scale.kind !== 'categorical' || typeof score !== 'string' || !thoughtAt) return null;
  const expected = rubric.scale.thinking?.[score];
  if (expected === undefined) return null;
  const thought = thoughtAt.has(messageIndex);
  if (expected === 'present' && !thought) return `message ${messageIndex} did not think, but ${score} says it did`;
  if (expected === 'absent' && thought) return `message ${messageIndex} thought, but ${score} says it did not`;
  return null;
}

/** A per-turn answer must score every assistant message exactly once, and nothing else. */
function checkTurns(input: unknown, rubric: Rubric, messageTexts: string[], assistantIndices: number[], thoughtAt: ReadonlySet<number> | undefined): Checked<Judgment> {
  const parsed = cached(turnSchemaByScale, rubric.scale, buildTurnSchema).safeParse(input);
  if (!parsed.success) return { ok: false, error: zodMessage(parsed.error) };
  const seen = parsed.data.turns.map((t) => t.message_index);
  const extra = seen.filter((i) => !assistantIndices.includes(i));
  const missing = assistantIndices.filter((i) => !seen.includes(i));
  const repeated = seen.filter((i, n) => seen.indexOf(i) !== n);
  if (extra.length || missing.length || repeated.length) {
    const parts = [
      missing.length ? `no score for assistant message${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : '',
      extra.length ? `message${extra.length > 1 ? 's' : ''} ${extra.join(', ')} ${extra.length > 1 ? 'are' : 'is'} not from the assistant` : '',
      repeated.length ? `message ${repeated.join(', ')} scored more than once` : '',
    ];
    return { ok: false, error: `turns: ${parts.filter(Boolean).join('; ')}` };
  }
  const contradictions = parsed.data.turns.map((t) => thinkingContradiction(rubric, t.message_index, t.score, thoughtAt)).filter((c) => c !== null);
  if (contradictions.length) return { ok: false, error: `turns: ${contradictions.join('; ')}` };
  return {
    ok: true,
    value: {
      kind: 'turns',
      reasoning: parsed.data.reasoning,
      turns: parsed.data.turns.map((t) => ({
        messageIndex: t.message_index,
        score: t.score,
        naReason: t.score === null ? (t.not_applicable_reason ?? '') : null,
        evidence: verifyEvidence(t.evidence.map((e) => ({ message_index: t.message_index, quote: e.quote })), messageTexts),
      })),
    },
  };
}

const comparisonSchema = z.object({
  reasoning: z.string().trim().min(1, 'reasoning must not be empty'),
  evidence: z.array(z.object({ transcript: z.union([z.literal(1), z.literal(2)]), message_index: z.number().int().min(0), quote })),
  winner: z.union([z.literal(1), z.literal(2), z.literal('tie')], { error: 'winner must be 1, 2 or "tie"' }),
});

/** The input of the answer's one call of tool `name`; not ok when it made none or several. */
export function toolInput(content: Anthropic.ContentBlock[], name: string): Checked<unknown> {
  const calls = content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use' && b.name === name);
  if (calls.length === 0) return { ok: false, error: `no call of the ${name} tool` };
  if (calls.length > 1) return { ok: false, error: `${calls.length} calls of ${name}; call it exactly once` };
  return { ok: true, value: calls[0]?.input };
}

/** A schema failure as the repair turn quotes it back to Claude: every issue, `path: reason; …`. */
export function zodMessage(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
}

/**
 * Checks a `record_judgment` answer against the rubric's scale and every quote against the message it cites.
 * `thoughtAt` (the indices of messages that thought) lets a thinking category be checked against the transcript.
 */
export function checkJudgment(
  content: Anthropic.ContentBlock[],
  rubric: Rubric,
  messageTexts: string[],
  assistantIndices: number[] = [],
  thoughtAt?: ReadonlySet<number>,
): Checked<Judgment> {
  const input = toolInput(content, JUDGMENT_TOOL);
  if (!input.ok) return input;
  if (rubric.unit === 'assistant_turn') return checkTurns(input.value, rubric, messageTexts, assistantIndices, thoughtAt);
  const parsed = cached(schemaByScale, rubric.scale, buildJudgmentSchema).safeParse(input.value);
  if (!parsed.success) return { ok: false, error: zodMessage(parsed.error) };
  const j = parsed.data;
  const evidence = verifyEvidence(j.evidence, messageTexts);
  if (j.score === null) return { ok: true, value: { kind: 'not_applicable', reasoning: j.reasoning, evidence, reason: j.not_applicable_reason ?? '' } };
  return { ok: true, value: { kind: 'score', reasoning: j.reasoning, evidence, score: j.score } };
}

/** Checks a `record_comparison` answer; `first`/`second` are in the order the transcripts were shown. */
export function checkComparison(content: Anthropic.ContentBlock[], firstTexts: string[], secondTexts: string[]): Checked<PairVerdict> {
  const input = toolInput(content, COMPARISON_TOOL);
  if (!input.ok) return input;
  const parsed = comparisonSchema.safeParse(input.value);
  if (!parsed.success) return { ok: false, error: zodMessage(parsed.error) };
  const v = parsed.data;
  return {
    ok: true,
    value: {
      reasoning: v.reasoning,
      winner: v.winner === 1 ? 'first' : v.winner === 2 ? 'second' : 'tie',
      evidence: v.evidence.map((e) => ({
        transcript: e.transcript,
        ...verifyEvidence([e], e.transcript === 1 ? firstTexts : secondTexts)[0]!,
      })),
    },
  };
}

/** A quote is verified only if it is in the message it cites (whitespace-normalized); else it is kept, marked unverified. */
export function verifyEvidence(items: { message_index: number; quote: string }[], messageTexts: string[]): Evidence[] {
  // Judge answers are bounded by max_tokens, and the transcript it saw was built in the same request: sync is fine.
  const normalized = new Map<number, string>();
  return items.map((e) => {
    const quote = unneutralize(e.quote);
    const text = messageTexts[e.message_index];
    if (text === undefined) return { message_index: e.message_index, quote, verified: false };
    const haystack = normalized.get(e.message_index) ?? normalizeWhitespace(text);
    normalized.set(e.message_index, haystack);
    const needle = normalizeWhitespace(quote);
    return { message_index: e.message_index, quote, verified: needle.length > 0 && haystack.includes(needle) };
  });
}

/**
 * Both orders of a pair: agreeing verdicts give a winner, disagreeing ones a tie (RUBRICS.md; MT-Bench's
 * position-bias control). `ab` showed A first; `ba` showed B first.
 */
export function combineOrders(ab: PairVerdict['winner'], ba: PairVerdict['winner']): 'a' | 'b' | 'tie' {
  const fromAb = ab === 'first' ? 'a' : ab === 'second' ? 'b' : 'tie';
  const fromBa = ba === 'first' ? 'b' : ba === 'second' ? 'a' : 'tie';
  return fromAb === fromBa ? fromAb : 'tie';
}
