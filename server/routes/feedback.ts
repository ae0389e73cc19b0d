import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { feedbackItems } from '../../db/schema/index.ts';
import { auditCaller } from '../auth/audit.ts';
import { ingestFeedback, MAX_FEEDBACK_CHARS, MAX_FEEDBACK_LINES } from '../ingest/feedback.ts';
import { requestBody } from '../lib/body.ts';
import { UnsupportedMediaType } from '../lib/errors.ts';
import { doc } from '../lib/openapi.ts';
import { validate } from '../lib/validator.ts';
import { batchQuery } from '../schemas/ingest.ts';
import { feedbackListSchema, feedbackQuery, feedbackUploadSchema } from '../schemas/themes.ts';

const ACCEPTED_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/json', 'text/plain', 'application/octet-stream'];
const tags = ['feedback'];

/** Free-text feedback: the other input of theme discovery, uploaded like transcripts (NDJSON, atomic, idempotent). */
export const feedbackRoutes = new Hono<AppEnv>()
  .post(
    '/',
    doc({
      summary: 'Upload feedback items as NDJSON, one per line (gzip accepted)',
      description: `Each line: {"text", "id"?, "model"?, "transcript_id"? or "external_id" (+ "source", default native)?, "tags"?, "metadata"?}. Atomic by default: any invalid line → 422 listing every bad line as {line, message}, nothing written. A re-upload (same id, or same text, model, transcript and tags) is a duplicate. At most ${MAX_FEEDBACK_CHARS} characters per text and ${MAX_FEEDBACK_LINES} items per upload.`,
      tags,
      body: { mediaType: 'application/x-ndjson', schema: { type: 'string', examples: ['{"id":"ticket-4411","text":"It agreed my chest pain was just stress and never said to see a doctor.","model":"aurora-2.0","tags":["support","health"]}'] }, description: 'One feedback JSON object per line' },
      success: { status: 200, description: 'What was written', schema: feedbackUploadSchema },
      errors: [400, 413, 415, 422],
    }),
    validate('query', batchQuery),
    async (c) => {
      const type = (c.req.header('content-type') ?? 'application/x-ndjson').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!ACCEPTED_TYPES.includes(type)) throw new UnsupportedMediaType(`Content-Type ${type} is not accepted here: send application/x-ndjson`);
      const { database, limits } = c.var.deps;
      const result = await ingestFeedback(database, limits, requestBody(c, limits), { atomic: c.req.valid('query').atomic, userId: c.var.user.id });
      await auditCaller(c, { action: 'feedback.upload', target: result.batchId, details: { inserted: result.inserted, duplicates: result.duplicates, errors: result.errors.length } });
      return c.json(result, 200);
    },
  )
  .get(
    '/',
    doc({ summary: 'List feedback items, newest first (keyset pages)', tags, success: { status: 200, description: 'A page of feedback', schema: feedbackListSchema }, errors: [400] }),
    validate('query', feedbackQuery),
    async (c) => {
      const q = c.req.valid('query');
      const conditions: SQL[] = [];
      if (q.tag) conditions.push(sql`EXISTS (SELECT 1 FROM json_each(${feedbackItems.tags}) WHERE value = ${q.tag})`);
      if (q.model) conditions.push(eq(feedbackItems.model, q.model));
      if (q.cursor) conditions.push(lt(feedbackItems.id, q.cursor));
      const rows = await c.var.deps.database.db.select().from(feedbackItems).where(and(...conditions)).orderBy(desc(feedbackItems.id)).limit(q.limit + 1);
      const page = rows.slice(0, q.limit);
      return c.json(
        {
          items: page.map((r) => ({ id: r.id, key: r.key, text: r.text, model: r.model, transcriptId: r.transcriptId, tags: r.tags, metadata: r.metadata, createdAt: new Date(r.createdAt).toISOString() })),
          nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
        },
        200,
      );
    },
  );
