import { eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { models, scenarios, transcripts } from '../../db/schema/index.ts';
import { ValidationFailed } from '../lib/errors.ts';
import { MAX_SEARCH_TERMS, searchTerms, toFtsQuery } from '../lib/fts.ts';
import { storedString } from '../lib/text.ts';
import { scoreSourceSchema } from '../schemas/common.ts';

/**
 * Which transcripts: the one filter the list, the judge's `where`, labeling queues and stats selections
 * share. Every field narrows; all must hold.
 */
export const transcriptFilterShape = {
  model: storedString({ max: 200 }).optional().describe('Model version name, exactly'),
  scenario: storedString({ max: 500 }).optional().describe("Scenario key (the uploader's `scenario`) or id"),
  tag: storedString({ max: 100 }).optional().describe('Has this tag'),
  q: storedString({ max: 500 })
    .optional()
    .describe('Full-text search over every message: words and "quoted phrases", all must match (a message each, or across messages)'),
  trait: storedString({ max: 100 }).optional().describe('Trait slug: keeps transcripts with a value for this trait (of `source`, if given)'),
  min: z.coerce
    .number()
    .finite()
    .optional()
    .describe("Keeps transcripts whose per-transcript value of `trait` is ≥ min: the same value the list shows (the rule in docs/ARCHITECTURE.md, e.g. the mean over a Spiral-Bench transcript's chunks), not any single score"),
  max: z.coerce.number().finite().optional().describe('Keeps transcripts whose per-transcript value of `trait` is ≤ max'),
  source: scoreSourceSchema.optional().describe('Which source of `trait` the range applies to; any source when absent'),
  labeled: z.enum(['true', 'false'], { error: 'labeled must be true or false' }).optional().describe('true: has a human score; false: has none'),
  thinking: z
    .enum(['any', 'none'], { error: 'thinking must be any or none' })
    .optional()
    .describe('any: some assistant message thought (a thinking or redacted_thinking block); none: no assistant message did'),
  thinkingMin: z.coerce
    .number()
    .int('thinkingMin must be a whole number of characters')
    .min(1, 'thinkingMin must be ≥ 1')
    .optional()
    .describe('Keeps transcripts with an assistant message of at least this many thinking characters'),
};

export const transcriptFilter = z.object(transcriptFilterShape);
export type TranscriptFilter = z.infer<typeof transcriptFilter>;

export const TRAIT_RANGE_PROBLEM = 'min, max and source filter the values of a trait: give trait too';

/** min, max and source refine a trait: without one they mean nothing, so they are refused. */
export function traitRangeProblem(filter: Pick<TranscriptFilter, 'trait' | 'min' | 'max' | 'source'>): string | null {
  return filter.trait === undefined && (filter.min !== undefined || filter.max !== undefined || filter.source !== undefined) ? TRAIT_RANGE_PROBLEM : null;
}

/** The FTS5 query for what a person typed in `q`. Throws ValidationFailed when it has too many terms or none. */
export function ftsMatch(q: string): string {
  const terms = searchTerms(q).length;
  if (terms > MAX_SEARCH_TERMS) {
    throw new ValidationFailed(`q has ${terms} distinct terms; search for at most ${MAX_SEARCH_TERMS}`, [{ field: 'q', message: `at most ${MAX_SEARCH_TERMS} terms` }]);
  }
  const match = toFtsQuery(q);
  if (!match) throw new ValidationFailed('q has no words to search for', [{ field: 'q', message: 'no words to search for' }]);
  return match;
}

/**
 * The filter as SQL conditions on `transcripts` (joined with `models` and `scenarios` as the list query joins
 * them). Throws ValidationFailed when `q` has nothing to search for.
 */
export function transcriptConditions(filter: TranscriptFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.model) conditions.push(eq(models.name, filter.model));
  if (filter.scenario) conditions.push(sql`(${scenarios.key} = ${filter.scenario} OR ${scenarios.id} = ${filter.scenario})`);
  if (filter.tag) conditions.push(sql`${transcripts.id} IN (SELECT transcript_id FROM transcript_tags WHERE tag = ${filter.tag})`);
  if (filter.q !== undefined) {
    conditions.push(sql`${transcripts.id} IN (SELECT m.transcript_id FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid WHERE messages_fts MATCH ${ftsMatch(filter.q)})`);
  }
  if (filter.trait !== undefined) {
    const range = [
      filter.source ? sql`AND tv.source = ${filter.source}` : sql``,
      filter.min !== undefined ? sql`AND tv.value >= ${filter.min}` : sql``,
      filter.max !== undefined ? sql`AND tv.value <= ${filter.max}` : sql``,
    ];
    conditions.push(
      sql`${transcripts.id} IN (SELECT tv.transcript_id FROM trait_values tv JOIN traits tr ON tr.id = tv.trait_id WHERE tr.slug = ${filter.trait} AND (tv.value IS NOT NULL OR tv.category IS NOT NULL) ${sql.join(range, sql` `)})`,
    );
  }
  if (filter.thinking !== undefined) {
    const thought = sql`EXISTS (SELECT 1 FROM messages m WHERE m.transcript_id = ${transcripts.id} AND m.role = 'assistant' AND m.thinking_blocks + m.redacted_thinking_blocks > 0)`;
    conditions.push(filter.thinking === 'any' ? thought : sql`NOT ${thought}`);
  }
  if (filter.thinkingMin !== undefined) {
    conditions.push(sql`EXISTS (SELECT 1 FROM messages m WHERE m.transcript_id = ${transcripts.id} AND m.thinking_chars >= ${filter.thinkingMin})`);
  }
  if (filter.labeled !== undefined) {
    const labeled = sql`EXISTS (SELECT 1 FROM scores s WHERE s.transcript_id = ${transcripts.id} AND s.source = 'human')`;
    conditions.push(filter.labeled === 'true' ? labeled : sql`NOT ${labeled}`);
  }
  return conditions;
}
