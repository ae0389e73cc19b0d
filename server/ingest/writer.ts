import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.ts';
import { insertRows, type SqlRunner } from '../../db/insert-rows.ts';
import { tallyModel, type ModelTally } from './model-counts.ts';
import { newId } from '../../db/ids.ts';
import { traitValueRows } from '../aggregate/refresh.ts';
import { yieldTurn } from '../lib/yield.ts';
import {
  batches,
  comparisons,
  messages,
  models,
  scenarios,
  scores,
  traits,
  traitValues,
  transcriptTags,
  transcripts,
  type TraitPolarity,
  type TraitScale,
} from '../../db/schema/index.ts';
import { flattenContent } from './blocks.ts';
import type { PreparedTranscript } from './prepare.ts';
import { measureTranscript, NO_THINKING } from '../thinking/measure.ts';
import type { ComparisonInput, TranscriptRef } from './transcript-input.ts';


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
  /** Lines or parts of the upload that were reported and not written (atomic=false, import `failed`), read once the input is written. */
  errorCount?: () => number;
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
  /** Inserted and duplicate transcripts per model name. */
  perModel: ModelTally;
}

const TRANSCRIPTS_PER_CHUNK = 200;
/** Keys per `IN (…)` lookup: well under SQLite's parameter cap, and one statement per chunk of transcripts. */
const KEYS_PER_QUERY = 500;

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

/** What the writer needs open: the write transaction, and drizzle to build its few non-insert statements. */
interface WriteContext {
  tx: SqlRunner;
  db: Db;
  now: number;
}

/**
 * The one writer. Writes every transcript of an upload, its messages, tags and scores, in one transaction
 * inside the write queue: all of it or nothing. A transcript whose (source, external_id) exists is a duplicate.
 * Reads its input from an async iterable (an upload's lines as they are validated), so memory holds a chunk or two.
 *
 * The transaction is a bulk one (`database.bulkTransaction()`: on the write thread for a database file), and
 * rows go in through `insertRows`:
 * multi-row statements whose columns and serialisation come from the drizzle schema, without drizzle building
 * every value into a query (profiled: as costly as SQLite's own work). Ids of models, scenarios and traits are
 * looked up or created a chunk at a time.
 */
export async function writeBatch(database: Database, input: AsyncIterable<PreparedTranscript>, options: WriteBatchOptions): Promise<WriteResult> {
  return database.write((db) =>
    inWriteTransaction(database, async (tx) => {
      const context: WriteContext = { tx, db, now: Date.now() };
      const batchId = newId();
      await insertRows(tx, batches, [{ id: batchId, source: options.format, format: options.format, inserted: 0, duplicates: 0, errors: 0, createdBy: options.userId, createdAt: context.now }]);
      const ids = new IdCache(context, options.traitDefinitions ?? {});
      const result: WriteResult = { batchId, inserted: 0, duplicates: 0, scores: 0, comparisons: 0, unresolvedComparisons: 0, perModel: new Map() };
      // A chunk is written while the next is read: on the write thread SQLite works on one while this thread
      // parses and validates the other. A chunk's statements start once the last chunk's have answered, since its
      // lookups must see them (a transcript twice in one upload is a duplicate in the later chunk).
      let writing: Promise<void> = Promise.resolve();
      let chunk: PreparedTranscript[] = [];
      try {
        for await (const item of input) {
          chunk.push(item);
          if (chunk.length < TRANSCRIPTS_PER_CHUNK) continue;
          const full = chunk;
          chunk = [];
          await writing;
          writing = writeChunk(context, ids, full, batchId, result);
          // Awaited on the next chunk or below; until then a failure must not count as unhandled.
          writing.catch(() => undefined);
          await yieldTurn();
        }
      } finally {
        // Never leave with a chunk still sending statements: the transaction rolls back after this returns.
        await writing.catch(() => undefined);
      }
      await writing;
      if (chunk.length) await writeChunk(context, ids, chunk, batchId, result);
      if (options.comparisons?.length) await writeComparisons(context, ids, options.comparisons, result);
      await run(tx, db.update(batches).set({ inserted: result.inserted, duplicates: result.duplicates, errors: options.errorCount?.() ?? 0 }).where(eq(batches.id, batchId)));
      return result;
    }),
  );
}

/** Runs `task` in a bulk write transaction (db/client.ts): committed when it returns, rolled back when it throws. */
async function inWriteTransaction<T>(database: Database, task: (tx: SqlRunner) => Promise<T>): Promise<T> {
  const tx = await database.bulkTransaction();
  try {
    const result = await task(tx);
    await tx.commit();
    return result;
  } finally {
    // Rolls back unless committed; a no-op after a commit.
    await tx.close();
  }
}

/** Runs a statement drizzle built (not executed: `toSQL()` only) and gives back its rows as arrays of values. */
async function run(tx: SqlRunner, query: { toSQL(): { sql: string; params: unknown[] } }): Promise<unknown[][]> {
  const { sql, params } = query.toSQL();
  const args = params.map((p) => {
    if (p === null || typeof p === 'string' || typeof p === 'number' || typeof p === 'bigint' || typeof p === 'boolean') return p;
    throw new Error(`cannot bind a ${typeof p} to SQLite`);
  });
  const result = await tx.execute({ sql, args });
  return result.rows.map((row) => Array.from({ length: result.columns.length }, (_, i) => row[i]));
}

function* slices<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

const refKey = (source: string, externalId: string) => `${source}\u0000${externalId}`;

/** The ids of the stored transcripts among `refs`, by `refKey`. */
async function storedTranscripts({ tx, db }: WriteContext, refs: readonly TranscriptRef[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const [source, items] of groupBy(refs, (r) => r.source)) {
    const externalIds = [...new Set(items.map((r) => r.externalId))];
    for (const slice of slices(externalIds, KEYS_PER_QUERY)) {
      const rows = await run(tx, db.select({ id: transcripts.id, externalId: transcripts.externalId }).from(transcripts).where(and(eq(transcripts.source, source), inArray(transcripts.externalId, slice))));
      for (const [id, externalId] of rows) found.set(refKey(source, String(externalId)), String(id));
    }
  }
  return found;
}

async function writeChunk(context: WriteContext, ids: IdCache, chunk: PreparedTranscript[], batchId: string, result: WriteResult) {
  const { tx, now } = context;
  // Three round trips to the write thread a chunk (which transcripts are stored; the ids of their models,
  // scenarios and traits; every row), each sending its statements without waiting for the one before (the runner
  // keeps their order): each trip waits for this thread's next turn, which other requests may hold, and one per
  // statement made 20 uploaders of 100 transcripts wait on the queue (bench/mixed.ts).
  const existing = await storedTranscripts(context, chunk.map((t) => ({ source: t.input.source, externalId: t.externalId })));
  // A key seen earlier in this chunk counts as stored too: an import may hold one transcript twice (a repeated
  // line, two copies of one file); the first is written, the rest are duplicates (later chunks see it stored).
  const fresh = chunk.filter((t) => {
    const key = refKey(t.input.source, t.externalId);
    if (existing.has(key)) {
      tallyModel(result.perModel, t.input.model, 'duplicates');
      return false;
    }
    existing.set(key, '');
    tallyModel(result.perModel, t.input.model, 'inserted');
    return true;
  });
  result.duplicates += chunk.length - fresh.length;
  if (!fresh.length) return;
  await ids.resolve(fresh);

  const transcriptRows: (typeof transcripts.$inferInsert)[] = [];
  const messageRows: (typeof messages.$inferInsert)[] = [];
  const tagRows: (typeof transcriptTags.$inferInsert)[] = [];
  const scoreRows: (typeof scores.$inferInsert & { id: string; transcriptId: string; traitId: string })[] = [];
  const placeOf = new Map<string, { modelId: string; scenarioId: string }>();
  for (const t of fresh) {
    const id = newId();
    const place = { modelId: ids.model(t.input.model), scenarioId: ids.scenario(t.scenarioKey) };
    placeOf.set(id, place);
    transcriptRows.push({
      id,
      ...place,
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
    const measures = measureTranscript(t.input.messages);
    t.input.messages.forEach((m, idx) => {
      const thinking = measures[idx] ?? NO_THINKING;
      messageRows.push({
        transcriptId: id,
        idx,
        role: m.role,
        content: m.content,
        text: indexedText(flattenContent(m.content)),
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
        traitId: ids.trait(s.trait),
        source: s.source,
        status: s.status ?? 'valid',
        value: typeof s.value === 'number' ? s.value : null,
        category: typeof s.value === 'string' ? s.value : null,
        naReason: s.naReason ?? null,
        turnStart: s.turns?.[0] ?? null,
        turnEnd: s.turns?.[1] ?? null,
        evidence: s.evidence,
        rationale: s.rationale ?? null,
        sampleIndex: s.sample ?? 0,
        labeler: s.labeler ?? null,
        createdAt: now,
      });
    }
  }
  // The transcripts are new, so these rows are all their scores: their trait values follow from them alone.
  const valueRows = traitValueRows(
    scoreRows.flatMap((s) => {
      const place = placeOf.get(s.transcriptId);
      if (!place) return [];
      return [{ id: s.id, transcriptId: s.transcriptId, traitId: s.traitId, ...place, source: s.source, status: s.status ?? 'valid', value: s.value ?? null, category: s.category ?? null, turnStart: s.turnStart ?? null, turnEnd: s.turnEnd ?? null, sampleIndex: s.sampleIndex ?? 0, labeler: s.labeler ?? null, supersedes: null, adjudicated: false }];
    }),
  );
  await Promise.all([
    insertRows(tx, transcripts, transcriptRows),
    insertRows(tx, messages, messageRows),
    insertRows(tx, transcriptTags, tagRows),
    insertRows(tx, scores, scoreRows),
    insertRows(tx, traitValues, valueRows),
  ]);
  result.inserted += fresh.length;
  result.scores += scoreRows.length;
}

/**
 * Comparisons are append-only like scores, but an import's verdicts must not double on re-import: a verdict
 * identical to a stored one (same transcripts, trait, source, order and labeler) is skipped.
 */
async function writeComparisons(context: WriteContext, ids: IdCache, items: ComparisonInput[], result: WriteResult): Promise<void> {
  const { tx, db, now } = context;
  const transcriptIds = await storedTranscripts(context, items.flatMap((c) => [c.a, c.b]));
  const resolved: { c: ComparisonInput; a: string; b: string }[] = [];
  for (const c of items) {
    const a = transcriptIds.get(refKey(c.a.source, c.a.externalId));
    const b = transcriptIds.get(refKey(c.b.source, c.b.externalId));
    if (a && b) resolved.push({ c, a, b });
    else result.unresolvedComparisons++;
  }
  await ids.resolveTraits(resolved.map(({ c }) => ({ slug: c.trait, source: c.a.source })));
  const verdictKey = (a: string, b: string, traitId: string, source: string, shownOrder: string, labeler: string | null) => JSON.stringify([a, b, traitId, source, shownOrder, labeler]);
  // Stored verdicts on these transcripts, and the ones already taken from this upload (which may hold the same
  // verdict twice, e.g. two copies of a judgment file): either way, written once.
  const seen = new Set<string>();
  for (const slice of slices([...new Set(resolved.map((r) => r.a))], KEYS_PER_QUERY)) {
    const rows = await run(
      tx,
      db
        .select({ a: comparisons.transcriptA, b: comparisons.transcriptB, traitId: comparisons.traitId, source: comparisons.source, shownOrder: comparisons.shownOrder, labeler: comparisons.labeler })
        .from(comparisons)
        .where(inArray(comparisons.transcriptA, slice)),
    );
    for (const [a, b, traitId, source, shownOrder, labeler] of rows) seen.add(verdictKey(String(a), String(b), String(traitId), String(source), String(shownOrder), labeler === null ? null : String(labeler)));
  }
  const rows: (typeof comparisons.$inferInsert)[] = [];
  for (const { c, a, b } of resolved) {
    const traitId = ids.trait(c.trait);
    const key = verdictKey(a, b, traitId, c.source, c.shownOrder, c.labeler ?? null);
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ id: newId(), transcriptA: a, transcriptB: b, traitId, source: c.source, winner: c.winner, shownOrder: c.shownOrder, rationale: c.rationale ?? null, labeler: c.labeler ?? null, createdAt: now });
  }
  await insertRows(tx, comparisons, rows);
  result.comparisons += rows.length;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Models, scenarios and traits by their natural keys, created when new. `resolve` looks up (or creates) every
 * key a chunk needs in one statement per table; afterwards the lookups are synchronous.
 */
class IdCache {
  private readonly models = new Map<string, string>();
  private readonly scenarios = new Map<string, string>();
  private readonly traits = new Map<string, string>();
  constructor(
    private readonly context: WriteContext,
    private readonly traitDefinitions: Record<string, TraitDefinition>,
  ) {}

  async resolve(chunk: readonly PreparedTranscript[]): Promise<void> {
    const { tx, db, now } = this.context;
    const newModels = firstOf(chunk, (t) => t.input.model).filter((t) => !this.models.has(t.input.model));
    const byKey = new Map(firstOf(chunk, (t) => t.scenarioKey).filter((t) => !this.scenarios.has(t.scenarioKey)).map((t) => [t.scenarioKey, t.input]));
    // Sent together: the runner keeps their order, each select after its insert (see writeChunk).
    await Promise.all([
      this.create(this.models, newModels.map((t) => t.input.model), (names) => insertRows(tx, models, names.map((name) => ({ id: newId(), name, createdAt: now })), { onConflictDoNothing: true }), (names) =>
        run(tx, db.select({ key: models.name, id: models.id }).from(models).where(inArray(models.name, names))),
      ),
      this.create(
        this.scenarios,
        [...byKey.keys()],
        (keys) => insertRows(tx, scenarios, keys.map((key) => ({ id: newId(), key, title: byKey.get(key)?.scenarioTitle ?? null, category: byKey.get(key)?.scenarioCategory ?? null, createdAt: now })), { onConflictDoNothing: true }),
        (keys) => run(tx, db.select({ key: scenarios.key, id: scenarios.id }).from(scenarios).where(inArray(scenarios.key, keys))),
      ),
      this.resolveTraits(chunk.flatMap((t) => t.scores.map((s) => ({ slug: s.trait, source: t.input.source })))),
    ]);
  }

  /** Traits are created with the source of the first transcript that names them, and the format's definition. */
  async resolveTraits(wanted: readonly { slug: string; source: string }[]): Promise<void> {
    const { tx, db, now } = this.context;
    const fresh = firstOf(wanted, (w) => w.slug).filter((w) => !this.traits.has(w.slug));
    const sourceOf = new Map(fresh.map((w) => [w.slug, w.source]));
    const row = (slug: string): typeof traits.$inferInsert => {
      const def = this.traitDefinitions[slug] ?? {};
      return { id: newId(), slug, title: def.title ?? titleFromSlug(slug), polarity: def.polarity ?? 'neutral', scale: def.scale ?? null, unit: def.unit ?? 'transcript', source: sourceOf.get(slug) ?? '', createdAt: now };
    };
    await this.create(this.traits, fresh.map((w) => w.slug), (slugs) => insertRows(tx, traits, slugs.map(row), { onConflictDoNothing: true }), (slugs) =>
      run(tx, db.select({ key: traits.slug, id: traits.id }).from(traits).where(inArray(traits.slug, slugs))),
    );
  }

  model(name: string): string {
    return known(this.models, name);
  }
  scenario(key: string): string {
    return known(this.scenarios, key);
  }
  trait(slug: string): string {
    return known(this.traits, slug);
  }

  /** Inserts the missing keys (a key another upload made meanwhile is kept as it is), then reads their ids. */
  private async create(cache: Map<string, string>, keys: string[], insert: (keys: string[]) => Promise<void>, select: (keys: string[]) => Promise<unknown[][]>): Promise<void> {
    for (const slice of slices(keys, KEYS_PER_QUERY)) {
      await insert(slice);
      for (const [key, id] of await select(slice)) cache.set(String(key), String(id));
    }
  }
}

/** The first item for each distinct key, in order. */
function firstOf<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...groupBy(items, key).values()].flatMap((group) => group.slice(0, 1));
}

function known(cache: Map<string, string>, key: string): string {
  const id = cache.get(key);
  if (!id) throw new Error(`row for ${key} vanished inside its own transaction`);
  return id;
}

export function titleFromSlug(slug: string): string {
  const words = slug.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
