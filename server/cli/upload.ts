import { SingleBar, Presets } from 'cli-progress';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';

export interface UploadOptions {
  url: string;
  token: string;
  atomic: boolean;
  /** Progress on stderr; off when stderr is not a terminal or in tests. */
  progress: boolean;
}

export interface UploadOutcome {
  file: string;
  ok: boolean;
  status: number;
  inserted: number;
  duplicates: number;
  errors: { line: number; message: string }[];
  message?: string;
}

/** Streams one NDJSON file (plain or .gz, sent as is with Content-Encoding) to the batch endpoint. */
export async function uploadFile(file: string, options: UploadOptions): Promise<UploadOutcome> {
  const { size } = await stat(file);
  const gzipped = file.endsWith('.gz');
  const bar = options.progress
    ? new SingleBar({ format: `${basename(file)} [{bar}] {percentage}% {value}/{total} bytes`, stream: process.stderr }, Presets.shades_classic)
    : null;
  bar?.start(size, 0);
  let sent = 0;
  const stream = createReadStream(file);
  const chunks = stream[Symbol.asyncIterator]();
  // Pulled, not pushed from `start`: the file is read only as fast as the request goes out. (This alone did not
  // lower the CLI's peak RSS: measured at 204-206 MiB for a 60 MB upload either way, growing with the file.)
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const next: IteratorResult<unknown> = await chunks.next();
        if (next.done) return controller.close();
        if (!(next.value instanceof Uint8Array)) continue;
        sent += next.value.byteLength;
        bar?.update(sent);
        return controller.enqueue(next.value);
      }
    },
    cancel() {
      stream.destroy();
    },
  });
  const endpoint = new URL(`/api/v1/transcripts/batch?atomic=${options.atomic}`, options.url);
  try {
    // Node's fetch streams a request body only with duplex: 'half', which DOM's RequestInit does not declare.
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': 'application/x-ndjson',
        ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
      },
      body,
      duplex: 'half',
    };
    const response = await fetch(endpoint, init);
    bar?.update(size);
    return { file, status: response.status, ...readOutcome(response.ok, await response.json().catch(() => null)) };
  } finally {
    bar?.stop();
  }
}

function readOutcome(ok: boolean, body: unknown): Omit<UploadOutcome, 'file' | 'status'> {
  const record = isRecord(body) ? body : {};
  if (ok) {
    return {
      ok,
      inserted: Number(record['inserted'] ?? 0),
      duplicates: Number(record['duplicates'] ?? 0),
      errors: lineErrors(record['errors']),
    };
  }
  const error = isRecord(record['error']) ? record['error'] : {};
  const details = isRecord(error['details']) ? error['details'] : {};
  return {
    ok,
    inserted: 0,
    duplicates: 0,
    errors: lineErrors(details['errors']),
    message: typeof error['message'] === 'string' ? error['message'] : 'the server gave no error message',
  };
}

function lineErrors(value: unknown): { line: number; message: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e) => (isRecord(e) ? [{ line: Number(e['line']), message: String(e['message']) }] : []));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function formatOutcome(o: UploadOutcome): string {
  const lines = [
    o.ok
      ? `${o.file}: ${o.inserted} inserted, ${o.duplicates} duplicates, ${o.errors.length} errors`
      : `${o.file}: failed (HTTP ${o.status}): ${o.message ?? ''}`,
  ];
  for (const e of o.errors.slice(0, 50)) lines.push(`  line ${e.line}: ${e.message}`);
  if (o.errors.length > 50) lines.push(`  … and ${o.errors.length - 50} more`);
  return lines.join('\n');
}
