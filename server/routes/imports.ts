import { Hono } from 'hono';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { requireScope } from '../auth/middleware.ts';
import type { AppEnv } from '../context.ts';
import { detectFormat, importFormats, parseFiles, writeImport, type ImportFile, type ImportFormat, type ImportResponse } from '../ingest/imports.ts';
import { ingestNdjson } from '../ingest/ndjson-batch.ts';
import { gunzipStream } from '../lib/body.ts';
import { ApiError } from '../lib/errors.ts';
import { readMultipart, type UploadedFile } from '../lib/multipart.ts';

export const importFields = z.object({
  format: z
    .enum(['auto', ...importFormats], { error: `format must be one of auto, ${importFormats.join(', ')}` })
    .default('auto'),
  model: z.string().trim().min(1).max(200).optional(),
});

export const importRoutes = new Hono<AppEnv>().post('/', requireScope('write'), async (c) => {
  const { database, limits, spoolDir } = c.var.deps;
  const dir = await mkdtemp(join(spoolDir ?? tmpdir(), 'charlens-import-'));
  try {
    const { fields, files } = await readMultipart(c.req.raw, dir, 'file', { maxTotalBytes: limits.maxBodyBytes, maxFiles: limits.maxImportFiles });
    const parsedFields = importFields.safeParse(fields);
    if (!parsedFields.success) {
      const message = parsedFields.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new ApiError('validation_failed', `Invalid fields: ${message}`);
    }
    if (!files.length) throw new ApiError('bad_request', 'No file: send it as multipart/form-data in a "file" field');
    const empty = files.find((f) => f.size === 0);
    if (empty) throw new ApiError('unprocessable', `${empty.name} is empty (0 bytes)`);
    const { model } = parsedFields.data;
    const userId = c.var.user.id;

    const format = parsedFields.data.format === 'auto' ? await detectAll(files, limits) : parsedFields.data.format;
    let response: ImportResponse;
    if (format === 'native') {
      if (files.length > 1) throw new ApiError('unprocessable', 'Send native NDJSON files one per upload (each is one atomic batch)');
      const file = files[0];
      if (!file) throw new ApiError('bad_request', 'No file');
      const body = (await isGzip(file.path)) ? gunzipStream(createReadStream(file.path), file.name, 'unprocessable') : createReadStream(file.path);
      const batch = await ingestNdjson({ database, limits, spoolDir: dir }, body, { atomic: true, userId });
      response = {
        format,
        batchId: batch.batchId,
        transcripts: { inserted: batch.inserted, duplicates: batch.duplicates },
        scores: batch.scores,
        comparisons: 0,
        failed: [],
      };
    } else {
      const loaded: ImportFile[] = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await readFile(f.path) })));
      const parsed = parseFiles(loaded, format, { model, limits });
      response = await writeImport(database, parsed, { format, userId, limits });
    }
    return c.json(response, 200);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

async function detectAll(files: UploadedFile[], limits: Parameters<typeof detectFormat>[1]): Promise<ImportFormat> {
  const detected: { name: string; format: ImportFormat | null }[] = [];
  for (const f of files) {
    // Detection needs only the opening of a file; gzip files are read whole since their opening is compressed.
    const bytes = (await isGzip(f.path)) || f.size <= 256 * 1024 ? await readFile(f.path) : await readHead(f.path, 256 * 1024);
    detected.push({ name: f.name, format: detectFormat({ name: f.name, bytes }, limits) });
  }
  const unknown = detected.filter((d) => d.format === null);
  if (unknown.length) {
    throw new ApiError(
      'unprocessable',
      `Cannot tell the format of ${unknown.map((d) => d.name).join(', ')}. Supported: native NDJSON, Inspect AI (.eval, .json), Spiral-Bench result JSON, MT-Bench JSONL, hh-rlhf JSONL(.gz), OpenAI chat JSONL, Anthropic Messages JSONL; name one with format=`,
      { supported: importFormats },
    );
  }
  const formats = new Set(detected.map((d) => d.format));
  const [only] = [...formats];
  if (formats.size > 1 || !only) {
    throw new ApiError('unprocessable', `The files are in different formats (${detected.map((d) => `${d.name}: ${d.format}`).join(', ')}); upload each format separately`);
  }
  return only;
}

async function isGzip(path: string): Promise<boolean> {
  const head = await readHead(path, 2);
  return head[0] === 0x1f && head[1] === 0x8b;
}

async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
