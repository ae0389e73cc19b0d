import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';
import { insertTraitValues, traitValueRows } from '../aggregate/refresh.ts';
import { newId } from '../../db/ids.ts';
import {
  batches,
  comparisons,
  messages,
  models,
  scenarios,
  scores,
  traits,
  transcriptTags,
  transcripts,
  type TraitPolarity,
  type TraitScale,
} from '../../db/schema/index.ts';
import type { PreparedTranscript } from './prepare.ts';
import { NO_THINKING } from '../thinking/measure.ts';
import type { ComparisonInput } from './transcript-input.ts';


export interface TraitDefinition {
  title?: string;
  polarity?: TraitPolarity;
  scale?: TraitScale;
  unit?: 'transcript' | 'turns';
}

export interface WriteBatchOptions {
  /** `native` for NDJSON batches, else the import format. */
  format: string;
  userId: string | null;
  /** Lines or parts of the upload that were reported and not written (atomic=false, import `failed`). */
  errorCount?: number;
  traitDefinitions?: Record<string, TraitDefinition>;
  comparisons?: ComparisonInput[];
}

export interface WriteResult {
  batchId: string;
  inserted: number;
  duplicates: number;
  scores: number;
  comparisons: number;
  /** Verdicts naming a transcript that is neither in the upload nor stored. */
  unresolvedComparisons: number;
}

const TRANSCRIPTS_PER_CHUNK = 200;
const ROWS_PER_INSERT = 500;

/**
 * Full-text search indexes the first this many characters of a message. Indexing and phrase-matching a 4 MiB
 * message held the event loop for a second; the message itself is stored whole, only search sees less.
 */
export const MAX_INDEXED_CHARS = 256 * 1024;

function indexedText(text: string): string {
  if (text.length <= MAX_INDEXED_CHARS) return text;
  // Never cut a surrogate pair in half.
  const end = /[\ud800-\udbff]/u.test(text.charAt(MAX_INDEXED_CHARS - 1)) ? MAX_INDEXED_CHARS - 1 : MAX_INDEXED_CHARS;
  return text.slice(0, end);
}

/**
 * The one writer. Writes every transcript of an upload, its messages, tags and scores, in one transaction
 * inside the write queue: all of it or nothing. A transcript whose (source, external_id) exists is a duplicate.
 * Reads its input from an async iterable (a spool file), so memory holds one chunk at a time.
 */
export async function writeBatch(
  database: Database,
  input: AsyncIterable<PreparedTranscript>,
  options: WriteBatchOptions,
): Promise<WriteResult> {
  return database.write((db) =>
    db.transaction(async (tx) => {
      const batchId = newId();
      const now = Date.now();
      await tx.insert(batches).values({ id: batchId, source: options.format, format: options.format, inserted: 0, duplicates: 0, errors: options.errorCount ?? 0, createdBy: options.userId, createdAt: now });
      const ids = new IdCache(tx, options.traitDefinitions ?? {});
      const result: WriteResult = { batchId, inserted: 0, duplicates: 0, scores: 0, comparisons: 0, unresolvedComparisons: 0 };
      let chunk: PreparedTranscript[] = [];
      const flush = async () => {
        await writeChunk(tx, ids, chunk, batchId, now, result);
        chunk = [];
      };
      for await (const item of input) {
        chunk.push(item);
        if (chunk.length >= TRANSCRIPTS_PER_CHUNK) await flush();
      }
      if (chunk.length) await flush();
      if (options.comparisons?.length) await writeComparisons(tx, ids, options.comparisons, now, result);
      await tx.update(batches).set({ inserted: result.inserted, duplicates: result.duplicates }).where(eq(batches.id, batchId));
      return result;
    }),
  );
}

async function writeChunk(tx: Tx, ids: IdCache, chunk: PreparedTranscript[], batchId: string, now: number, result: WriteResult) {
  const existing = new Set<string>();
  for (const [source, items] of groupBy(chunk, (t) => t.input.source)) {
    const rows = await tx
      .select({ externalId: transcripts.externalId })
      .from(transcripts)
      .where(and(eq(transcripts.source, source), inArray(transcripts.externalId, items.map((t) => t.externalId))));
    for (const row of rows) existing.add(`${source}\u0000${row.externalId}`);
  }
  // A key seen earlier in this chunk counts as stored too: an import may hold one transcript twice (a repeated
  // line, two copies of one file); the first is written, the rest are duplicates (later chunks see it stored).
  const fresh = chunk.filter((t) => {
    const key = `${t.input.source}\u0000${t.externalId}`;
    if (existing.has(key)) return false;
    existing.add(key);
    return true;
  });
  result.duplicates += chunk.length - fresh.length;
  if (!fresh.length) return;

  const transcriptRows: (typeof transcripts.$inferInsert)[] = [];
  const messageRows: (typeof messages.$inferInsert)[] = [];
  const tagRows: (typeof transcriptTags.$inferInsert)[] = [];
  const scoreRows: (typeof scores.$inferInsert)[] = [];
  for (const t of fresh) {
    const id = newId();
    transcriptRows.push({
      id,
      modelId: await ids.model(t.input.model),
      scenarioId: await ids.scenario(t.scenarioKey, t.input.scenarioTitle, t.input.scenarioCategory),
      sampleIndex: t.input.sample,
      systemPrompt: t.input.system ?? null,
      metadata: t.input.metadata,
      tags: t.input.tags,
      source: t.input.source,
      externalId: t.externalId,
      contentHash: t.contentHash,
      batchId,
      messageCount: t.input.messages.length,
      inputTokens: t.input.inputTokens ?? null,
      outputTokens: t.input.outputTokens ?? null,
      createdAt: now,
    });
    t.input.messages.forEach((m, idx) => {
      const thinking = t.thinking[idx] ?? NO_THINKING;
      messageRows.push({
        transcriptId: id,
        idx,
        role: m.role,
        content: m.content,
        text: indexedText(t.messageTexts[idx] ?? ''),
        thinkingBlocks: thinking.blocks,
        thinkingChars: thinking.chars,
        redactedThinkingBlocks: thinking.redacted,
        interleavedThinkingBlocks: thinking.interleaved,
        thinkingTokens: thinking.tokens,
      });
    });
    for (const tag of t.input.tags) tagRows.push({ transcriptId: id, tag });
    for (const s of t.scores) {
      scoreRows.push({
        id: newId(),
        transcriptId: id,
        traitId: await ids.trait(s.trait, t.input.source),
        source: s.source,
        status: s.status ?? 'valid',
        value: typeof s.value === 'number' ? s.value : null,
        category: typeof s.value === 'string' ? s.value : null,
        naReason: s.naReason ?? null,
        turnStart: s.turns?.[0] ?? null,
        turnEnd: s.turns?.[1] ?? null,
        evidence: s.checkedEvidence,
        rationale: s.rationale ?? null,
        sampleIndex: s.sample ?? 0,
        labeler: s.labeler ?? null,
        createdAt: now,
      });
    }
  }
  await insertInChunks(tx, transcripts, transcriptRows);
  await insertInChunks(tx, messages, messageRows);
  await insertInChunks(tx, transcriptTags, tagRows);
  await insertInChunks(tx, scores, scoreRows);
  // The transcripts are new, so these rows are all their scores: their trait values follow from them alone.
  const placeOf = new Map(transcriptRows.map((t) => [t.id, { modelId: t.modelId, scenarioId: t.scenarioId }]));
  await insertTraitValues(
    tx,
    traitValueRows(
      scoreRows.flatMap((s) => {
        const place = placeOf.get(s.transcriptId);
        if (!place || s.id === undefined) return [];
        return [{ id: s.id, transcriptId: s.transcriptId, traitId: s.traitId, modelId: place.modelId, scenarioId: place.scenarioId, source: s.source, status: s.status ?? 'valid', value: s.value ?? null, category: s.category ?? null, turnStart: s.turnStart ?? null, turnEnd: s.turnEnd ?? null, sampleIndex: s.sampleIndex ?? 0, labeler: s.labeler ?? null, supersedes: s.supersedes ?? null, adjudicated: s.adjudicated ?? false }];
      }),
    ),
  );
  result.inserted += fresh.length;
  result.scores += scoreRows.length;
}

/**
 * Comparisons are append-only like scores, but an import's verdicts must not double on re-import: a verdict
 * identical to a stored one (same transcripts, trait, source, order and labeler) is skipped.
 */
async function writeComparisons(tx: Tx, ids: IdCache, items: ComparisonInput[], now: number, result: WriteResult): Promise<void> {
  const rows: (typeof comparisons.$inferInsert)[] = [];
  // One upload may hold the same verdict twice (two copies of a judgment file): written once, like a re-import.
  const inThisUpload = new Set<string>();
  for (const c of items) {
    const a = await ids.transcript(c.a.source, c.a.externalId);
    const b = await ids.transcript(c.b.source, c.b.externalId);
    if (!a || !b) {
      result.unresolvedComparisons++;
      continue;
    }
    const traitId = await ids.trait(c.trait, c.a.source);
    const [existing] = await tx
      .select({ id: comparisons.id })
      .from(comparisons)
      .where(
        and(
          eq(comparisons.transcriptA, a),
          eq(comparisons.transcriptB, b),
          eq(comparisons.traitId, traitId),
          eq(comparisons.source, c.source),
          eq(comparisons.shownOrder, c.shownOrder),
          c.labeler === undefined ? isNull(comparisons.labeler) : eq(comparisons.labeler, c.labeler),
        ),
      )
      .limit(1);
    const key = [a, b, traitId, c.source, c.shownOrder, c.labeler ?? ''].join('\u0000');
    if (existing || inThisUpload.has(key)) continue;
    inThisUpload.add(key);
    rows.push({
      id: newId(),
      transcriptA: a,
      transcriptB: b,
      traitId,
      source: c.source,
      winner: c.winner,
      shownOrder: c.shownOrder,
      rationale: c.rationale ?? null,
      labeler: c.labeler ?? null,
      createdAt: now,
    });
  }
  await insertInChunks(tx, comparisons, rows);
  result.comparisons += rows.length;
}

// SQLite caps bound parameters per statement; rows go in slices that stay well under it.
async function insertInChunks<T extends typeof transcripts | typeof messages | typeof transcriptTags | typeof scores | typeof comparisons>(
  tx: Tx,
  table: T,
  rows: T['$inferInsert'][],
) {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await tx.insert(table).values(rows.slice(i, i + ROWS_PER_INSERT));
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Looks up or creates models, scenarios and traits by their natural keys, once per upload. */
class IdCache {
  private readonly models = new Map<string, string>();
  private readonly scenarios = new Map<string, string>();
  private readonly traits = new Map<string, string>();
  constructor(
    private readonly tx: Tx,
    private readonly traitDefinitions: Record<string, TraitDefinition>,
  ) {}

  async model(name: string): Promise<string> {
    const cached = this.models.get(name);
    if (cached) return cached;
    await this.tx.insert(models).values({ id: newId(), name, createdAt: Date.now() }).onConflictDoNothing();
    const [row] = await this.tx.select({ id: models.id }).from(models).where(eq(models.name, name));
    return remember(this.models, name, row?.id);
  }

  async scenario(key: string, title: string | undefined, category: string | undefined): Promise<string> {
    const cached = this.scenarios.get(key);
    if (cached) return cached;
    await this.tx
      .insert(scenarios)
      .values({ id: newId(), key, title: title ?? null, category: category ?? null, createdAt: Date.now() })
      .onConflictDoNothing();
    const [row] = await this.tx.select({ id: scenarios.id }).from(scenarios).where(eq(scenarios.key, key));
    return remember(this.scenarios, key, row?.id);
  }

  async trait(slug: string, source: string): Promise<string> {
    const cached = this.traits.get(slug);
    if (cached) return cached;
    const def = this.traitDefinitions[slug] ?? {};
    await this.tx
      .insert(traits)
      .values({
        id: newId(),
        slug,
        title: def.title ?? titleFromSlug(slug),
        polarity: def.polarity ?? 'neutral',
        scale: def.scale ?? null,
        unit: def.unit ?? 'transcript',
        source,
        createdAt: Date.now(),
      })
      .onConflictDoNothing();
    const [row] = await this.tx.select({ id: traits.id }).from(traits).where(eq(traits.slug, slug));
    return remember(this.traits, slug, row?.id);
  }

  async transcript(source: string, externalId: string): Promise<string | undefined> {
    const [row] = await this.tx
      .select({ id: transcripts.id })
      .from(transcripts)
      .where(and(eq(transcripts.source, source), eq(transcripts.externalId, externalId)));
    return row?.id;
  }
}

function remember(map: Map<string, string>, key: string, id: string | undefined): string {
  if (!id) throw new Error(`row for ${key} vanished inside its own transaction`);
  map.set(key, id);
  return id;
}

export function titleFromSlug(slug: string): string {
  const words = slug.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
