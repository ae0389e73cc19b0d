import { z } from 'zod';
import type { Json } from '../../../db/schema/index.ts';
import type { MessageInput, ParsedImport, ScoreInput, TranscriptInput } from '../transcript-input.ts';
import { collapseWhitespace, modelName, parseJsonDocument, titleFrom, traitSlug } from './common.ts';
import { describeIssues } from '../../lib/issues.ts';
import { FormatError } from '../../lib/errors.ts';
import { eachFile, type ImportFormat } from './format.ts';
import type { TraitDefinition } from '../writer.ts';

/**
 * Spiral-Bench result JSON (https://github.com/sam-paech/spiral-bench, `res_v0.2/<model>.json`):
 * `{<run>: {<prompt file>: {<prompt_id>: [conversation, …]}, __meta__, scoring_summary}}`.
 */
export const SPIRAL_FORMAT = 'spiral';

/**
 * The Spiral-Bench criteria and final-judgement axes, with the polarity Spiral-Bench's own score gives them.
 * Slugs carry a `spiral.` prefix: a Spiral-Bench `pushback` is a sum of incident strengths per chunk, not
 * the judge's rubric scale, so it must not share a trait (and statistics) with charlens's own `pushback`.
 */
export const spiralTraitPolarity: Record<string, 'higher_is_better' | 'lower_is_better' | 'neutral'> = {
  'spiral.pushback': 'higher_is_better',
  'spiral.de_escalation': 'higher_is_better',
  'spiral.safe_redirection': 'higher_is_better',
  'spiral.suggestions_to_seek_help': 'higher_is_better',
  'spiral.safety': 'higher_is_better',
  'spiral.social_dexterity': 'higher_is_better',
  'spiral.sycophancy_or_praise': 'lower_is_better',
  'spiral.delusion_reinforcement': 'lower_is_better',
  'spiral.emotional_or_narrative_escalation': 'lower_is_better',
  'spiral.consciousness_claims': 'lower_is_better',
  'spiral.harmful_advice': 'lower_is_better',
  'spiral.off_rails': 'lower_is_better',
  'spiral.chunk': 'neutral',
  'spiral.final_judgement': 'neutral',
};

/** The final judge scores each conversation 0–10 on these axes (prompts/final_judge_prompt.txt). */
const FINAL_JUDGEMENT_AXES = new Set(['spiral.off_rails', 'spiral.safety', 'spiral.social_dexterity']);

/** `spiral.de_escalation` → `De-escalation (Spiral-Bench)`. */
function spiralTitle(slug: string): string {
  const words = slug.replace(/^spiral\./, '').replace('de_escalation', 'de-escalation').replaceAll('_', ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (Spiral-Bench)`;
}

/** Chunk criteria are sums of incident strengths over turn ranges; the final judgement is per transcript, 0–10. */
const spiralTraits: Record<string, TraitDefinition> = Object.fromEntries(
  Object.entries(spiralTraitPolarity).map(([slug, polarity]): [string, TraitDefinition] => [
    slug,
    FINAL_JUDGEMENT_AXES.has(slug)
      ? { title: spiralTitle(slug), polarity, scale: { kind: 'numeric', min: 0, max: 10 } }
      : { title: spiralTitle(slug), polarity, unit: 'turns' },
  ]),
);

/** The trait of a chunk the judge's output could not be read for: a failed score, visible, never counted. */
export const SPIRAL_FAILED_CHUNK_TRAIT = 'spiral.chunk';
const FAILED_FINAL_TRAIT = 'spiral.final_judgement';

const conversationSchema = z.looseObject({
  prompt_id: z.string().min(1),
  category: z.string().optional(),
  prompts: z.array(z.string()).optional(),
  convo_index: z.number().int().min(0),
  evaluated_model: z.string().min(1),
  evaluated_system_prompt: z.string().nullish(),
  transcript: z.array(z.looseObject({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })).min(1),
  judgements: z.record(z.string(), z.unknown()).nullish(),
  final_judgement: z.record(z.string(), z.unknown()).nullish(),
});
type Conversation = z.infer<typeof conversationSchema>;

const chunkSchema = z.looseObject({
  metrics: z.record(z.string(), z.number()),
  full_metrics: z.record(z.string(), z.array(z.tuple([z.string(), z.number()]).rest(z.unknown()))).optional(),
  raw_text: z.string().optional(),
  assistant_turn_indexes: z.array(z.number().int().min(0)).min(1),
});
type Chunk = z.infer<typeof chunkSchema>;
const errorChunkSchema = z.looseObject({ error: z.unknown() });

/** Keys beside the prompt files in a run object; they hold aggregates, not conversations. */
const RUN_SUMMARY_KEYS = new Set(['__meta__', 'scoring_summary']);
/** Conversation fields that have their own place in the transcript, so are not repeated in its metadata. */
const NOT_METADATA = new Set(['transcript', 'judgements', 'final_judgement', 'prompts', 'evaluated_system_prompt']);

export function detect(sample: string): boolean {
  return /^\s*\{/.test(sample) && ['"evaluated_model"', '"prompt_id"', '"convo_index"'].every((k) => sample.includes(k));
}

export function parseSpiral(text: string): ParsedImport {
  const doc = parseJsonDocument(text, 'file');
  const runs = z.record(z.string(), z.record(z.string(), z.unknown())).safeParse(doc);
  if (!runs.success) {
    throw new FormatError('file', `not a Spiral-Bench result file: expected {<run>: {<prompt file>: {<prompt_id>: [conversations]}}}`);
  }
  const result: ParsedImport = { format: SPIRAL_FORMAT, transcripts: [], comparisons: [], failed: [] };
  for (const [runKey, run] of Object.entries(runs.data)) {
    for (const [promptFile, byPrompt] of Object.entries(run)) {
      if (RUN_SUMMARY_KEYS.has(promptFile)) continue;
      const prompts = z.record(z.string(), z.array(z.unknown())).safeParse(byPrompt);
      if (!prompts.success) {
        result.failed.push({ where: `${runKey}/${promptFile}`, message: 'expected {<prompt_id>: [conversations]}' });
        continue;
      }
      for (const [promptId, conversations] of Object.entries(prompts.data)) {
        conversations.forEach((raw, i) => {
          const where = `${runKey}/${promptFile}/${promptId}/${i}`;
          const conversation = conversationSchema.safeParse(raw);
          if (!conversation.success) result.failed.push({ where, message: describeIssues(conversation.error.issues) });
          else result.transcripts.push(toTranscript(conversation.data, runKey, promptFile, raw, result.failed, where));
        });
      }
    }
  }
  if (result.transcripts.length === 0 && result.failed.length === 0) {
    throw new FormatError('file', 'no Spiral-Bench conversations found');
  }
  return result;
}

function toTranscript(
  c: Conversation,
  runKey: string,
  promptFile: string,
  raw: unknown,
  failed: ParsedImport['failed'],
  where: string,
): TranscriptInput {
  const messages: MessageInput[] = c.transcript.map((m) => ({ role: m.role, content: m.content }));
  const metadata = conversationMetadata(raw);
  const scores = [
    ...chunkScores(c.judgements ?? {}, messages, failed, where),
    ...finalScores(c.final_judgement ?? undefined, failed, where),
  ];
  return {
    externalId: `${c.evaluated_model}/${runKey}/${c.prompt_id}/${c.convo_index}`,
    source: SPIRAL_FORMAT,
    // Provider prefix dropped (`anthropic/claude-sonnet-4` → `claude-sonnet-4`); the full name stays in metadata.
    model: modelName(c.evaluated_model),
    scenario: `spiral/${c.prompt_id}`,
    scenarioTitle: c.prompts?.[0] === undefined ? c.prompt_id : titleFrom(c.prompts[0]),
    scenarioCategory: c.category,
    sample: c.convo_index,
    system: c.evaluated_system_prompt ? c.evaluated_system_prompt : undefined,
    messages,
    tags: c.category ? [c.category] : [],
    metadata: { ...metadata, spiral_run: runKey, prompt_file: promptFile },
    scores,
  };
}

/**
 * One score per criterion per judged chunk.
 *
 * `assistant_turn_indexes` are 0-based ordinals among the assistant turns, not message indices. Evidence
 * from both v0.2 result files (60 conversations, 1,133 readable chunks): `chunkN` always holds `[N+1]`;
 * `assistant_length_chars` equals the length in code points of the (N+1)-th assistant message (counting
 * from 0) in all 1,133; and of the 8,187 evidence snippets, 7,641 are found verbatim (whitespace collapsed)
 * in that assistant message and none in any other assistant message (of the other 546, 265 elide text
 * with "...", 140 differ only in case, the rest paraphrase). Read as message indices, `[1]` would be the
 * first reply but `[2]` a user turn. So ordinal k → the k-th assistant message of `transcript` (message
 * 2k+1 in these user-first alternating transcripts), and the first reply is never judged per chunk.
 */
function chunkScores(judgements: Record<string, unknown>, messages: MessageInput[], failed: ParsedImport['failed'], where: string): ScoreInput[] {
  const assistantMessages = messages.flatMap((m, i) => (m.role === 'assistant' ? [i] : []));
  const scores: ScoreInput[] = [];
  const chunkNames = Object.keys(judgements).sort((x, y) => chunkNumber(x) - chunkNumber(y) || x.localeCompare(y));
  for (const name of chunkNames) {
    const raw = judgements[name];
    const chunk = chunkSchema.safeParse(raw);
    if (!chunk.success) {
      const error = errorChunkSchema.safeParse(raw);
      const reason = !error.success ? describeIssues(chunk.error.issues) : typeof error.data.error === 'string' ? error.data.error : JSON.stringify(error.data.error);
      scores.push(failedScore(SPIRAL_FAILED_CHUNK_TRAIT, reason, `Spiral-Bench judge output for ${name} could not be read`));
      continue;
    }
    const range = chunk.data.assistant_turn_indexes.map((k) => assistantMessages[k]);
    const inRange = range.filter((i): i is number => i !== undefined);
    if (inRange.length !== range.length || inRange.length === 0) {
      const reason = `assistant_turn_indexes ${JSON.stringify(chunk.data.assistant_turn_indexes)} out of range (${assistantMessages.length} assistant turns)`;
      failed.push({ where: `${where}/${name}`, message: reason });
      scores.push(failedScore(SPIRAL_FAILED_CHUNK_TRAIT, reason, `Spiral-Bench judge output for ${name} names turns the transcript does not have`));
      continue;
    }
    scores.push(...criterionScores(chunk.data, inRange, messages));
  }
  return scores;
}

function criterionScores(chunk: Chunk, rangeMessages: number[], messages: MessageInput[]): ScoreInput[] {
  const first = Math.min(...rangeMessages);
  const last = Math.max(...rangeMessages);
  return Object.entries(chunk.metrics).map(([criterion, value]) => ({
    trait: `spiral.${traitSlug(criterion)}`,
    source: 'import',
    value,
    turns: [first, last],
    evidence: (chunk.full_metrics?.[criterion] ?? [])
      .filter(([quote]) => quote.trim() !== '')
      .map(([quote]) => ({ message_index: messageContaining(quote, rangeMessages, messages) ?? first, quote })),
    rationale: reasoningLine(chunk.raw_text, criterion),
  }));
}

/** The message in the chunk that holds the snippet, compared as the writer verifies quotes (whitespace collapsed). */
function messageContaining(quote: string, candidates: number[], messages: MessageInput[]): number | undefined {
  const needle = collapseWhitespace(quote);
  return candidates.find((i) => {
    const content = messages[i]?.content;
    return typeof content === 'string' && collapseWhitespace(content).includes(needle);
  });
}

/** The judge's one-line reasoning for a criterion (`- Pushback: None; …` under `# Reasoning`), when present. */
function reasoningLine(rawText: string | undefined, criterion: string): string | undefined {
  if (!rawText) return undefined;
  const escaped = criterion.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const match = new RegExp(`^\\s*[-*]\\s*${escaped}\\s*:\\s*(.+)$`, 'imu').exec(rawText);
  return match?.[1]?.trim();
}

/** `final_judgement`: whole-transcript scores (`off_rails`, `safety`, `social_dexterity`, 0–10). */
function finalScores(finalJudgement: Record<string, unknown> | undefined, failed: ParsedImport['failed'], where: string): ScoreInput[] {
  if (!finalJudgement) return [];
  if ('error' in finalJudgement) {
    return [failedScore(FAILED_FINAL_TRAIT, String(finalJudgement['error']), 'Spiral-Bench final judgement could not be read')];
  }
  const scores: ScoreInput[] = [];
  for (const [axis, value] of Object.entries(finalJudgement)) {
    if (typeof value === 'number' && Number.isFinite(value)) scores.push({ trait: `spiral.${traitSlug(axis)}`, source: 'import', value, evidence: [] });
    else failed.push({ where: `${where}/final_judgement/${axis}`, message: `expected a number, got ${JSON.stringify(value)}` });
  }
  return scores;
}

/** Everything else the conversation records (user model, injections, errors, …), kept as JSON metadata. */
function conversationMetadata(raw: unknown): { [key: string]: Json } {
  const fields = z.record(z.string(), z.unknown()).safeParse(raw);
  const metadata: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(fields.success ? fields.data : {})) {
    if (NOT_METADATA.has(key)) continue;
    const json = z.json().safeParse(value);
    if (json.success) metadata[key] = json.data;
  }
  return metadata;
}

function failedScore(trait: string, naReason: string, rationale: string): ScoreInput {
  return { trait, source: 'import', value: null, status: 'failed', naReason, evidence: [], rationale };
}

function chunkNumber(name: string): number {
  const match = /(\d+)$/u.exec(name);
  return match?.[1] === undefined ? Number.MAX_SAFE_INTEGER : Number(match[1]);
}

export const spiralFormat: ImportFormat = {
  name: SPIRAL_FORMAT,
  title: 'Spiral-Bench result JSON',
  description: 'per-chunk criterion scores (spiral.pushback, …) with turn ranges and checked evidence, failed chunks kept as failed, final judgements',
  extensions: ['.json'],
  detect: (sample) => detect(sample.text),
  traits: spiralTraits,
  read: { kind: 'files', parse: eachFile((file, context) => parseSpiral(context.text(file))) },
};
