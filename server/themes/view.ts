import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { feedbackItems, judgeRuns, models, scenarios, themeEdits, themeItems, themeRuns, themes } from '../../db/schema/index.ts';
import { NotFound, ValidationFailed } from '../lib/errors.ts';
import { runView } from '../judge/run-view.ts';
import { sharesByModel, shareMovement, THEME_MOVEMENT_UNIT, THEME_SHARE_UNIT, VERSION_MOVEMENT_UNIT, versionMovement, type ShareItem } from './shares.ts';
import { themeRunOrThrow } from './runs.ts';
import type { BootstrapOptions } from '../stats/bootstrap.ts';

export type ItemRow = Awaited<ReturnType<typeof runItems>>[number];

/** Every item of a run with its model, scenario and assignment (at most MAX_THEME_ITEMS rows). */
export async function runItems(db: Db, runId: string) {
  return db
    .select({
      id: themeItems.id,
      ref: themeItems.ref,
      transcriptId: themeItems.transcriptId,
      feedbackId: themeItems.feedbackId,
      modelId: themeItems.modelId,
      model: models.name,
      scenarioId: themeItems.scenarioId,
      scenario: scenarios.key,
      scenarioTitle: scenarios.title,
      noteStatus: themeItems.noteStatus,
      note: themeItems.note,
      nothingWrong: themeItems.nothingWrong,
      evidence: themeItems.evidence,
      themeId: themeItems.themeId,
      confidence: themeItems.confidence,
      assignedBy: themeItems.assignedBy,
    })
    .from(themeItems)
    .leftJoin(models, eq(models.id, themeItems.modelId))
    .leftJoin(scenarios, eq(scenarios.id, themeItems.scenarioId))
    .where(eq(themeItems.runId, runId))
    .orderBy(asc(themeItems.id));
}

const clusterOf = (i: { scenarioId: string | null; id: string }) => i.scenarioId ?? `item:${i.id}`;
/** The item's identity across versions of one selection: its transcript, else its feedback item. */
const itemKey = (i: { transcriptId: string | null; feedbackId: string | null }) => (i.feedbackId ? `f:${i.feedbackId}` : `t:${i.transcriptId}`);

/** A theme run: the judge run's progress and cost, the selection, version, phase, and what its items became. */
export async function themeRunView(db: Db, id: string) {
  const { theme } = await themeRunOrThrow(db, id);
  const run = await runView(db, id);
  if (!run) throw new NotFound(`No theme run ${id}`);
  const versions = await db
    .select({ id: themeRuns.id, version: themeRuns.version, createdAt: themeRuns.createdAt, status: judgeRuns.status })
    .from(themeRuns)
    .innerJoin(judgeRuns, eq(judgeRuns.id, themeRuns.id))
    .where(eq(themeRuns.selectionKey, theme.selectionKey))
    .orderBy(asc(themeRuns.version));
  const counts = await db
    .select({ noteStatus: themeItems.noteStatus, nothingWrong: themeItems.nothingWrong, assignedBy: themeItems.assignedBy, other: sql<number>`sum(CASE WHEN ${themeItems.themeId} IS NULL AND ${themeItems.assignedBy} IS NOT NULL THEN 1 ELSE 0 END)`, n: sql<number>`count(*)` })
    .from(themeItems)
    .where(eq(themeItems.runId, id))
    .groupBy(themeItems.noteStatus, themeItems.nothingWrong, themeItems.assignedBy);
  const notes = { pending: 0, done: 0, invalid: 0, failed: 0, nothingWrong: 0 };
  const assigned = { claude: 0, researcher: 0, system: 0, unassigned: 0, other: 0 };
  for (const c of counts) {
    const n = Number(c.n);
    notes[c.noteStatus] += n;
    if (c.nothingWrong) notes.nothingWrong += n;
    assigned[c.assignedBy ?? 'unassigned'] += n;
    assigned.other += Number(c.other ?? 0);
  }
  const [themeCount] = await db.select({ n: sql<number>`count(*)` }).from(themes).where(and(eq(themes.runId, id), eq(themes.status, 'active')));
  return {
    ...run,
    kind: 'themes' as const,
    model: run.judgeModel,
    version: theme.version,
    selection: theme.selection,
    selectionKey: theme.selectionKey,
    description: theme.description,
    promptVersion: theme.promptVersion,
    phase: theme.phase,
    reduceRounds: theme.reduceRound,
    itemCount: theme.itemCount,
    settings: theme.settings,
    previousRunId: theme.previousRunId,
    versions: versions.map((v) => ({ id: v.id, version: v.version, status: v.status, createdAt: new Date(v.createdAt).toISOString() })),
    notes,
    assigned,
    themeCount: Number(themeCount?.n ?? 0),
  };
}

/** The latest theme runs (one row per run; versions of one selection share its key). */
export async function listThemeRuns(db: Db, limit = 100) {
  const rows = await db.select({ id: themeRuns.id }).from(themeRuns).orderBy(desc(themeRuns.createdAt)).limit(limit);
  const out = [];
  for (const r of rows) out.push(await themeRunView(db, r.id));
  return out;
}

export interface RankOptions extends BootstrapOptions {
  rank: 'size' | 'models' | 'versions';
  a?: string | undefined;
  b?: string | undefined;
  against?: string | undefined;
}

/**
 * The themes of a run ranked by size, by how much their share moved between two model versions (a → b,
 * paired over shared scenarios), or since another version of the same selection — each with its CI.
 */
export async function rankedThemes(db: Db, runId: string, options: RankOptions) {
  const { theme: run } = await themeRunOrThrow(db, runId);
  const rows = await db.select().from(themes).where(and(eq(themes.runId, runId), eq(themes.status, 'active'))).orderBy(asc(themes.ref));
  const items = await runItems(db, runId);
  const modelNames = [...new Set(items.flatMap((i) => (i.model ? [i.model] : [])))].sort();
  if (options.rank === 'models') {
    if (!options.a || !options.b) throw new ValidationFailed('rank=models needs a and b: the two model versions to compare', [{ field: options.a ? 'b' : 'a', message: 'required with rank=models' }]);
    for (const m of [options.a, options.b]) if (!modelNames.includes(m)) throw new ValidationFailed(`Model ${m} has no items in this run (${modelNames.join(', ') || 'none'})`, [{ field: m === options.a ? 'a' : 'b', message: 'no items' }]);
  }
  let against: { runId: string; version: number; items: ItemRow[] } | null = null;
  if (options.rank === 'versions') {
    const otherId = options.against ?? run.previousRunId;
    if (!otherId) throw new ValidationFailed('This is the first version of its selection: there is no version to compare with', [{ field: 'against', message: 'no earlier version' }]);
    const other = await themeRunOrThrow(db, otherId);
    if (other.theme.selectionKey !== run.selectionKey) throw new ValidationFailed('against must be a version of the same selection', [{ field: 'against', message: 'another selection' }]);
    against = { runId: otherId, version: other.theme.version, items: await runItems(db, otherId) };
  }
  const sizes = new Map<string | null, number>();
  for (const i of items) if (i.assignedBy) sizes.set(i.themeId, (sizes.get(i.themeId) ?? 0) + 1);
  const assignedCount = items.filter((i) => i.assignedBy).length;
  const shareItems = (themeId: string): ShareItem[] => items.filter((i) => i.assignedBy).map((i) => ({ model: i.model, cluster: clusterOf(i), hit: i.themeId === themeId }));
  // Which theme of `against` each theme continues (or is continued by), along the lineage either way.
  const olderThemes = against ? await db.select({ id: themes.id, name: themes.name, previousThemeId: themes.previousThemeId }).from(themes).where(eq(themes.runId, against.runId)) : [];
  const out = rows.map((t) => {
    const size = sizes.get(t.id) ?? 0;
    const members = items.filter((i) => i.themeId === t.id);
    const confidences = members.flatMap((m) => (m.confidence === null ? [] : [m.confidence]));
    const base = {
      id: t.id,
      ref: t.ref,
      name: t.name,
      description: t.description,
      inclusionCriteria: t.inclusionCriteria,
      origin: t.origin,
      curated: t.curated,
      previousThemeId: t.previousThemeId,
      size,
      share: assignedCount ? size / assignedCount : null,
      meanConfidence: confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : null,
      byModel: sharesByModel(shareItems(t.id), options),
    };
    if (options.rank === 'models' && options.a && options.b) return { ...base, movement: { kind: 'models' as const, ...shareMovement(shareItems(t.id), options.a, options.b, options) } };
    if (against) {
      const older = olderThemes.find((o) => o.id === t.previousThemeId) ?? olderThemes.find((o) => o.previousThemeId === t.id) ?? null;
      const before = new Map(against.items.filter((i) => i.assignedBy).map((i) => [itemKey(i), older !== null && i.themeId === older.id]));
      const matched = items.filter((i) => i.assignedBy && before.has(itemKey(i))).map((i) => ({ cluster: clusterOf(i), before: before.get(itemKey(i)) ?? false, after: i.themeId === t.id }));
      return { ...base, movement: { kind: 'versions' as const, against: against.runId, againstVersion: against.version, continues: older ? { id: older.id, name: older.name } : null, ...versionMovement(matched, options) } };
    }
    return { ...base, movement: null };
  });
  const moved = (x: (typeof out)[number]) => Math.abs(x.movement?.meanDelta ?? 0);
  out.sort((x, y) => (options.rank === 'size' ? y.size - x.size : moved(y) - moved(x) || y.size - x.size) || (x.ref < y.ref ? -1 : 1));
  return {
    runId,
    rank: options.rank,
    models: modelNames,
    assigned: assignedCount,
    other: { size: sizes.get(null) ?? 0, share: assignedCount ? (sizes.get(null) ?? 0) / assignedCount : null },
    unit: THEME_SHARE_UNIT,
    movementUnit: options.rank === 'models' ? THEME_MOVEMENT_UNIT : options.rank === 'versions' ? VERSION_MOVEMENT_UNIT : null,
    items: out,
  };
}

/** A quote as compared for repetition: case and runs of whitespace do not make two quotes different. */
const quoteKey = (quote: string) => quote.toLowerCase().replace(/\s+/g, ' ').trim();

/** A theme with its members, representative verified quotes, share per model version, edits and lineage. */
export async function themeDetail(db: Db, themeId: string, options: BootstrapOptions) {
  const [t] = await db.select().from(themes).where(eq(themes.id, themeId));
  if (!t) throw new NotFound(`No theme ${themeId}`);
  const runView = await themeRunOrThrow(db, t.runId);
  const items = await runItems(db, t.runId);
  const members = items.filter((i) => i.themeId === t.id);
  const feedbackIds = members.flatMap((m) => (m.feedbackId ? [m.feedbackId] : []));
  const feedbackText = new Map<string, string>();
  for (let i = 0; i < feedbackIds.length; i += 500) {
    for (const r of await db.select({ id: feedbackItems.id, text: feedbackItems.text }).from(feedbackItems).where(inArray(feedbackItems.id, feedbackIds.slice(i, i + 500)))) feedbackText.set(r.id, r.text);
  }
  // Representative quotes: verified ones only, from the most confident members first, one per item, and no two
  // alike (two samples of one scenario often open with the same words: the second would only repeat the first).
  const seenQuotes = new Set<string>();
  const quotes = [...members]
    .sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0) || (a.id < b.id ? -1 : 1))
    .flatMap((m) => {
      const q = m.evidence.find((e) => e.verified && !seenQuotes.has(quoteKey(e.quote)));
      if (!q) return [];
      seenQuotes.add(quoteKey(q.quote));
      return [{ itemId: m.id, transcriptId: m.transcriptId, feedbackId: m.feedbackId, model: m.model, messageIndex: q.messageIndex, quote: q.quote }];
    })
    .slice(0, 8);
  const edits = await db.select().from(themeEdits).where(eq(themeEdits.runId, t.runId)).orderBy(asc(themeEdits.createdAt));
  const [previous] = t.previousThemeId
    ? await db.select({ id: themes.id, name: themes.name, runId: themes.runId, version: themeRuns.version }).from(themes).innerJoin(themeRuns, eq(themeRuns.id, themes.runId)).where(eq(themes.id, t.previousThemeId))
    : [];
  const next = await db.select({ id: themes.id, name: themes.name, runId: themes.runId, version: themeRuns.version }).from(themes).innerJoin(themeRuns, eq(themeRuns.id, themes.runId)).where(eq(themes.previousThemeId, t.id));
  const others = await db.select({ id: themes.id, ref: themes.ref, name: themes.name }).from(themes).where(and(eq(themes.runId, t.runId), eq(themes.status, 'active'))).orderBy(asc(themes.ref));
  return {
    theme: { id: t.id, ref: t.ref, name: t.name, description: t.description, inclusionCriteria: t.inclusionCriteria, origin: t.origin, curated: t.curated, status: t.status, mergedIntoId: t.mergedIntoId, previousThemeId: t.previousThemeId, updatedAt: new Date(t.updatedAt).toISOString() },
    run: { id: t.runId, version: runView.theme.version, description: runView.theme.description, phase: runView.theme.phase, model: runView.run.judgeModel, promptVersion: runView.theme.promptVersion },
    members: members.map((m) => ({ ...m, feedbackText: m.feedbackId ? (feedbackText.get(m.feedbackId) ?? null) : null })),
    quotes,
    byModel: sharesByModel(items.filter((i) => i.assignedBy).map((i) => ({ model: i.model, cluster: clusterOf(i), hit: i.themeId === t.id })), options),
    unit: THEME_SHARE_UNIT,
    edits: edits
      .filter((e) => e.themeId === t.id || JSON.stringify(e.details).includes(t.id))
      .map((e) => ({ id: e.id, kind: e.kind, themeId: e.themeId, details: e.details, userId: e.userId, createdAt: new Date(e.createdAt).toISOString() })),
    lineage: { previous: previous ?? null, next },
    otherThemes: others.filter((o) => o.id !== t.id),
  };
}

/** The items of a run that are "other" (assigned to no theme), with their notes: what the themes do not cover. */
export async function otherItems(db: Db, runId: string) {
  await themeRunOrThrow(db, runId);
  return (await runItems(db, runId)).filter((i) => i.assignedBy && i.themeId === null);
}

/** What moved between two versions of one selection: themes continued, new and gone, and the items that changed theme. */
export async function versionDiff(db: Db, runId: string, againstId: string | undefined) {
  const { theme: run } = await themeRunOrThrow(db, runId);
  const otherId = againstId ?? run.previousRunId;
  if (!otherId) throw new ValidationFailed('This is the first version of its selection: there is no version to compare with', [{ field: 'against', message: 'no earlier version' }]);
  const other = await themeRunOrThrow(db, otherId);
  if (other.theme.selectionKey !== run.selectionKey) throw new ValidationFailed('against must be a version of the same selection', [{ field: 'against', message: 'another selection' }]);
  const [nowThemes, thenThemes] = await Promise.all([db.select().from(themes).where(eq(themes.runId, runId)), db.select().from(themes).where(eq(themes.runId, otherId))]);
  const [nowItems, thenItems] = await Promise.all([runItems(db, runId), runItems(db, otherId)]);
  const older = other.theme.version < run.version;
  // Lineage points from the later version to the earlier: map each later theme to the earlier one it continues.
  const later = older ? nowThemes : thenThemes;
  const earlier = older ? thenThemes : nowThemes;
  const continuesOf = new Map(later.flatMap((t) => (t.previousThemeId && earlier.some((e) => e.id === t.previousThemeId) ? [[t.id, t.previousThemeId] as const] : [])));
  const counterpart = (id: string | null): string | null => {
    if (id === null) return null;
    if (older) return continuesOf.get(id) ?? null;
    for (const [l, e] of continuesOf) if (e === id) return l;
    return null;
  };
  const sizeOf = (list: ItemRow[]) => {
    const m = new Map<string, number>();
    for (const i of list) if (i.themeId) m.set(i.themeId, (m.get(i.themeId) ?? 0) + 1);
    return m;
  };
  const nowSize = sizeOf(nowItems);
  const thenSize = sizeOf(thenItems);
  const nameOf = (id: string | null, list: typeof nowThemes) => (id === null ? null : (list.find((t) => t.id === id)?.name ?? null));
  const thenByKey = new Map(thenItems.map((i) => [itemKey(i), i]));
  const moved = [];
  let same = 0;
  for (const i of nowItems) {
    const before = thenByKey.get(itemKey(i));
    if (!before || !i.assignedBy || !before.assignedBy) continue;
    const expected = counterpart(i.themeId);
    if ((i.themeId === null && before.themeId === null) || (expected !== null && expected === before.themeId)) {
      same++;
      continue;
    }
    moved.push({ ref: i.ref, transcriptId: i.transcriptId, feedbackId: i.feedbackId, model: i.model, note: i.note, from: before.themeId ? { id: before.themeId, name: nameOf(before.themeId, thenThemes) } : null, to: i.themeId ? { id: i.themeId, name: nameOf(i.themeId, nowThemes) } : null, assignedBy: i.assignedBy });
  }
  const nowKeys = new Set(nowItems.map(itemKey));
  const active = nowThemes.filter((t) => t.status === 'active');
  return {
    runId,
    version: run.version,
    against: { id: otherId, version: other.theme.version },
    themes: active.map((t) => {
      const c = counterpart(t.id);
      return { id: t.id, name: t.name, curated: t.curated, counterpart: c ? { id: c, name: nameOf(c, thenThemes) } : null, sizeNow: nowSize.get(t.id) ?? 0, sizeThen: c ? (thenSize.get(c) ?? 0) : 0 };
    }),
    gone: thenThemes.filter((t) => t.status === 'active' && !active.some((n) => counterpart(n.id) === t.id)).map((t) => ({ id: t.id, name: t.name, size: thenSize.get(t.id) ?? 0 })),
    itemsAdded: nowItems.filter((i) => !thenByKey.has(itemKey(i))).length,
    itemsRemoved: thenItems.filter((i) => !nowKeys.has(itemKey(i))).length,
    unchanged: same,
    movedCount: moved.length,
    moved: moved.slice(0, 500),
  };
}
