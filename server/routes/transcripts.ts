import { and, asc, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { messages, models, scenarios, scores, traits, transcripts } from '../../db/schema/index.ts';
import { requireScope } from '../auth/middleware.ts';
import type { AppEnv } from '../context.ts';
import { ingestNdjson } from '../ingest/ndjson-batch.ts';
import { requestBody } from '../lib/body.ts';
import { ApiError } from '../lib/errors.ts';
import { toFtsQuery } from '../lib/fts.ts';
import { storedString } from '../lib/text.ts';
import { validate } from '../lib/validator.ts';
import { scoreSummaries } from './score-summary.ts';
import { searchSnippets } from './search-snippets.ts';
import { compactTranscriptColumns, toCompactTranscript } from './transcript-shape.ts';

export const batchQuery = z.object({
  atomic: z.enum(['true', 'false'], { error: 'atomic must be true or false' }).default('true').transform((v) => v === 'true'),
});

export const cursorSchema = z.string().regex(/^[0-9a-z]{1,40}$/, 'cursor is not one this API gave out');

export const listQuery = z
  .object({
    model: storedString({ max: 200 }).optional(),
    scenario: storedString({ max: 500 }).optional(),
    tag: storedString({ max: 100 }).optional(),
    q: storedString({ max: 500 }).optional(),
    trait: storedString({ max: 100 }).optional(),
    min: z.coerce.number().finite().optional(),
    max: z.coerce.number().finite().optional(),
    source: z.enum(['judge', 'import', 'human']).optional(),
    labeled: z.enum(['true', 'false'], { error: 'labeled must be true or false' }).optional(),
    cursor: cursorSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .refine((q) => q.trait !== undefined || (q.min === undefined && q.max === undefined && q.source === undefined), {
    message: 'min, max and source filter the scores of a trait: give trait too',
    path: ['trait'],
  });

const ACCEPTED_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/json', 'text/plain', 'application/octet-stream'];

export const transcriptRoutes = new Hono<AppEnv>()
  .post('/batch', requireScope('write'), validate('query', batchQuery), async (c) => {
    const type = (c.req.header('content-type') ?? 'application/x-ndjson').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!ACCEPTED_TYPES.includes(type)) {
      throw new ApiError('unsupported_media_type', `Content-Type ${type} is not accepted here: send application/x-ndjson (files in other formats go to POST /api/v1/imports)`);
    }
    const { database, limits, spoolDir } = c.var.deps;
    const result = await ingestNdjson({ database, limits, spoolDir }, requestBody(c.req.raw), {
      atomic: c.req.valid('query').atomic,
      userId: c.var.user.id,
    });
    return c.json(result, 200);
  })
  .get('/', validate('query', listQuery), async (c) => {
    const query = c.req.valid('query');
    const { db } = c.var.deps.database;
    const conditions: SQL[] = [];
    if (query.model) conditions.push(eq(models.name, query.model));
    if (query.scenario) conditions.push(sql`(${scenarios.key} = ${query.scenario} OR ${scenarios.id} = ${query.scenario})`);
    if (query.tag) conditions.push(sql`${transcripts.id} IN (SELECT transcript_id FROM transcript_tags WHERE tag = ${query.tag})`);
    if (query.q !== undefined) {
      const match = toFtsQuery(query.q);
      if (!match) throw new ApiError('validation_failed', 'q has no words to search for');
      conditions.push(
        sql`${transcripts.id} IN (SELECT m.transcript_id FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid WHERE messages_fts MATCH ${match})`,
      );
    }
    if (query.trait !== undefined) {
      // A transcript matches when any of its valid scores of the trait is in range (for chunked traits: any chunk).
      const range = [
        query.source ? sql`AND s.source = ${query.source}` : sql``,
        query.min !== undefined ? sql`AND s.value >= ${query.min}` : sql``,
        query.max !== undefined ? sql`AND s.value <= ${query.max}` : sql``,
      ];
      conditions.push(
        sql`${transcripts.id} IN (SELECT s.transcript_id FROM scores s JOIN traits tr ON tr.id = s.trait_id WHERE tr.slug = ${query.trait} AND s.status = 'valid' ${sql.join(range, sql` `)})`,
      );
    }
    if (query.labeled !== undefined) {
      const labeled = sql`EXISTS (SELECT 1 FROM scores s WHERE s.transcript_id = ${transcripts.id} AND s.source = 'human')`;
      conditions.push(query.labeled === 'true' ? labeled : sql`NOT ${labeled}`);
    }
    if (query.cursor) conditions.push(lt(transcripts.id, query.cursor));
    const rows = await db
      .select(compactTranscriptColumns)
      .from(transcripts)
      .innerJoin(models, eq(models.id, transcripts.modelId))
      .innerJoin(scenarios, eq(scenarios.id, transcripts.scenarioId))
      .where(and(...conditions))
      .orderBy(desc(transcripts.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const nextCursor = rows.length > query.limit ? (page.at(-1)?.id ?? null) : null;
    const ids = page.map((r) => r.id);
    const [summaries, matches] = await Promise.all([
      scoreSummaries(db, ids),
      query.q !== undefined ? searchSnippets(db, toFtsQuery(query.q) ?? '', ids) : Promise.resolve(null),
    ]);
    const items = page.map((row) => ({
      ...toCompactTranscript(row),
      scores: summaries.get(row.id) ?? [],
      ...(matches ? { match: matches.get(row.id) ?? null } : {}),
    }));
    return c.json({ items, nextCursor }, 200);
  })
  .get('/:id', async (c) => {
    const id = c.req.param('id');
    const { db } = c.var.deps.database;
    const [row] = await db
      .select({
        ...compactTranscriptColumns,
        scenarioTitle: scenarios.title,
        systemPrompt: transcripts.systemPrompt,
        metadata: transcripts.metadata,
        source: transcripts.source,
        contentHash: transcripts.contentHash,
        batchId: transcripts.batchId,
      })
      .from(transcripts)
      .innerJoin(models, eq(models.id, transcripts.modelId))
      .innerJoin(scenarios, eq(scenarios.id, transcripts.scenarioId))
      .where(eq(transcripts.id, id));
    if (!row) throw new ApiError('not_found', `No transcript ${id}`);
    const [messageRows, scoreRows] = await Promise.all([
      db
        .select({ index: messages.idx, role: messages.role, content: messages.content })
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
    ]);
    return c.json(
      {
        ...toCompactTranscript(row),
        scenarioTitle: row.scenarioTitle,
        system: row.systemPrompt,
        metadata: row.metadata,
        source: row.source,
        contentHash: row.contentHash,
        batchId: row.batchId,
        messages: messageRows,
        scores: scoreRows.map((s) => ({ ...s, createdAt: new Date(s.createdAt).toISOString() })),
      },
      200,
    );
  });
