import { z } from 'zod';
import { idSchema, isoTime, jsonSchema, polaritySchema, traitScaleSchema, traitUnitSchema } from './common.ts';

export const traitSchema = z
  .object({
    id: idSchema,
    slug: z.string().describe('How scores name the trait: pushback, spiral.pushback, mtbench_score, …'),
    title: z.string(),
    polarity: polaritySchema,
    scale: traitScaleSchema,
    unit: traitUnitSchema,
    source: z.string().describe('rubric for charlens rubrics, else the importer that created it (spiral, mtbench, inspect, native, …)'),
  })
  .meta({ id: 'Trait' });

export const traitListSchema = z.object({
  items: z.array(
    traitSchema.extend({
      versionCount: z.int().describe('Stored rubric versions'),
      currentRubricVersion: z.object({ id: idSchema, contentHash: z.string() }).nullable().describe('The version the judge uses now; null for imported traits'),
      seesThinking: z.boolean().nullable().describe('Whether the judge is shown the text of thinking blocks for this rubric'),
      thinking: z
        .enum(['shown', 'hidden', 'length'])
        .nullable()
        .describe('What the judge sees of thinking: its text, nothing, or only whether each assistant message thought and how long (rubrics that judge the decision to think)'),
      notApplicableWhen: z.string().nullable(),
    }),
  ),
});

export const rubricVersionsSchema = z.object({
  trait: traitSchema,
  currentVersionId: idSchema.nullable(),
  versions: z.array(
    z.object({
      id: idSchema,
      contentHash: z.string().describe('sha256 of the rubric file: the version'),
      frontMatter: z.record(z.string(), jsonSchema),
      body: z.string().describe('The rubric text (Markdown)'),
      current: z.boolean(),
      createdAt: isoTime,
    }),
  ),
});
