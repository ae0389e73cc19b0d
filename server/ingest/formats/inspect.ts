import { z } from 'zod';
import type { Json } from '../../../db/schema/index.ts';
import type { ParsedImport, ScoreInput, TranscriptInput } from '../transcript-input.ts';
import { liftLeadingSystem, plainText } from './chat-jsonl.ts';
import { modelName, parseJsonDocument, shortHash, titleFrom, traitSlug } from './common.ts';
import { describeIssues } from '../../lib/issues.ts';
import { FormatError } from '../../lib/errors.ts';
import { convertInspectMessages } from './inspect-messages.ts';
import { eachFile, isZip, type ImportFormat } from './format.ts';
import { parseInspectEval } from './inspect-eval.ts';
import { inflateAllowance } from '../../lib/body.ts';

/**
 * Inspect AI eval logs (https://inspect.aisi.org.uk/eval-logs.html). The `.json` log holds the header and its
 * samples in one document; the `.eval` zip (inspect-eval.ts) holds the header in `header.json` and one file
 * per sample. Both come here as a header plus samples. Fields that come and go between Inspect versions
 * (`eval_id`, sample `uuid`, `invalidated`, `total_time`, …) are optional, and any `status` is accepted:
 * a cancelled or failed log imports the samples it has.
 */
export const INSPECT_FORMAT = 'inspect';

const headerSchema = z.looseObject({
  version: z.number().optional(),
  status: z.string().optional(),
  eval: z.looseObject({
    eval_id: z.string().nullish(),
    run_id: z.string().nullish(),
    task_id: z.string().nullish(),
    task: z.string().min(1),
    task_version: z.union([z.number(), z.string()]).nullish(),
    model: z.string().min(1),
    created: z.string().nullish(),
  }),
  invalidated: z.boolean().nullish(),
});
type Header = z.infer<typeof headerSchema>;

const scoreSchema = z.looseObject({
  value: z.json(),
  answer: z.string().nullish(),
  explanation: z.string().nullish(),
});
const sampleSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]),
  epoch: z.number().int().min(1).default(1),
  input: z.unknown().optional(),
  target: z.json().optional(),
  messages: z.array(z.unknown()).default([]),
  scores: z.record(z.string(), scoreSchema).nullish(),
  metadata: z.record(z.string(), z.json()).nullish(),
  error: z.looseObject({ message: z.string().optional() }).nullish(),
  uuid: z.string().nullish(),
  choices: z.array(z.string()).nullish(),
  invalidation: z.json().optional(),
  model_usage: z.record(z.string(), z.looseObject({ input_tokens: z.number().optional(), output_tokens: z.number().optional() })).nullish(),
  attachments: z.record(z.string(), z.string()).nullish(),
});
type Sample = z.infer<typeof sampleSchema>;

export function detect(sample: string): boolean {
  return (
    /^\s*\{/u.test(sample) &&
    /"version"\s*:\s*\d/u.test(sample) &&
    /"status"\s*:\s*"/u.test(sample) &&
    ['"eval"', '"task"', '"model"'].every((k) => sample.includes(k))
  );
}

/** A `.json` log: the header and `samples` in one document. */
export function parseInspectJson(text: string): ParsedImport {
  const doc = parseJsonDocument(text, 'file');
  const withSamples = z.looseObject({ samples: z.array(z.unknown()).nullish() }).safeParse(doc);
  const samples = withSamples.success ? (withSamples.data.samples ?? []) : [];
  return inspectLogToImport(doc, samples.map((value, i) => ({ where: `samples.${i}`, value })));
}

/** The normalized import of one log: its header and its samples, each named for error messages. */
export function inspectLogToImport(rawHeader: unknown, samples: { where: string; value: unknown }[]): ParsedImport {
  const header = headerSchema.safeParse(rawHeader);
  if (!header.success) throw new FormatError('header', `not an Inspect AI log: ${describeIssues(header.error.issues)}`);
  const result: ParsedImport = { format: INSPECT_FORMAT, transcripts: [], comparisons: [], failed: [] };
  if (samples.length === 0) result.failed.push({ where: 'samples', message: `the log holds no samples (status ${header.data.status ?? 'unknown'})` });
  for (const { where, value } of samples) {
    const sample = sampleSchema.safeParse(value);
    if (!sample.success) {
      result.failed.push({ where, message: describeIssues(sample.error.issues) });
      continue;
    }
    try {
      result.transcripts.push(sampleTranscript(header.data, sample.data, where, result.failed));
    } catch (err) {
      if (!(err instanceof FormatError)) throw err;
      result.failed.push({ where: `${where}.${err.where}`, message: err.message });
    }
  }
  return result;
}

function sampleTranscript(header: Header, sample: Sample, where: string, failed: ParsedImport['failed']): TranscriptInput {
  const { eval: spec } = header;
  const rawMessages = sample.messages.length > 0 ? sample.messages : inputMessages(sample.input);
  const { messages: converted, omitted } = convertInspectMessages(rawMessages, sample.attachments ?? {});
  const { system, messages } = liftLeadingSystem(converted, undefined);
  if (messages.length === 0) throw new FormatError('messages', 'the sample has no messages');
  const firstUser = messages.find((m) => m.role === 'user');
  const firstUserText = firstUser ? plainText(firstUser.content) : undefined;
  const tokens = Object.values(sample.model_usage ?? {});
  const answers = Object.fromEntries(Object.entries(sample.scores ?? {}).flatMap(([k, s]) => (s.answer ? [[k, s.answer]] : [])));
  const metadata: { [key: string]: Json } = {
    inspect_model: spec.model,
    task: spec.task,
    log_status: header.status ?? null,
    eval_id: spec.eval_id ?? null,
    run_id: spec.run_id ?? null,
    task_id: spec.task_id ?? null,
    task_version: spec.task_version ?? null,
    sample_id: sample.id,
    epoch: sample.epoch,
    ...(sample.uuid ? { sample_uuid: sample.uuid } : {}),
    ...(sample.target === undefined ? {} : { target: sample.target }),
    ...(sample.choices ? { choices: sample.choices } : {}),
    ...(sample.metadata ? { sample_metadata: sample.metadata } : {}),
    ...(Object.keys(answers).length > 0 ? { score_answers: answers } : {}),
    ...(sample.error ? { error: sample.error.message ?? 'error' } : {}),
    ...(header.invalidated ? { invalidated: true } : {}),
    ...(sample.invalidation !== undefined && sample.invalidation !== null ? { invalidation: sample.invalidation } : {}),
    ...(Object.keys(omitted).length > 0 ? { omitted_content: omitted } : {}),
  };
  return {
    externalId: `${evalKey(header)}/${sample.id}/${sample.epoch}`,
    source: INSPECT_FORMAT,
    // Provider path dropped (`openai/gpt-4o-mini` → `gpt-4o-mini`) as for every format; the full name is in metadata.
    model: modelName(spec.model),
    // Task and sample id, not the eval: the same sample run by other models lines up in one scenario.
    scenario: `inspect/${spec.task}/${sample.id}`,
    scenarioTitle: firstUserText === undefined ? undefined : titleFrom(firstUserText),
    scenarioCategory: spec.task,
    sample: sample.epoch - 1,
    system,
    messages,
    tags: [...(header.invalidated || (sample.invalidation ?? null) !== null ? ['invalidated'] : []), ...(sample.error ? ['error'] : [])],
    metadata,
    scores: Object.entries(sample.scores ?? {}).flatMap(([scorer, score]) => scoreInputs(scorer, score, `${where}.scores.${scorer}`, failed)),
    inputTokens: tokens.length > 0 ? tokens.reduce((n, u) => n + (u.input_tokens ?? 0), 0) : undefined,
    outputTokens: tokens.length > 0 ? tokens.reduce((n, u) => n + (u.output_tokens ?? 0), 0) : undefined,
  };
}

/**
 * Inspect score values are a string (a category such as `C`/`I`, kept as is), a number, a boolean (1/0, as
 * the native format reads it), null (N/A), a dict of those (one trait per key, `<scorer>_<key>`), or a list
 * (no single value: reported in `failed`).
 */
function scoreInputs(scorer: string, score: z.infer<typeof scoreSchema>, where: string, failed: ParsedImport['failed']): ScoreInput[] {
  const rationale = score.explanation ?? undefined;
  const one = (trait: string, value: Json): ScoreInput[] => {
    if (typeof value === 'string' || typeof value === 'number') return [{ trait, source: 'import', value, evidence: [], rationale }];
    if (typeof value === 'boolean') return [{ trait, source: 'import', value: value ? 1 : 0, evidence: [], rationale }];
    if (value === null) return [{ trait, source: 'import', value: null, naReason: 'the scorer gave no value', evidence: [], rationale }];
    failed.push({ where, message: `score value ${JSON.stringify(value).slice(0, 100)} is not a number, category or boolean` });
    return [];
  };
  const { value } = score;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, v]) => one(traitSlug(`${scorer}_${key}`), v));
  }
  return one(traitSlug(scorer), value);
}

/** What identifies the eval across re-imports: its id, else (older logs) its run and task ids, else its header. */
function evalKey(header: Header): string {
  const { eval: spec } = header;
  if (spec.eval_id) return spec.eval_id;
  const ids = [spec.run_id, spec.task_id].filter((x): x is string => typeof x === 'string' && x !== '');
  return ids.length > 0 ? ids.join(':') : `h${shortHash(JSON.stringify([spec.task, spec.model, spec.created ?? null]))}`;
}

/** A sample without messages (it never ran) still shows its input. */
function inputMessages(input: unknown): unknown[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  return Array.isArray(input) ? input : [];
}

export const inspectFormat: ImportFormat = {
  name: INSPECT_FORMAT,
  title: 'Inspect AI log',
  description: '.eval (zip) and .json logs: model, task and sample id as scenario, epochs as samples, scorer values with explanations',
  extensions: ['.eval', '.json'],
  detect: (sample) => isZip(sample.head) || detect(sample.text),
  read: {
    kind: 'files',
    parse: eachFile((file, context) =>
      isZip(file.bytes)
        ? parseInspectEval(file.bytes, {
            // Declared sizes are checked before anything inflates: at most the body limit, and the ratio cap.
            maxUncompressedBytes: Math.min(context.limits.maxBodyBytes, inflateAllowance(file.bytes.byteLength, context.limits)),
            maxEntries: context.limits.maxArchiveEntries,
          })
        : parseInspectJson(context.text(file)),
    ),
  },
};
