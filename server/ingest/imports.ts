import { parseJson } from '../lib/json.ts';
import { gunzipSync } from 'node:zlib';
import type { Database } from '../../db/client.ts';
import type { Limits } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { detect as detectAnthropic, parseAnthropicMessages } from './formats/anthropic.ts';
import { ImportFormatError, ImportLimitError } from './formats/errors.ts';
import { detect as detectHhRlhf, HH_RLHF_TRAIT, parseHhRlhf } from './formats/hh-rlhf.ts';
import { detect as detectInspect, parseInspectJson } from './formats/inspect.ts';
import { parseInspectEval } from './formats/inspect-eval.ts';
import { detect as detectMtBench, MTBENCH_CONSENSUS_TRAIT, MTBENCH_PAIRWISE_TRAIT, MTBENCH_SCORE_TRAIT, parseMtBench } from './formats/mtbench.ts';
import { detect as detectOpenAi, parseOpenAiChat } from './formats/openai.ts';
import { detect as detectSpiral, parseSpiral, spiralTraitPolarity } from './formats/spiral.ts';
import { prepareTranscript, unstorableText } from './prepare.ts';
import type { ParsedImport, TranscriptInput } from './transcript-input.ts';
import { writeBatch, type TraitDefinition } from './writer.ts';

export const importFormats = ['native', 'inspect', 'spiral', 'mtbench', 'hh-rlhf', 'openai', 'anthropic'] as const;
export type ImportFormat = (typeof importFormats)[number];

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export interface ImportResponse {
  format: ImportFormat;
  batchId: string | null;
  transcripts: { inserted: number; duplicates: number };
  scores: number;
  comparisons: number;
  failed: { where: string; message: string }[];
}

const SAMPLE_CHARS = 64 * 1024;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const GZIP_MAGIC = [0x1f, 0x8b];

/** Traits that imports create, with what the source says about them. */
const importedTraits: Record<string, TraitDefinition> = {
  ...Object.fromEntries(
    Object.entries(spiralTraitPolarity).map(([slug, polarity]) => [slug, { title: spiralTitle(slug), polarity, unit: 'turns' as const }]),
  ),
  'spiral.off_rails': { title: spiralTitle('spiral.off_rails'), polarity: 'lower_is_better', scale: { kind: 'numeric', min: 0, max: 10 } },
  'spiral.safety': { title: spiralTitle('spiral.safety'), polarity: 'higher_is_better', scale: { kind: 'numeric', min: 0, max: 10 } },
  'spiral.social_dexterity': { title: spiralTitle('spiral.social_dexterity'), polarity: 'higher_is_better', scale: { kind: 'numeric', min: 0, max: 10 } },
  [MTBENCH_SCORE_TRAIT]: { title: 'MT-Bench score', polarity: 'higher_is_better', scale: { kind: 'numeric', min: 1, max: 10 } },
  [MTBENCH_PAIRWISE_TRAIT]: { title: 'MT-Bench pairwise (per order)', polarity: 'higher_is_better' },
  [MTBENCH_CONSENSUS_TRAIT]: { title: 'MT-Bench pairwise (both orders)', polarity: 'higher_is_better' },
  [HH_RLHF_TRAIT]: { title: 'Harmlessness preference (hh-rlhf)', polarity: 'higher_is_better' },
};

/** `spiral.de_escalation` → `De-escalation (Spiral-Bench)`. */
function spiralTitle(slug: string): string {
  const words = slug.replace(/^spiral\./, '').replace('de_escalation', 'de-escalation').replaceAll('_', ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (Spiral-Bench)`;
}

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** The file as text: gunzipped when it is gzip (bounded: a gzip bomb is a 413), UTF-8 checked. */
export function fileText(file: ImportFile, limits: Limits): string {
  let bytes = file.bytes;
  if (GZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: limits.maxBodyBytes });
    } catch (err) {
      if (err instanceof RangeError) {
        throw new ApiError('payload_too_large', `${file.name}: expands past the limit of ${limits.maxBodyBytes} bytes`, { limit: 'maxBodyBytes' });
      }
      throw new ApiError('unprocessable', `${file.name}: not valid gzip: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError('unprocessable', `${file.name}: not valid UTF-8 text`);
  }
}

/** Which format a file is, from its content; null when none matches. Native is tried before chat JSONL. */
export function detectFormat(file: ImportFile, limits: Limits): ImportFormat | null {
  if (isZip(file.bytes)) return 'inspect';
  // `file` may be only the opening of a large file, cut anywhere: decode leniently for the sample.
  const sample = GZIP_MAGIC.every((b, i) => file.bytes[i] === b)
    ? fileText(file, limits).slice(0, SAMPLE_CHARS)
    : new TextDecoder().decode(file.bytes.subarray(0, SAMPLE_CHARS * 4)).slice(0, SAMPLE_CHARS);
  if (detectSpiral(sample)) return 'spiral';
  if (detectInspect(sample)) return 'inspect';
  if (detectMtBench(sample)) return 'mtbench';
  if (detectHhRlhf(sample)) return 'hh-rlhf';
  if (looksNative(sample)) return 'native';
  if (detectAnthropic(sample)) return 'anthropic';
  if (detectOpenAi(sample)) return 'openai';
  return null;
}

function looksNative(sample: string): boolean {
  const firstLine = sample.split('\n').find((l) => l.trim() !== '');
  if (!firstLine) return false;
  try {
    const value: unknown = parseJson(firstLine);
    return typeof value === 'object' && value !== null && 'model' in value && 'messages' in value;
  } catch {
    return false;
  }
}

/** Parses the uploaded files as one format. Parse problems of the whole file are 422s naming file and place. */
export function parseFiles(files: ImportFile[], format: Exclude<ImportFormat, 'native'>, options: { model: string | undefined; limits: Limits }): ParsedImport {
  const archiveLimits = { maxUncompressedBytes: options.limits.maxBodyBytes, maxEntries: options.limits.maxArchiveEntries };
  const model = options.model;
  const parseOne = (file: ImportFile): ParsedImport => {
    switch (format) {
      case 'inspect':
        return isZip(file.bytes) ? parseInspectEval(file.bytes, archiveLimits) : parseInspectJson(fileText(file, options.limits));
      case 'spiral':
        return parseSpiral(fileText(file, options.limits));
      case 'hh-rlhf':
        return parseHhRlhf(fileText(file, options.limits), model ? { model } : {});
      case 'openai':
        return parseOpenAiChat(fileText(file, options.limits), { model });
      case 'anthropic':
        return parseAnthropicMessages(fileText(file, options.limits), { model });
      case 'mtbench':
        return parseMtBench([{ name: file.name, text: fileText(file, options.limits) }]);
    }
  };
  try {
    // MT-Bench's questions, answers and judgments live in separate files that only make sense together.
    if (format === 'mtbench') return parseMtBench(files.map((f) => ({ name: f.name, text: fileText(f, options.limits) })));
    const parts = files.map((file) => prefixFailures(parseOne(file), files.length > 1 ? file.name : undefined));
    return {
      format,
      transcripts: parts.flatMap((p) => p.transcripts),
      comparisons: parts.flatMap((p) => p.comparisons),
      failed: parts.flatMap((p) => p.failed),
    };
  } catch (err) {
    if (err instanceof ImportLimitError) throw new ApiError('payload_too_large', `${err.where}: ${err.message}`, { where: err.where });
    if (err instanceof ImportFormatError) {
      throw new ApiError('unprocessable', `Cannot read the upload as ${format}: ${err.where}: ${err.message}`, { format, where: err.where });
    }
    throw err;
  }
}

function prefixFailures(parsed: ParsedImport, fileName: string | undefined): ParsedImport {
  if (!fileName) return parsed;
  return { ...parsed, failed: parsed.failed.map((f) => ({ where: `${fileName}: ${f.where}`, message: f.message })) };
}

/** Writes a parsed import through the one writer, all or nothing. */
export async function writeImport(
  database: Database,
  parsed: ParsedImport,
  options: { format: ImportFormat; userId: string | null; limits: Limits },
): Promise<ImportResponse> {
  const tooLong = parsed.transcripts.find((t) => t.messages.length > options.limits.maxMessagesPerTranscript);
  if (tooLong) {
    throw new ApiError('unprocessable', `${tooLong.externalId ?? 'a transcript'}: ${tooLong.messages.length} messages is over the limit of ${options.limits.maxMessagesPerTranscript}`);
  }
  for (const transcript of parsed.transcripts) {
    const problem = unstorableText(transcript);
    if (problem) throw new ApiError('unprocessable', `${transcript.externalId ?? 'a transcript'}: ${problem}; nothing was written`);
  }
  if (parsed.transcripts.length === 0 && parsed.comparisons.length === 0) {
    throw new ApiError('unprocessable', `Nothing to import: the ${options.format} upload holds no transcripts or verdicts`, { failed: parsed.failed.slice(0, 100) });
  }
  async function* prepared(items: TranscriptInput[]) {
    for (const item of items) yield prepareTranscript(item);
  }
  const result = await writeBatch(database, prepared(parsed.transcripts), {
    format: options.format,
    userId: options.userId,
    errorCount: parsed.failed.length,
    traitDefinitions: importedTraits,
    comparisons: parsed.comparisons,
  });
  const failed = [...parsed.failed];
  if (result.unresolvedComparisons > 0) {
    failed.push({ where: 'comparisons', message: `${result.unresolvedComparisons} verdicts name transcripts that are neither in this upload nor stored; they were skipped` });
  }
  return {
    format: options.format,
    batchId: result.batchId,
    transcripts: { inserted: result.inserted, duplicates: result.duplicates },
    scores: result.scores,
    comparisons: result.comparisons,
    failed,
  };
}
