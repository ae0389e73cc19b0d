import { SingleBar, Presets } from 'cli-progress';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { json } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
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

/**
 * Streams one NDJSON file (plain or .gz, sent as is with Content-Encoding) to the batch endpoint, over Node's
 * own HTTP client: piped from the file with its length, where fetch's streamed body sent a 60 MB file at
 * about half the speed (the server received it in 378-459 ms, against 218-231 ms from curl).
 */
export async function uploadFile(file: string, options: UploadOptions): Promise<UploadOutcome> {
  const { size } = await stat(file);
  const gzipped = file.endsWith('.gz');
  const bar = options.progress
    ? new SingleBar({ format: `${basename(file)} [{bar}] {percentage}% {value}/{total} bytes`, stream: process.stderr }, Presets.shades_classic)
    : null;
  bar?.start(size, 0);
  const endpoint = new URL(`/api/v1/transcripts/batch?atomic=${options.atomic}`, options.url);
  const send = endpoint.protocol === 'https:' ? httpsRequest : httpRequest;
  const request = send(endpoint, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.token}`,
      'content-type': 'application/x-ndjson',
      'content-length': String(size),
      ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
    },
  });
  const responded = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.on('error', reject);
  });
  const stream = createReadStream(file);
  let sent = 0;
  stream.on('data', (chunk) => {
    sent += chunk.length;
    bar?.update(sent);
  });
  try {
    // A failed send (a file that cannot be read, a connection gone) destroys the request, so it rejects
    // `responded` with the cause; a server that answers before it has read the whole body (a 401, a 413) and
    // closes the connection has answered, and its answer counts, not the broken pipe.
    void pipeline(stream, request).catch(() => undefined);
    const response = await responded;
    const body: unknown = await json(response).catch(() => null);
    const status = response.statusCode ?? 0;
    bar?.update(size);
    return { file, status, ...readOutcome(status >= 200 && status < 300, body) };
  } finally {
    stream.destroy();
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
