import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { batches, feedbackItems, models, transcripts, type Json } from '../../db/schema/index.ts';
import type { Limits } from '../env.ts';
import { LimitExceeded } from '../lib/errors.ts';
import { sha256 } from '../lib/hash.ts';
import { describeIssues } from '../lib/issues.ts';
import { storedString } from '../lib/text.ts';
import { idSchema } from '../schemas/common.ts';
import { LineReport, readJsonLines, type LineProblem } from './ndjson.ts';

/** One feedback text: long user reports fit; a pasted log does not belong here. */
export const MAX_FEEDBACK_CHARS = 100_000;
/** Feedback items per upload; they are held in memory until the whole upload is known good. */
export const MAX_FEEDBACK_LINES = 20_000;
const MAX_METADATA_CHARS = 16_384;

const jsonValue: z.ZodType<Json> = z.lazy(() => z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]));

export const feedbackLine = z
  .strictObject({
    id: storedString({ max: 500 }).optional().describe("The uploader's own id: a re-upload with the same id is a duplicate"),
    text: storedString({ max: MAX_FEEDBACK_CHARS, trim: true }).describe('The feedback, as the user wrote it'),
    model: storedString({ max: 200 }).optional().describe('The model version it is about'),
    transcript_id: idSchema.optional().describe('The charlens transcript it is about'),
    source: storedString({ max: 100 }).optional().describe('With external_id: the transcript it is about, by its upload source (default native)'),
    external_id: storedString({ max: 500 }).optional().describe("With source: the transcript's external id"),
    tags: z.array(storedString({ max: 100, trim: true })).max(50, 'at most 50 tags').default([]),
    metadata: z.record(z.string(), jsonValue).default({}),
  })
  .refine((l) => !(l.transcript_id && l.external_id), { message: 'give transcript_id or external_id, not both', path: ['external_id'] })
  .refine((l) => !(l.source && !l.external_id), { message: 'source names where external_id comes from: give external_id too', path: ['source'] })
  .refine((l) => JSON.stringify(l.metadata).length <= MAX_METADATA_CHARS, { message: `metadata must be at most ${MAX_METADATA_CHARS} characters of JSON`, path: ['metadata'] });
type FeedbackLine = z.infer<typeof feedbackLine>;

interface Prepared {
  line: number;
  key: string;
  row: FeedbackLine;
}

export interface FeedbackUploadResult {
  batchId: string | null;
  inserted: number;
  duplicates: number;
  errors: LineProblem[];
}

/** The idempotency key: the uploader's id, else a hash of what the item says (text, model, transcript, tags). */
function keyOf(row: FeedbackLine): string {
  if (row.id) return `id:${row.id}`;
  const ref = row.transcript_id ?? (row.external_id ? `${row.source ?? 'native'}/${row.external_id}` : '');
  return `sha256:${sha256(JSON.stringify([row.text, row.model ?? '', ref, [...row.tags].sort()]), 'hex')}`;
}

/**
 * Feedback NDJSON, one item per line, as the transcript batch reads it: every line is validated first, then
 * everything is written in one transaction. Atomic (the default): any bad line → 422 listing every bad line as
 * {line, message}, nothing written. A re-upload (same id, or same content) is a duplicate, not an error.
 */
export async function ingestFeedback(database: Database, limits: Limits, body: AsyncIterable<Uint8Array>, options: { atomic: boolean; userId: string | null }): Promise<FeedbackUploadResult> {
  const report = new LineReport();
  const prepared: Prepared[] = [];
  const tooMany = () => new LimitExceeded(`An upload takes at most ${MAX_FEEDBACK_LINES} feedback items; split the file`, { limit: 'maxFeedbackLines', maxFeedbackLines: MAX_FEEDBACK_LINES });
  for await (const { line, value } of readJsonLines(body, limits, report, { maxLines: MAX_FEEDBACK_LINES, tooMany })) {
    const parsed = feedbackLine.safeParse(value);
    if (!parsed.success) {
      report.fail(line, describeIssues(parsed.error.issues));
      continue;
    }
    prepared.push({ line, key: keyOf(parsed.data), row: parsed.data });
  }
  report.assertNotEmpty('one feedback item per line');

  // The same key twice in one upload: the same item is one duplicate; different text under one id is an error.
  const byKey = new Map<string, Prepared>();
  let duplicates = 0;
  const unique: Prepared[] = [];
  for (const p of prepared) {
    const first = byKey.get(p.key);
    if (!first) {
      byKey.set(p.key, p);
      unique.push(p);
    } else if (first.row.text === p.row.text) duplicates++;
    else report.fail(p.line, `id ${JSON.stringify(p.row.id)} is already used on line ${first.line} with different text`);
  }

  const { db } = database;
  // What the items refer to: transcripts by id or by (source, external id), and known models by name.
  const transcriptById = new Map<string, { id: string; modelId: string; model: string }>();
  const ids = [...new Set(unique.flatMap((p) => (p.row.transcript_id ? [p.row.transcript_id] : [])))];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.select({ id: transcripts.id, modelId: transcripts.modelId, model: models.name }).from(transcripts).innerJoin(models, eq(models.id, transcripts.modelId)).where(inArray(transcripts.id, ids.slice(i, i + 500)));
    for (const r of rows) transcriptById.set(r.id, r);
  }
  const transcriptByRef = new Map<string, { id: string; modelId: string; model: string }>();
  for (const p of unique) {
    if (!p.row.external_id) continue;
    const source = p.row.source ?? 'native';
    const ref = `${source}\u0000${p.row.external_id}`;
    if (transcriptByRef.has(ref)) continue;
    const [row] = await db
      .select({ id: transcripts.id, modelId: transcripts.modelId, model: models.name })
      .from(transcripts)
      .innerJoin(models, eq(models.id, transcripts.modelId))
      .where(and(eq(transcripts.source, source), eq(transcripts.externalId, p.row.external_id)));
    if (row) transcriptByRef.set(ref, row);
  }
  const modelNames = [...new Set(unique.flatMap((p) => (p.row.model ? [p.row.model] : [])))];
  const modelIdByName = new Map<string, string>();
  for (let i = 0; i < modelNames.length; i += 500) {
    for (const r of await db.select({ id: models.id, name: models.name }).from(models).where(inArray(models.name, modelNames.slice(i, i + 500)))) modelIdByName.set(r.name, r.id);
  }

  const now = Date.now();
  const rows: (typeof feedbackItems.$inferInsert)[] = [];
  const lineOfKey = new Map<string, Prepared>();
  for (const p of unique) {
    const r = p.row;
    let transcript: { id: string; modelId: string; model: string } | undefined;
    if (r.transcript_id) {
      transcript = transcriptById.get(r.transcript_id);
      if (!transcript) {
        report.fail(p.line, `transcript_id: no transcript ${r.transcript_id}`);
        continue;
      }
    } else if (r.external_id) {
      transcript = transcriptByRef.get(`${r.source ?? 'native'}\u0000${r.external_id}`);
      if (!transcript) {
        report.fail(p.line, `external_id: no transcript with source ${r.source ?? 'native'} and external_id ${JSON.stringify(r.external_id)}`);
        continue;
      }
    }
    if (transcript && r.model && r.model !== transcript.model) {
      report.fail(p.line, `model: ${r.model} is not the model of the transcript it is about (${transcript.model})`);
      continue;
    }
    const model = r.model ?? transcript?.model ?? null;
    lineOfKey.set(p.key, p);
    rows.push({ id: newId(), key: p.key, text: r.text, model, modelId: transcript?.modelId ?? (model ? (modelIdByName.get(model) ?? null) : null), transcriptId: transcript?.id ?? null, tags: [...new Set(r.tags)], metadata: r.metadata, createdBy: options.userId, createdAt: now });
  }

  // Keys already stored: the same text is a duplicate (re-upload); other text under a stored id is an error.
  const stored = new Map<string, string>();
  const keys = rows.map((r) => r.key);
  for (let i = 0; i < keys.length; i += 500) {
    for (const r of await db.select({ key: feedbackItems.key, text: feedbackItems.text }).from(feedbackItems).where(inArray(feedbackItems.key, keys.slice(i, i + 500)))) stored.set(r.key, r.text);
  }
  const fresh = rows.filter((r) => {
    const text = stored.get(r.key);
    if (text === undefined) return true;
    if (text === r.text) duplicates++;
    else report.fail(lineOfKey.get(r.key)?.line ?? 0, `id ${JSON.stringify(lineOfKey.get(r.key)?.row.id)} is already stored with different text`);
    return false;
  });

  report.errors.sort((a, b) => a.line - b.line);
  report.assertAtomicClean(options.atomic);
  const { errors, errorCount } = report;
  if (!fresh.length) return { batchId: null, inserted: 0, duplicates, errors };
  const batchId = newId();
  await database.write((w) =>
    w.transaction(async (tx) => {
      await tx.insert(batches).values({ id: batchId, source: 'feedback', format: 'feedback', inserted: fresh.length, duplicates, errors: errorCount, createdBy: options.userId, createdAt: now });
      // onConflictDoNothing: an upload racing this one with the same items leaves them written once.
      for (let i = 0; i < fresh.length; i += 200) await tx.insert(feedbackItems).values(fresh.slice(i, i + 200).map((r) => ({ ...r, batchId }))).onConflictDoNothing({ target: feedbackItems.key });
    }),
  );
  return { batchId, inserted: fresh.length, duplicates, errors };
}
