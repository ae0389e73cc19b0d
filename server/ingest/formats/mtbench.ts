import { z } from 'zod';
import type { ComparisonInput, MessageInput, ParsedImport, ScoreInput, TranscriptInput, TranscriptRef } from '../transcript-input.ts';
import { FormatError } from '../../lib/errors.ts';
import { firstJsonLine, readJsonLines, requireJsonLines, titleFrom, type JsonLine } from './common.ts';
import { describeIssues } from '../../lib/issues.ts';
import type { ImportFormat } from './format.ts';

/**
 * MT-Bench (FastChat `llm_judge`): `question.jsonl`, `model_answer/<model>.jsonl`, and the judge's
 * `model_judgment/<judge>_pair.jsonl` and `<judge>_single.jsonl`, in any combination.
 *
 * Transcripts are keyed `<model>/<question_id>` (the key the judgment files join on), so a judgment file
 * uploaded after its answer files still names the right transcripts, and re-imports are no-ops.
 */
export const MTBENCH_FORMAT = 'mtbench';
/** One verdict per position order; `shownOrder` tells them apart (position-bias statistics use both). */
export const MTBENCH_PAIRWISE_TRAIT = 'mtbench_pairwise';
/** MT-Bench's own verdict per question: the two orders agreeing, else a tie. A trait of its own, so never summed with the above. */
export const MTBENCH_CONSENSUS_TRAIT = 'mtbench_pairwise_consensus';
export const MTBENCH_SCORE_TRAIT = 'mtbench_score';

export interface MtBenchFile {
  name: string;
  text: string;
}

const questionSchema = z.looseObject({
  question_id: z.number().int(),
  category: z.string().optional(),
  turns: z.array(z.string()).min(1),
  reference: z.array(z.string()).optional(),
});
const answerSchema = z.looseObject({
  question_id: z.number().int(),
  answer_id: z.string().optional(),
  model_id: z.string().min(1),
  choices: z.array(z.looseObject({ index: z.number().int().min(0).optional(), turns: z.array(z.string()).min(1) })).min(1),
  tstamp: z.number().optional(),
});
const judgeSchema = z.array(z.string()).optional();
const winnerSchema = z.enum(['model_1', 'model_2', 'tie', 'error']);
const pairSchema = z.looseObject({
  question_id: z.number().int(),
  model_1: z.string().min(1),
  model_2: z.string().min(1),
  g1_winner: winnerSchema,
  g2_winner: winnerSchema,
  judge: judgeSchema,
  g1_judgment: z.string().optional(),
  g2_judgment: z.string().optional(),
  turn: z.number().int().min(1).default(1),
});
const singleSchema = z.looseObject({
  question_id: z.number().int(),
  model: z.string().min(1),
  judge: judgeSchema,
  judgment: z.string().optional(),
  score: z.number(),
  turn: z.number().int().min(1).default(1),
});
export type MtBenchQuestion = z.infer<typeof questionSchema>;
type Question = MtBenchQuestion;
type Pair = z.infer<typeof pairSchema>;

type FileKind = 'question' | 'answer' | 'reference' | 'pair' | 'single' | 'judge_prompts';

export function detect(sample: string): boolean {
  return kindFromContent(firstJsonLine(sample)) !== undefined;
}

export function parseMtBench(files: MtBenchFile[]): ParsedImport {
  const result: ParsedImport = { format: MTBENCH_FORMAT, transcripts: [], comparisons: [], failed: [] };
  const byKind = new Map<FileKind, { name: string; lines: JsonLine[] }[]>();
  for (const file of files) {
    const lines = readJsonLines(file.text);
    requireJsonLines(lines, file.name);
    const first = lines.find((l) => 'value' in l);
    const kind = kindFromName(file.name) ?? kindFromContent(first && 'value' in first ? first.value : undefined);
    if (kind === undefined) {
      result.failed.push({ where: file.name, message: 'not an MT-Bench file (question, model answer, pair or single judgment)' });
      continue;
    }
    byKind.set(kind, [...(byKind.get(kind) ?? []), { name: file.name, lines }]);
  }
  if (byKind.size === 0) {
    throw new FormatError(files[0]?.name ?? 'files', 'not MT-Bench: expected question.jsonl, model_answer/*.jsonl, *_pair.jsonl or *_single.jsonl');
  }
  for (const kind of ['reference', 'judge_prompts'] as const) {
    for (const file of byKind.get(kind) ?? []) {
      result.failed.push({ where: file.name, message: `MT-Bench ${kind === 'reference' ? 'reference answers' : 'judge prompts'} are not imported: they are not a model's transcripts` });
    }
  }

  const questions = readQuestions(byKind.get('question') ?? [], result.failed);
  const transcripts = new Map<string, TranscriptInput>();
  const modelsWithAnswers = new Set<string>();
  for (const { name, lines } of byKind.get('answer') ?? []) {
    for (const row of rows(lines, answerSchema, name, result.failed)) {
      modelsWithAnswers.add(row.value.model_id);
      for (const choice of row.value.choices) {
        const { externalId, transcript } = answerTranscript(row.value, choice.index ?? 0, choice.turns, questions.get(row.value.question_id));
        if (transcripts.has(externalId)) result.failed.push({ where: `${name} line ${row.line}`, message: `duplicate answer ${externalId}` });
        else transcripts.set(externalId, transcript);
      }
    }
  }

  for (const { name, lines } of byKind.get('single') ?? []) {
    for (const { line, value } of rows(lines, singleSchema, name, result.failed)) {
      const transcript = transcripts.get(answerId(value.model, value.question_id));
      const where = `${name} line ${line}`;
      if (!transcript) {
        const why = modelsWithAnswers.has(value.model) ? `has no answer to question ${value.question_id}` : 'is not in this upload';
        result.failed.push({ where, message: `single judgment for ${value.model} on question ${value.question_id}: the model's answer file ${why} (upload it together with the judgments)` });
        continue;
      }
      const assistantIndex = 2 * value.turn - 1;
      if (assistantIndex >= transcript.messages.length) {
        result.failed.push({ where, message: `turn ${value.turn} is beyond the answer's ${transcript.messages.length / 2} turns` });
        continue;
      }
      transcript.scores.push(singleScore(value, assistantIndex));
    }
  }

  for (const { name, lines } of byKind.get('pair') ?? []) {
    for (const { line, value } of rows(lines, pairSchema, name, result.failed)) {
      const where = `${name} line ${line}`;
      const missing = [value.model_1, value.model_2].filter(
        (m) => modelsWithAnswers.has(m) && !transcripts.has(answerId(m, value.question_id)),
      );
      if (missing.length > 0) {
        result.failed.push({ where, message: `pair judgment on question ${value.question_id}: no answer from ${missing.join(' and ')} to that question` });
        continue;
      }
      result.comparisons.push(...pairComparisons(value, where, result.failed));
    }
  }
  result.transcripts = [...transcripts.values()];
  return result;
}

function readQuestions(files: { name: string; lines: JsonLine[] }[], failed: ParsedImport['failed']): Map<number, Question> {
  const questions = new Map<number, Question>();
  for (const { name, lines } of files) for (const { value } of rows(lines, questionSchema, name, failed)) questions.set(value.question_id, value);
  return questions;
}

/** The questions of `question.jsonl`, by id (what the scenarios' titles and categories come from). */
export function readMtBenchQuestions(text: string): Map<number, Question> {
  const failed: ParsedImport['failed'] = [];
  const lines = readJsonLines(text);
  requireJsonLines(lines, 'question.jsonl');
  return readQuestions([{ name: 'question.jsonl', lines }], failed);
}

function answerTranscript(
  answer: z.infer<typeof answerSchema>,
  choice: number,
  turns: string[],
  question: Question | undefined,
): { externalId: string; transcript: TranscriptInput } {
  const messages: MessageInput[] = turns.flatMap((text, i): MessageInput[] => [
    // Without question.jsonl the user's words are unknown; a marked placeholder keeps message i ↔ turn i.
    { role: 'user', content: question?.turns[i] ?? `[MT-Bench question ${answer.question_id}, turn ${i + 1}: question text not in this upload]` },
    { role: 'assistant', content: text },
  ]);
  const base = answerId(answer.model_id, answer.question_id);
  const externalId = choice === 0 ? base : `${base}/${choice}`;
  const transcript: TranscriptInput = {
    externalId,
    source: MTBENCH_FORMAT,
    model: answer.model_id,
    scenario: `mtbench/${answer.question_id}`,
    scenarioTitle: question?.turns[0] === undefined ? undefined : titleFrom(question.turns[0]),
    scenarioCategory: question?.category,
    sample: choice,
    system: undefined,
    messages,
    tags: question?.category ? [question.category] : [],
    metadata: {
      question_id: answer.question_id,
      ...(answer.answer_id === undefined ? {} : { answer_id: answer.answer_id }),
      ...(answer.tstamp === undefined ? {} : { tstamp: answer.tstamp }),
      ...(question?.reference === undefined ? {} : { reference_answer: question.reference }),
      ...(question === undefined ? { question_missing: true } : {}),
    },
    scores: [],
  };
  return { externalId, transcript };
}

/** A 1–10 rating; FastChat writes -1 when the judge gave no `[[rating]]`, kept as a failed score. */
function singleScore(row: z.infer<typeof singleSchema>, assistantIndex: number): ScoreInput {
  const valid = Number.isFinite(row.score) && row.score >= 1 && row.score <= 10;
  return {
    trait: MTBENCH_SCORE_TRAIT,
    source: 'import',
    value: valid ? row.score : null,
    ...(valid ? {} : { status: 'failed' as const, naReason: `the judge gave no rating (score ${row.score})` }),
    labeler: row.judge?.join('/'),
    turns: [assistantIndex, assistantIndex],
    evidence: [],
    rationale: row.judgment,
  };
}

/**
 * Both games of a pair row plus MT-Bench's per-question verdict. g1 showed model_1's answer first (`ab`),
 * g2 swapped the positions (`ba`); FastChat has already mapped g2's winner back to model_1/model_2.
 * An `error` game goes to `failed`, and without both games there is no consensus (FastChat drops such rows).
 */
function pairComparisons(row: Pair, where: string, failed: ParsedImport['failed']): ComparisonInput[] {
  const a = { source: MTBENCH_FORMAT, externalId: answerId(row.model_1, row.question_id) } satisfies TranscriptRef;
  const b = { source: MTBENCH_FORMAT, externalId: answerId(row.model_2, row.question_id) } satisfies TranscriptRef;
  const suffix = row.turn === 1 ? '' : `_turn${row.turn}`;
  const labeler = row.judge?.join('/');
  const out: ComparisonInput[] = [];
  const games = [
    { game: 'g1', winner: row.g1_winner, shownOrder: 'ab', rationale: row.g1_judgment },
    { game: 'g2', winner: row.g2_winner, shownOrder: 'ba', rationale: row.g2_judgment },
  ] as const;
  for (const g of games) {
    if (g.winner === 'error') failed.push({ where: `${where} ${g.game}`, message: 'the judge gave no verdict (winner "error")' });
    else out.push({ a, b, trait: `${MTBENCH_PAIRWISE_TRAIT}${suffix}`, source: 'import', winner: side(g.winner), shownOrder: g.shownOrder, rationale: g.rationale, labeler });
  }
  if (row.g1_winner !== 'error' && row.g2_winner !== 'error') {
    const agreed = row.g1_winner === row.g2_winner;
    out.push({
      a,
      b,
      trait: `${MTBENCH_CONSENSUS_TRAIT}${suffix}`,
      source: 'import',
      winner: agreed ? side(row.g1_winner) : 'tie',
      // Combined from both orders: no one order was shown. Position statistics use the per-order trait.
      shownOrder: 'unknown',
      rationale: `MT-Bench verdict from both position orders: g1 ${row.g1_winner}, g2 ${row.g2_winner}${agreed ? '' : ' (inconsistent, counted as a tie)'}`,
      labeler,
    });
  }
  return out;
}

function side(winner: 'model_1' | 'model_2' | 'tie'): 'a' | 'b' | 'tie' {
  return winner === 'model_1' ? 'a' : winner === 'model_2' ? 'b' : 'tie';
}

function answerId(model: string, questionId: number): string {
  return `${model}/${questionId}`;
}

function* rows<T extends z.ZodType>(lines: JsonLine[], schema: T, name: string, failed: ParsedImport['failed']): Generator<{ line: number; value: z.infer<T> }> {
  for (const l of lines) {
    if ('error' in l) {
      failed.push({ where: `${name} line ${l.line}`, message: l.error });
      continue;
    }
    const parsed = schema.safeParse(l.value);
    if (parsed.success) yield { line: l.line, value: parsed.data };
    else failed.push({ where: `${name} line ${l.line}`, message: describeIssues(parsed.error.issues) });
  }
}

function kindFromName(name: string): FileKind | undefined {
  const path = name.replace(/\\/gu, '/');
  const base = path.split('/').at(-1) ?? path;
  if (base === 'question.jsonl') return 'question';
  if (base === 'judge_prompts.jsonl') return 'judge_prompts';
  if (base.endsWith('_pair.jsonl')) return 'pair';
  if (base.endsWith('_single.jsonl')) return 'single';
  if (path.includes('reference_answer/')) return 'reference';
  if (path.includes('model_answer/')) return 'answer';
  return undefined;
}

function kindFromContent(value: unknown): FileKind | undefined {
  const row = z.record(z.string(), z.unknown()).safeParse(value);
  if (!row.success) return undefined;
  const has = (...keys: string[]) => keys.every((k) => k in row.data);
  if (has('name', 'prompt_template', 'output_format')) return 'judge_prompts';
  if (!has('question_id')) return undefined;
  if (has('g1_winner', 'g2_winner')) return 'pair';
  if (has('judgment', 'score', 'model')) return 'single';
  if (has('choices', 'model_id')) return 'answer';
  if (has('turns')) return 'question';
  return undefined;
}

export const mtbenchFormat: ImportFormat = {
  name: MTBENCH_FORMAT,
  title: 'MT-Bench JSONL',
  description: 'question.jsonl, model_answer/*.jsonl, *_pair.jsonl (verdicts in both orders) and *_single.jsonl (1–10 scores), uploaded together',
  extensions: ['.jsonl'],
  detect: (sample) => detect(sample.text),
  traits: {
    [MTBENCH_SCORE_TRAIT]: { title: 'MT-Bench score', polarity: 'higher_is_better', scale: { kind: 'numeric', min: 1, max: 10 } },
    [MTBENCH_PAIRWISE_TRAIT]: { title: 'MT-Bench pairwise (per order)', polarity: 'higher_is_better' },
    [MTBENCH_CONSENSUS_TRAIT]: { title: 'MT-Bench pairwise (both orders)', polarity: 'higher_is_better' },
  },
  // Questions, answers and judgments live in separate files that only make sense together.
  read: { kind: 'files', parse: (files, context) => parseMtBench(files.map((f) => ({ name: f.name, text: context.text(f) }))) },
};
