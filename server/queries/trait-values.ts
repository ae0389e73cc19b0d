import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { traits, traitValues } from '../../db/schema/index.ts';
import { valueBasis } from '../aggregate/rule.ts';
import { polaritySchema, scoreSourceSchema } from '../schemas/common.ts';

/** A transcript's value of one trait from one source, as every page shows it. */
export const traitValueSchema = z
  .object({
    trait: z.string().describe('Trait slug'),
    title: z.string().describe('Trait title, e.g. "Pushback (Spiral-Bench)"'),
    polarity: polaritySchema,
    source: scoreSourceSchema,
    value: z.number().nullable().describe("The per-transcript value (docs/ARCHITECTURE.md: mean over raters of each rater's mean over its turn ranges); null when only categories or N/A"),
    category: z.string().nullable().describe('For categorical traits: the most frequent category among raters'),
    raters: z.int().describe('Judge samples, labelers or imported samples behind the value'),
    ranges: z.int().describe('Turn ranges behind the value, over all raters; 0 for whole-transcript scores'),
    spread: z.number().nullable().describe('Sample SD (n − 1) of the raters’ values; null with fewer than two raters'),
    na: z.int().describe('Latest scores that were N/A'),
    invalid: z.int().describe('Judge answers that failed validation (not counted)'),
    failed: z.int().describe('Scores that could not be read, e.g. failed Spiral-Bench chunks (not counted)'),
    superseded: z.int().describe('Rows replaced by an edit or by a later score of the same rater and range (not counted)'),
    adjudicated: z.boolean().describe("The value is a researcher's adjudication after labelers disagreed"),
    basis: z.string().describe('What the value is the mean of, in words: "mean of 3 judge samples"'),
  })
  .meta({ id: 'TraitValue' });
export type TraitValueView = z.infer<typeof traitValueSchema>;

/** The trait values of these transcripts, by transcript, sorted by trait then source. */
export async function traitValuesOf(db: Db, transcriptIds: readonly string[]): Promise<Map<string, TraitValueView[]>> {
  const out = new Map<string, TraitValueView[]>();
  if (!transcriptIds.length) return out;
  const rows = await db
    .select({
      transcriptId: traitValues.transcriptId,
      trait: traits.slug,
      title: traits.title,
      polarity: traits.polarity,
      source: traitValues.source,
      value: traitValues.value,
      category: traitValues.category,
      raters: traitValues.raters,
      ranges: traitValues.ranges,
      spread: traitValues.spread,
      na: traitValues.na,
      invalid: traitValues.invalid,
      failed: traitValues.failed,
      superseded: traitValues.superseded,
      adjudicated: traitValues.adjudicated,
    })
    .from(traitValues)
    .innerJoin(traits, eq(traits.id, traitValues.traitId))
    .where(inArray(traitValues.transcriptId, [...transcriptIds]));
  for (const { transcriptId, ...row } of rows) {
    const view: TraitValueView = { ...row, basis: valueBasis(row) };
    const list = out.get(transcriptId);
    if (list) list.push(view);
    else out.set(transcriptId, [view]);
  }
  for (const list of out.values()) list.sort((a, b) => a.trait.localeCompare(b.trait) || a.source.localeCompare(b.source));
  return out;
}
