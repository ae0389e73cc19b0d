import { and, asc, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { messages, models, scenarios, scores, traits, transcripts } from '../../db/schema/index.ts';
import { NotFound } from '../lib/errors.ts';
import { contentBlockSchema } from '../ingest/blocks.ts';
import { cursorSchema, idSchema, isoTime, jsonSchema, polaritySchema, scoreSourceSchema } from '../schemas/common.ts';
import { searchMatchSchema, searchSnippets } from './search.ts';
import { searchPage } from './search-page.ts';
import { ftsMatch, TRAIT_RANGE_PROBLEM, traitRangeProblem, transcriptConditions, transcriptFilterShape, type TranscriptFilter } from './transcript-filter.ts';
import { traitValueSchema, traitValuesOf } from './trait-values.ts';

export const listQuery = z
  .object({
    ...transcriptFilterShape,
    cursor: cursorSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50).describe('Page size'),
  })
  .refine((q) => traitRangeProblem(q) === null, { message: TRAIT_RANGE_PROBLEM, path: ['trait'] });
export type ListQuery = z.infer<typeof listQuery>;

/** The columns of a transcript as lists show it: small, so that pages of them stay fast. */
const compactColumns = {
  id: transcripts.id,
  externalId: transcripts.externalId,
  model: models.name,
  scenario: scenarios.key,
  scenarioId: scenarios.id,
  scenarioTitle: scenarios.title,
  sample: transcripts.sampleIndex,
  tags: transcripts.tags,
  messageCount: transcripts.messageCount,
  createdAt: transcripts.createdAt,
};

export const compactTranscriptSchema = z.object({
  id: idSchema,
  externalId: z.string().describe('The uploader’s id (or sha256: content hash), unique per source'),
  model: z.string(),
  scenario: z.string().describe('Scenario key'),
  scenarioId: idSchema,
  scenarioTitle: z.string().nullable(),
  sample: z.int().describe('Sample index of this transcript within its model and scenario'),
  tags: z.array(z.string()),
  messageCount: z.int(),
  createdAt: isoTime,
  traitValues: z.array(traitValueSchema).describe('One value per trait and source, by the one aggregation rule'),
});

export const transcriptListSchema = z
  .object({
    items: z.array(compactTranscriptSchema.extend({ match: searchMatchSchema.optional().describe('With q: the best matching message and a snippet') })),
    nextCursor: cursorSchema.nullable().describe('Pass as cursor for the next page; null on the last page'),
  })
  .meta({ id: 'TranscriptList' });

/** A row with its epoch-millisecond `createdAt` as the API's ISO time. */
function compact<T extends { createdAt: number }>(row: T): Omit<T, 'createdAt'> & { createdAt: string } {
  const { createdAt, ...rest } = row;
  return { ...rest, createdAt: new Date(createdAt).toISOString() };
}

/** A keyset page of transcripts, newest first, with their trait values (and search matches with `q`). */
export async function listTranscripts(db: Db, query: ListQuery): Promise<z.infer<typeof transcriptListSchema>> {
  const { q, cursor, limit, ...filter } = query;
  const conditions = transcriptConditions(filter);
  if (q !== undefined) {
    const { hits, more } = await searchPage(db, { match: ftsMatch(q), conditions, cursor, limit });
    const ids = hits.map((h) => h.transcriptId);
    const [rows, values, matches] = await Promise.all([ids.length ? compactRows(db, [inArray(transcripts.id, ids)], ids.length) : [], traitValuesOf(db, ids), searchSnippets(db, q, hits)]);
    const items = rows.map((row) => ({ ...compact(row), traitValues: values.get(row.id) ?? [], match: matches.get(row.id) ?? null }));
    return { items, nextCursor: more ? (ids.at(-1) ?? null) : null };
  }
  if (cursor) conditions.push(lt(transcripts.id, cursor));
  const rows = await compactRows(db, conditions, limit + 1);
  const page = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? (page.at(-1)?.id ?? null) : null;
  const values = await traitValuesOf(
    db,
    page.map((r) => r.id),
  );
  return { items: page.map((row) => ({ ...compact(row), traitValues: values.get(row.id) ?? [] })), nextCursor };
}

/** Compact rows of the transcripts that meet `conditions`, newest first. */
function compactRows(db: Db, conditions: SQL[], limit: number) {
  return db
    .select(compactColumns)
    .from(transcripts)
    .innerJoin(models, eq(models.id, transcripts.modelId))
    .innerJoin(scenarios, eq(scenarios.id, transcripts.scenarioId))
    .where(and(...conditions))
    .orderBy(desc(transcripts.id))
    .limit(limit);
}

/** Transcripts of a filter, for the judge and other selections: ids with their model and scenario. */
export async function selectTranscriptIds(db: Db, filter: TranscriptFilter, limit: number) {
  return db
    .select({ id: transcripts.id, scenarioId: transcripts.scenarioId, modelId: transcripts.modelId })
    .from(transcripts)
    .innerJoin(models, eq(models.id, transcripts.modelId))
    .innerJoin(scenarios, eq(scenarios.id, transcripts.scenarioId))
    .where(and(...transcriptConditions(filter)))
    .orderBy(asc(transcripts.id))
    .limit(limit);
}

export const storedScoreSchema = z
  .object({
    id: idSchema,
    trait: z.string(),
    traitTitle: z.string(),
    polarity: polaritySchema,
    source: scoreSourceSchema,
    status: z.enum(['valid', 'invalid', 'failed', 'withdrawn']).describe('Only valid scores are counted; invalid and failed ones are shown, never counted; withdrawn is a labeler’s undo'),
    value: z.number().nullable(),
    category: z.string().nullable(),
    naReason: z.string().nullable().describe('Set when the score is N/A'),
    turnStart: z.int().nullable().describe('First message index of the turn range this score covers; null for the whole transcript'),
    turnEnd: z.int().nullable(),
    evidence: z.array(
      z.object({
        message_index: z.int(),
        quote: z.string(),
        verified: z.boolean().describe('Whether the quote was found in the message it cites'),
      }),
    ),
    rationale: z.string().nullable(),
    sampleIndex: z.int().describe('Judge sample (0-based) for judge scores'),
    labeler: z.string().nullable(),
    rubricVersionId: idSchema.nullable(),
    judgeRunId: idSchema.nullable(),
    supersedes: idSchema.nullable().describe('The score this one replaces (a human edit)'),
    createdAt: isoTime,
  })
  .meta({ id: 'Score' });

export const messageThinkingSchema = z
  .object({
    blocks: z.int().describe('thinking blocks'),
    chars: z.int().describe('Characters (Unicode code points) of their text, summed'),
    redacted: z.int().describe('redacted_thinking blocks, counted apart (encrypted: no length)'),
    interleaved: z.int().describe('Thinking or redacted blocks between tool calls: after a tool_use in this message, or answering tool results'),
    tokens: z.int().nullable().describe('Thinking tokens, when the upload reported them'),
  })
  .meta({ id: 'MessageThinking', description: 'The thinking of an assistant message (zero for other roles), as server/thinking/measure.ts defines it' });

export const messageSchema = z
  .object({
    index: z.int().describe('0-based position in the transcript'),
    role: z.enum(['system', 'user', 'assistant', 'tool']),
    content: z.union([z.string(), z.array(contentBlockSchema)]).describe('Exactly as uploaded: a string or Anthropic content blocks'),
    thinking: messageThinkingSchema.nullable().describe('Null only for a message stored before thinking was measured, until the next start measures it'),
  })
  .meta({ id: 'Message' });

export const transcriptDetailSchema = compactTranscriptSchema
  .extend({
    system: z.string().nullable(),
    metadata: z.record(z.string(), jsonSchema),
    source: z.string().describe('Where it came from: native, inspect, spiral, …'),
    contentHash: z.string(),
    batchId: idSchema.nullable(),
    messages: z.array(messageSchema),
    scores: z.array(storedScoreSchema).describe('Every score row, superseded, invalid and failed ones included'),
  })
  .meta({ id: 'Transcript' });

/** One transcript with its messages, every score row, and its trait values. */
export async function transcriptDetail(db: Db, id: string) {
  const [row] = await db
    .select({ ...compactColumns, system: transcripts.systemPrompt, metadata: transcripts.metadata, source: transcripts.source, contentHash: transcripts.contentHash, batchId: transcripts.batchId })
    .from(transcripts)
    .innerJoin(models, eq(models.id, transcripts.modelId))
    .innerJoin(scenarios, eq(scenarios.id, transcripts.scenarioId))
    .where(eq(transcripts.id, id));
  if (!row) throw new NotFound(`No transcript ${id}`);
  const [messageRows, scoreRows, values] = await Promise.all([
    db
      .select({
        index: messages.idx,
        role: messages.role,
        content: messages.content,
        blocks: messages.thinkingBlocks,
        chars: messages.thinkingChars,
        redacted: messages.redactedThinkingBlocks,
        interleaved: messages.interleavedThinkingBlocks,
        tokens: messages.thinkingTokens,
      })
      .from(messages)
      .where(eq(messages.transcriptId, id))
      .orderBy(asc(messages.idx)),
    db
      .select({
        id: scores.id,
        trait: traits.slug,
        traitTitle: traits.title,
        polarity: traits.polarity,
        source: scores.source,
        status: scores.status,
        value: scores.value,
        category: scores.category,
        naReason: scores.naReason,
        turnStart: scores.turnStart,
        turnEnd: scores.turnEnd,
        evidence: scores.evidence,
        rationale: scores.rationale,
        sampleIndex: scores.sampleIndex,
        labeler: scores.labeler,
        rubricVersionId: scores.rubricVersionId,
        judgeRunId: scores.judgeRunId,
        supersedes: scores.supersedes,
        createdAt: scores.createdAt,
      })
      .from(scores)
      .innerJoin(traits, eq(traits.id, scores.traitId))
      .where(eq(scores.transcriptId, id))
      .orderBy(asc(traits.slug), asc(scores.turnStart), asc(scores.createdAt)),
    traitValuesOf(db, [id]),
  ]);
  return {
    ...compact(row),
    traitValues: values.get(id) ?? [],
    messages: messageRows.map(({ blocks, chars, redacted, interleaved, tokens, ...m }) => ({ ...m, thinking: blocks === null ? null : { blocks, chars, redacted, interleaved, tokens } })),
    scores: scoreRows.map((s) => compact(s)),
  };
}
