import type { Limits } from '../../env.ts';
import type { ParsedImport } from '../transcript-input.ts';
import type { TraitDefinition } from '../writer.ts';

/** One uploaded file, whole. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/** What detection sees of a file: its first raw bytes and the opening of its text (gunzipped when gzip). */
export interface FileSample {
  name: string;
  head: Uint8Array;
  text: string;
}

/** What a parser may use besides the files: the uploader's model name and the limits. */
export interface ParseContext {
  model: string | undefined;
  limits: Limits;
  /** The file as text: gunzipped when it is gzip (bounded by the body limit), UTF-8 checked. */
  text: (file: ImportFile) => string;
}

/**
 * An import format: everything charlens knows about it, in one object its module exports. The registry
 * (`registry.ts`) lists them; detection, parsing, the traits they bring, the CLI's `--format`, the web upload
 * page, error texts and the OpenAPI enum all read it, so adding a format is one module and one line.
 */
export interface ImportFormat {
  readonly name: string;
  /** How people call it: "Spiral-Bench result JSON". */
  readonly title: string;
  /** What it reads, for the upload page and the API reference. */
  readonly description: string;
  /** File name endings it usually comes with (a hint; detection reads the content). */
  readonly extensions: readonly string[];
  /** True when a file's opening looks like this format. The registry tries formats in its order. */
  detect(sample: FileSample): boolean;
  /** The traits its scores use, with titles, polarity and scale, as the source defines them. */
  readonly traits?: Readonly<Record<string, TraitDefinition>>;
  /**
   * `files`: parsed whole, all files of one upload together (so MT-Bench's question, answer and judgment files
   * can meet). `ndjson`: native lines, streamed through the batch ingest instead.
   */
  readonly read: { kind: 'files'; parse: (files: ImportFile[], context: ParseContext) => ParsedImport } | { kind: 'ndjson' };
}

/** For formats whose files stand alone: parses each and merges them, naming the file in failures when there are several. */
export function eachFile(parseOne: (file: ImportFile, context: ParseContext) => ParsedImport) {
  return (files: ImportFile[], context: ParseContext): ParsedImport => {
    const parts = files.map((file) => {
      const parsed = parseOne(file, context);
      if (files.length === 1) return parsed;
      return { ...parsed, failed: parsed.failed.map((f) => ({ where: `${file.name}: ${f.where}`, message: f.message })) };
    });
    return {
      format: parts[0]?.format ?? '',
      transcripts: parts.flatMap((p) => p.transcripts),
      comparisons: parts.flatMap((p) => p.comparisons),
      failed: parts.flatMap((p) => p.failed),
    };
  };
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const GZIP_MAGIC = [0x1f, 0x8b];

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

export function isGzip(bytes: Uint8Array): boolean {
  return GZIP_MAGIC.every((b, i) => bytes[i] === b);
}
