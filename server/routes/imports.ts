import { Hono } from 'hono';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { AppEnv } from '../context.ts';
import { formatNames, type FormatRegistry } from '../ingest/formats/registry.ts';
import { importUploadedFiles } from '../ingest/imports.ts';
import { readMultipart } from '../lib/multipart.ts';
import { doc } from '../lib/openapi.ts';
import { storedString } from '../lib/text.ts';
import { parseInput } from '../lib/validator.ts';
import { formatListSchema, importResponseSchema } from '../schemas/ingest.ts';
import { auditCaller } from '../auth/audit.ts';

const tags = ['imports'];

/** The text fields of an import; the enum of formats is the registry's. */
export function importFields(registry: FormatRegistry) {
  const [first, ...rest] = formatNames(registry);
  return z.object({
    format: z
      .enum(['auto', ...(first === undefined ? [] : [first]), ...rest], { error: `format must be one of auto, ${formatNames(registry).join(', ')}` })
      .default('auto')
      .describe('auto: detect from the content; else the format to read the files as'),
    model: storedString({ max: 200, trim: true }).optional().describe('The model version, for formats that name none (chat JSONL, hh-rlhf)'),
  });
}

export function importRoutes(registry: FormatRegistry) {
  const fields = importFields(registry);
  return new Hono<AppEnv>()
    .get(
      '/formats',
      doc({ summary: 'The formats POST /imports reads, in the order detection tries them', tags, success: { status: 200, description: 'The registry of formats', schema: formatListSchema } }),
      (c) => c.json({ items: registry.map((f) => ({ name: f.name, title: f.title, description: f.description, extensions: [...f.extensions] })) }, 200),
    )
    .post(
      '/',
      doc({
        summary: 'Import eval files (multipart): Inspect AI, Spiral-Bench, MT-Bench, hh-rlhf, chat JSONL, native NDJSON',
        description:
          'One or more files in "file" fields, all of one format (MT-Bench question, answer and judgment files belong together). The format is detected from the content unless named. Re-importing a file is a no-op. A file that cannot be read as its format, a zip or gzip bomb, an unsafe archive path or an empty file is a 4xx naming the problem, and nothing is written; parts that could not be read are listed in failed.',
        tags,
        body: {
          mediaType: 'multipart/form-data',
          description: 'file (repeatable), format, model',
          schema: {
            type: 'object',
            required: ['file'],
            properties: {
              file: { type: 'array', items: { type: 'string', format: 'binary' } },
              format: { type: 'string', enum: ['auto', ...formatNames(registry)], default: 'auto' },
              model: { type: 'string', maxLength: 200 },
            },
          },
        },
        success: { status: 200, description: 'What was imported', schema: importResponseSchema },
        errors: [400, 413, 415, 422],
      }),
      async (c) => {
        const { database, limits, spoolDir } = c.var.deps;
        const dir = await mkdtemp(join(spoolDir ?? tmpdir(), 'charlens-import-'));
        try {
          // Streamed to disk as the bytes arrive (never buffered whole), so the fields are validated after.
          const upload = await readMultipart(c.req.raw, dir, 'file', { maxTotalBytes: limits.maxBodyBytes, maxFiles: limits.maxImportFiles });
          const { format, model } = parseInput('form', fields, upload.fields);
          const result = await importUploadedFiles({ database, limits, spoolDir: dir, formats: registry }, upload.files, { format, model, userId: c.var.user.id });
          await auditCaller(c, {
            action: 'import',
            target: result.batchId,
            details: { format: result.format, files: upload.files.map((f) => f.name), inserted: result.transcripts.inserted, duplicates: result.transcripts.duplicates, scores: result.scores, comparisons: result.comparisons },
          });
          return c.json(result, 200);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    );
}
