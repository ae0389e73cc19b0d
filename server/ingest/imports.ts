import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Database } from '../../db/client.ts';
import type { Limits } from '../env.ts';
import { gunzipStream } from '../lib/body.ts';
import { BadRequest, FormatError, Unprocessable } from '../lib/errors.ts';
import type { UploadedFile } from '../lib/multipart.ts';
import { detectFormat, fileText, readHead, sampleFile } from './files.ts';
import { isGzip, type ImportFile, type ImportFormat } from './formats/format.ts';
import { describeFormats, findFormat, formatNames, formatTraits, type FormatRegistry } from './formats/registry.ts';
import { ingestNdjson } from './ndjson-batch.ts';
import { spooled } from './spool.ts';
import { prepareTranscript, unstorableText } from './prepare.ts';
import type { ParsedImport, TranscriptInput } from './transcript-input.ts';
import { writeBatch } from './writer.ts';
import { modelCountList, type ModelCount } from './model-counts.ts';

export interface ImportResponse {
  format: string;
  batchId: string | null;
  /** The files as received, in upload order. */
  files: { name: string; bytes: number }[];
  transcripts: { inserted: number; duplicates: number };
  /** New and duplicate transcripts per model, by name. */
  models: ModelCount[];
  scores: number;
  comparisons: number;
  failed: { where: string; message: string }[];
}

export interface ImportDeps {
  database: Database;
  limits: Limits;
  spoolDir: string | undefined;
  formats: FormatRegistry;
}

export interface ImportOptions {
  /** `auto` (detect from the content) or a format's name. */
  format: string;
  /** For formats that name no model. */
  model: string | undefined;
  userId: string | null;
}

/**
 * Imports uploaded files (already on disk) as one format: detects it unless named, then streams native NDJSON
 * through the batch ingest, or parses the files whole and writes them through the one writer, all or nothing.
 */
export async function importUploadedFiles(deps: ImportDeps, files: UploadedFile[], options: ImportOptions): Promise<ImportResponse> {
  if (!files.length) throw new BadRequest('No file: send it as multipart/form-data in a "file" field');
  const empty = files.find((f) => f.size === 0);
  if (empty) throw new Unprocessable(`${empty.name} is empty (0 bytes)`);
  const format = options.format === 'auto' ? await detectAll(files, deps.formats) : findFormat(deps.formats, options.format);
  if (!format) throw new Unprocessable(`Unknown format ${options.format}: use auto or one of ${formatNames(deps.formats).join(', ')}`);

  if (format.read.kind === 'ndjson') {
    const [file, ...more] = files;
    if (!file || more.length) throw new Unprocessable(`Send ${format.title} files one per upload (each is one atomic batch)`);
    const gzip = isGzip(await readHead(file.path, 2));
    // Inflated into a spool first, as a request body is: the write must not wait on inflating (nor count its time).
    const ingest = (bytes: AsyncIterable<Uint8Array>) => ingestNdjson(deps, bytes, { atomic: true, userId: options.userId });
    const inflated = () => gunzipStream(createReadStream(file.path), deps.limits, (message) => new Unprocessable(`${file.name} ${message}`));
    const batch = await (gzip ? spooled(inflated(), deps.spoolDir, deps.limits.maxBodyBytes, ingest) : ingest(createReadStream(file.path)));
    return { format: format.name, batchId: batch.batchId, files: fileList(files), transcripts: { inserted: batch.inserted, duplicates: batch.duplicates }, models: batch.models, scores: batch.scores, comparisons: 0, failed: [] };
  }
  const loaded: ImportFile[] = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await readFile(f.path) })));
  const parsed = parseFiles(format, loaded, { model: options.model, limits: deps.limits });
  return { ...(await writeImport(deps, parsed, { format: format.name, userId: options.userId })), files: fileList(files) };
}

function fileList(files: UploadedFile[]): ImportResponse['files'] {
  return files.map((f) => ({ name: f.name, bytes: f.size }));
}

async function detectAll(files: UploadedFile[], registry: FormatRegistry): Promise<ImportFormat> {
  const detected: { name: string; format: ImportFormat | undefined }[] = [];
  for (const f of files) detected.push({ name: f.name, format: detectFormat(await sampleFile(f.path, f.name), registry) });
  const unknown = detected.filter((d) => d.format === undefined);
  if (unknown.length) {
    throw new Unprocessable(
      `Cannot tell the format of ${unknown.map((d) => d.name).join(', ')}. Supported: ${describeFormats(registry)}; name one with format=`,
      { supported: formatNames(registry) },
    );
  }
  const names = new Set(detected.map((d) => d.format?.name));
  const [first] = detected;
  if (names.size > 1 || !first?.format) {
    throw new Unprocessable(`The files are in different formats (${detected.map((d) => `${d.name}: ${d.format?.name}`).join(', ')}); upload each format separately`);
  }
  return first.format;
}

/** Parses the files as one format. A file that cannot be read as it is a 422 naming the file and place. */
export function parseFiles(format: ImportFormat, files: ImportFile[], options: { model: string | undefined; limits: Limits }): ParsedImport {
  if (format.read.kind !== 'files') throw new Unprocessable(`${format.title} is not parsed as whole files`);
  try {
    return format.read.parse(files, { model: options.model, limits: options.limits, text: (file) => fileText(file, options.limits) });
  } catch (err) {
    if (err instanceof FormatError) throw new FormatError(err.where, `Cannot read the upload as ${format.name}: ${err.where}: ${err.message}`);
    throw err;
  }
}

/** Writes a parsed import through the one writer, all or nothing. */
export async function writeImport(deps: ImportDeps, parsed: ParsedImport, options: { format: string; userId: string | null }): Promise<Omit<ImportResponse, 'files'>> {
  const { limits } = deps;
  const tooLong = parsed.transcripts.find((t) => t.messages.length > limits.maxMessagesPerTranscript);
  if (tooLong) {
    throw new Unprocessable(`${tooLong.externalId ?? 'a transcript'}: ${tooLong.messages.length} messages is over the limit of ${limits.maxMessagesPerTranscript}`);
  }
  for (const transcript of parsed.transcripts) {
    const problem = unstorableText(transcript);
    if (problem) throw new Unprocessable(`${transcript.externalId ?? 'a transcript'}: ${problem}; nothing was written`);
  }
  if (parsed.transcripts.length === 0 && parsed.comparisons.length === 0) {
    throw new Unprocessable(`Nothing to import: the ${options.format} upload holds no transcripts or verdicts`, { failed: parsed.failed.slice(0, 100) });
  }
  async function* prepared(items: TranscriptInput[]) {
    for (const item of items) yield await prepareTranscript(item);
  }
  const result = await writeBatch(deps.database, prepared(parsed.transcripts), {
    format: options.format,
    userId: options.userId,
    errorCount: () => parsed.failed.length,
    traitDefinitions: formatTraits(deps.formats),
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
    models: modelCountList(result.perModel),
    scores: result.scores,
    comparisons: result.comparisons,
    failed,
  };
}
