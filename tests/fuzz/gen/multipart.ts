import { concatBytes } from './mutate.ts';

/** A hand-built multipart/form-data body, so that framing itself can be wrong (FormData would always fix it). */
export interface Part {
  /** The `name` of the Content-Disposition; absent means no Content-Disposition at all. */
  name?: string;
  filename?: string;
  contentType?: string;
  data: Uint8Array | string;
  /** Extra header lines, verbatim. */
  extraHeaders?: string[];
}

export interface MultipartOptions {
  /** `\r\n` per RFC 7578; `\n` is a common client bug. */
  newline?: string;
  /** Leave out the final `--boundary--`. */
  unclosed?: boolean;
  preamble?: string;
  epilogue?: string;
}

const encoder = new TextEncoder();

function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

export function multipartBody(boundary: string, parts: readonly Part[], options: MultipartOptions = {}): Uint8Array {
  const nl = options.newline ?? '\r\n';
  const chunks: Uint8Array[] = [];
  if (options.preamble) chunks.push(encoder.encode(options.preamble + nl));
  for (const part of parts) {
    const lines = [`--${boundary}`];
    if (part.name !== undefined) lines.push(`Content-Disposition: form-data; name=${quote(part.name)}${part.filename === undefined ? '' : `; filename=${quote(part.filename)}`}`);
    if (part.contentType) lines.push(`Content-Type: ${part.contentType}`);
    lines.push(...(part.extraHeaders ?? []));
    chunks.push(encoder.encode(lines.join(nl) + nl + nl));
    chunks.push(typeof part.data === 'string' ? encoder.encode(part.data) : part.data);
    chunks.push(encoder.encode(nl));
  }
  if (!options.unclosed) chunks.push(encoder.encode(`--${boundary}--${nl}`));
  if (options.epilogue) chunks.push(encoder.encode(options.epilogue));
  return concatBytes(chunks);
}
