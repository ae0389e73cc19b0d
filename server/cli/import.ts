import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';

export interface ImportOutcome {
  files: string[];
  ok: boolean;
  status: number;
  format: string;
  inserted: number;
  duplicates: number;
  scores: number;
  comparisons: number;
  failed: { where: string; message: string }[];
  message?: string;
}

/** Sends files of one eval format to `POST /api/v1/imports` in one multipart request (MT-Bench needs them together). */
export async function importFiles(
  files: string[],
  options: { url: string; token: string; format: string; model: string | undefined },
): Promise<ImportOutcome> {
  const form = new FormData();
  form.append('format', options.format);
  if (options.model) form.append('model', options.model);
  // openAsBlob streams the file from disk as the request is sent, instead of reading it into memory first.
  for (const file of files) form.append('file', await openAsBlob(file), basename(file));
  const response = await fetch(new URL('/api/v1/imports', options.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${options.token}` },
    body: form,
  });
  const body: unknown = await response.json().catch(() => null);
  const record = isRecord(body) ? body : {};
  if (!response.ok) {
    const error = isRecord(record['error']) ? record['error'] : {};
    return {
      files,
      ok: false,
      status: response.status,
      format: options.format,
      inserted: 0,
      duplicates: 0,
      scores: 0,
      comparisons: 0,
      failed: [],
      message: typeof error['message'] === 'string' ? error['message'] : 'the server gave no error message',
    };
  }
  const transcripts = isRecord(record['transcripts']) ? record['transcripts'] : {};
  const failed = Array.isArray(record['failed']) ? record['failed'] : [];
  return {
    files,
    ok: true,
    status: response.status,
    format: String(record['format'] ?? options.format),
    inserted: Number(transcripts['inserted'] ?? 0),
    duplicates: Number(transcripts['duplicates'] ?? 0),
    scores: Number(record['scores'] ?? 0),
    comparisons: Number(record['comparisons'] ?? 0),
    failed: failed.flatMap((f) => (isRecord(f) ? [{ where: String(f['where']), message: String(f['message']) }] : [])),
  };
}

export function formatImportOutcome(o: ImportOutcome): string {
  const name = o.files.join(', ');
  if (!o.ok) return `${name}: failed (HTTP ${o.status}): ${o.message ?? ''}`;
  const lines = [
    `${name}: ${o.format}: ${o.inserted} inserted, ${o.duplicates} duplicates, ${o.scores} scores, ${o.comparisons} comparisons, ${o.failed.length} failed`,
  ];
  for (const f of o.failed.slice(0, 50)) lines.push(`  ${f.where}: ${f.message}`);
  if (o.failed.length > 50) lines.push(`  … and ${o.failed.length - 50} more`);
  return lines.join('\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
