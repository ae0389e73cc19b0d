import { z } from 'zod';
import { idSchema } from './common.ts';

export const batchQuery = z.object({
  atomic: z
    .enum(['true', 'false'], { error: 'atomic must be true or false' })
    .default('true')
    .transform((v) => v === 'true')
    .describe('true (default): any invalid line → 422 and nothing written; false: write the valid lines and report the rest'),
});

const modelCounts = z
  .array(z.object({ model: z.string(), inserted: z.int().describe('New transcripts of this model'), duplicates: z.int().describe('Transcripts of this model already stored') }))
  .describe('Transcripts per model version, by model name');

const lineProblem = z.object({ line: z.int().describe('1-based line number'), message: z.string().describe('Field and reason') });

export const batchResponseSchema = z
  .object({
    batchId: idSchema.nullable().describe('Null when nothing new was written'),
    inserted: z.int(),
    duplicates: z.int().describe('Lines whose external_id (or content) is already stored'),
    scores: z.int().describe('Scores stored with the inserted transcripts'),
    models: modelCounts,
    errors: z.array(lineProblem).describe('Bad lines that were not written (atomic=false)'),
  })
  .meta({ id: 'BatchResult' });

export const importResponseSchema = z
  .object({
    format: z.string().describe('The format the files were read as'),
    batchId: idSchema.nullable(),
    files: z.array(z.object({ name: z.string(), bytes: z.int() })).describe('The files as received, in upload order'),
    transcripts: z.object({ inserted: z.int(), duplicates: z.int() }),
    models: modelCounts,
    scores: z.int(),
    comparisons: z.int().describe('Pairwise verdicts stored'),
    failed: z.array(z.object({ where: z.string(), message: z.string() })).describe('Parts of the files that could not be read (kept out, listed here)'),
  })
  .meta({ id: 'ImportResult' });

export const formatListSchema = z.object({
  items: z.array(
    z.object({
      name: z.string().describe('The value of the format field'),
      title: z.string(),
      description: z.string(),
      extensions: z.array(z.string()),
    }),
  ),
});
