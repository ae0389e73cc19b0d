import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { judgeJobs, judgeRuns, themeDrafts, themeItems, themeRuns, themes, type JudgeJobKind, type Json } from '../../db/schema/index.ts';
import { jobKey } from '../judge/runs.ts';
import type { CandidateTheme, ThemeJobOutput } from './checks.ts';
import { parsePayload, payloadJson, reduceResult, type Candidate, type ExistingTheme, type ReduceResult, type ThemePayload } from './payload.ts';
import { noteLine } from './prompts.ts';

/**
 * The phases of a theme run, driven by the judge's job machinery: when the last open job of a phase is
 * recorded, `finishRunIfDone` (judge/store.ts) calls `advanceThemeRun` in the same transaction, which plans the
 * next phase's jobs from what is stored — map notes → reduce rounds → assign chunks → done. Nothing is held in
 * memory, so a restart continues where the rows say.
 */

/** Reduce rounds before the last one takes whatever is left, so a run always ends. */
const MAX_REDUCE_ROUNDS = 5;

type JobLike = { id: string; runId: string; payload: unknown };

/** Writes what a theme job's checked answer means, in the transaction that marks the job done. */
export async function recordThemeOutput(tx: Tx, job: JobLike & { payload: Parameters<typeof parsePayload>[0] }, output: ThemeJobOutput, now: number): Promise<void> {
  const payload = parsePayload(job.payload);
  if (output.step === 'map' && payload.step === 'map') {
    await tx
      .update(themeItems)
      .set({ note: output.note, nothingWrong: output.nothingWrong, evidence: output.evidence, noteStatus: 'done' })
      .where(eq(themeItems.id, payload.itemId));
  } else if (output.step === 'reduce' && payload.step === 'reduce') {
    await tx.update(judgeJobs).set({ result: payloadJsonOf(output.themes) }).where(eq(judgeJobs.id, job.id));
    if (payload.final) await createThemes(tx, job.runId, output.themes, payload.existing, now);
  } else if (output.step === 'assign' && payload.step === 'assign') {
    const rows = await tx.select({ id: themes.id, ref: themes.ref }).from(themes).where(eq(themes.runId, job.runId));
    const idByRef = new Map(rows.map((r) => [r.ref, r.id]));
    for (const a of output.assignments) {
      // A researcher's move made while assign ran is theirs to keep.
      await tx
        .update(themeItems)
        .set({ themeId: a.theme === null ? null : (idByRef.get(a.theme) ?? null), confidence: a.confidence, assignedBy: 'claude', assignedAt: now })
        .where(and(eq(themeItems.runId, job.runId), eq(themeItems.ref, a.ref), isNull(themeItems.assignedBy)));
    }
  } else if (output.step === 'draft' && payload.step === 'draft') {
    const slug = payload.theme.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'theme';
    const rows = output.scenarios.map((s) => {
      const id = newId();
      return {
        id,
        themeId: payload.themeId,
        draftRunId: job.runId,
        scenarioKey: `theme:${slug}:${id.slice(-8)}`,
        title: s.title,
        systemPrompt: s.systemPrompt,
        userTurns: s.userTurns,
        goodResponse: s.goodResponse,
        failureLooksLike: s.failureLooksLike,
        trait: s.trait,
        rubric: s.rubric,
        failThreshold: s.failThreshold,
        createdAt: now,
        updatedAt: now,
      };
    });
    if (rows.length) await tx.insert(themeDrafts).values(rows);
  } else {
    throw new Error(`job ${job.id}: a ${output.step} answer for a ${payload.step} job`);
  }
}

/** An answer still invalid after the repair turn: a map item keeps no note (it is assigned "other" by the system). */
export async function recordThemeInvalid(tx: Tx, job: JobLike & { payload: Parameters<typeof parsePayload>[0] }, _error: string): Promise<void> {
  const payload = parsePayload(job.payload);
  if (payload.step === 'map') await tx.update(themeItems).set({ noteStatus: 'invalid' }).where(eq(themeItems.id, payload.itemId));
}

/** A reduce chunk's themes, kept on its job as the candidates of the next round. */
function payloadJsonOf(themesOut: CandidateTheme[]): Json {
  const result: ReduceResult = { candidates: themesOut.map((t, i) => ({ ref: `C${i + 1}`, name: t.name, description: t.description, inclusionCriteria: t.inclusionCriteria, notes: t.sources.length })) };
  const json: Json = JSON.parse(JSON.stringify(result));
  return json;
}

/** The run's themes from the final reduce answer; researcher-curated themes of the version before keep their wording. */
async function createThemes(tx: Tx, runId: string, candidates: CandidateTheme[], existing: ExistingTheme[], now: number) {
  const byRef = new Map(existing.map((e) => [e.ref, e]));
  const continued = new Set<string>();
  const rows: (typeof themes.$inferInsert)[] = candidates.map((c, i) => {
    const prev = c.continues ? byRef.get(c.continues) : undefined;
    if (prev) continued.add(prev.ref);
    const wording = prev?.curated ? { name: prev.name, description: prev.description, inclusionCriteria: prev.inclusionCriteria } : { name: c.name, description: c.description, inclusionCriteria: c.inclusionCriteria };
    return { id: newId(), runId, ref: `T${i + 1}`, ...wording, origin: 'claude', curated: prev?.curated ?? false, previousThemeId: prev?.id ?? null, createdAt: now, updatedAt: now };
  });
  // A curated theme Claude did not continue is carried over anyway: a researcher's theme never vanishes unseen.
  for (const e of existing) {
    if (!e.curated || continued.has(e.ref)) continue;
    rows.push({ id: newId(), runId, ref: `T${rows.length + 1}`, name: e.name, description: e.description, inclusionCriteria: e.inclusionCriteria, origin: 'carried', curated: true, previousThemeId: e.id, createdAt: now, updatedAt: now });
  }
  await tx.insert(themes).values(rows);
}

/** The active themes of a run as prompts show them. */
export async function themeTexts(tx: Pick<Tx, 'select'>, runId: string) {
  return tx
    .select({ id: themes.id, ref: themes.ref, name: themes.name, description: themes.description, inclusionCriteria: themes.inclusionCriteria, curated: themes.curated })
    .from(themes)
    .where(and(eq(themes.runId, runId), eq(themes.status, 'active')))
    .orderBy(asc(themes.createdAt), asc(themes.ref));
}

async function insertJobs(tx: Tx, runId: string, kind: JudgeJobKind, payloads: ThemePayload[], now: number, keyOf: (p: ThemePayload, i: number) => (string | number)[]) {
  const rows = payloads.map((p, i) => {
    const key = jobKey([runId, kind, ...keyOf(p, i)]);
    return { id: newId(), runId, key, customId: key, kind, payload: payloadJson(p), status: 'pending' as const, createdAt: now, updatedAt: now };
  });
  for (let i = 0; i < rows.length; i += 200) await tx.insert(judgeJobs).values(rows.slice(i, i + 200));
  const [count] = await tx.select({ n: sql<number>`count(*)` }).from(judgeJobs).where(eq(judgeJobs.runId, runId));
  return Number(count?.n ?? 0);
}

/** Splits texts into chunks of at most `maxChars` (a text longer than that is a chunk of its own). */
export function chunkByChars<T>(items: readonly T[], size: (item: T) => number, maxChars: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let chars = 0;
  for (const item of items) {
    const n = size(item);
    if (current.length && chars + n > maxChars) {
      chunks.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += n;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

async function setRunError(tx: Tx, runId: string, error: string, now: number) {
  await tx.update(judgeRuns).set({ error, updatedAt: now }).where(eq(judgeRuns.id, runId));
}

/** The themes of the version before, as the final reduce round is shown them (merged ones are gone). */
async function existingThemes(tx: Tx, previousRunId: string | null): Promise<ExistingTheme[]> {
  if (!previousRunId) return [];
  const rows = await themeTexts(tx, previousRunId);
  return rows.map((r, i) => ({ id: r.id, ref: `P${i + 1}`, name: r.name, description: r.description, inclusionCriteria: r.inclusionCriteria, curated: r.curated }));
}

/**
 * Plans the next phase of a theme run whose open jobs are all final. Returns true when it planned jobs (the
 * run goes on), false when the run is finished (its status is then set by the caller).
 */
export async function advanceThemeRun(tx: Tx, runId: string, now: number): Promise<boolean> {
  const [run] = await tx.select().from(themeRuns).where(eq(themeRuns.id, runId));
  if (!run) return false;
  const { reduceChunkChars, assignBatchSize } = run.settings;
  const items = await tx
    .select({ id: themeItems.id, ref: themeItems.ref, note: themeItems.note, noteStatus: themeItems.noteStatus, nothingWrong: themeItems.nothingWrong, transcriptId: themeItems.transcriptId, feedbackId: themeItems.feedbackId, assignedBy: themeItems.assignedBy })
    .from(themeItems)
    .where(eq(themeItems.runId, runId))
    .orderBy(asc(themeItems.id));

  const planReduce = async (round: number, input: { noteRefs: string[]; sizes: number[] } | { candidates: Candidate[] }) => {
    const forced = round >= MAX_REDUCE_ROUNDS;
    const split = <T>(units: T[], size: (u: T) => number) => (forced ? [units] : chunkByChars(units, size, reduceChunkChars));
    const chunks: ({ noteRefs: string[] } | { candidates: Candidate[] })[] =
      'noteRefs' in input
        ? split(input.noteRefs.map((ref, i) => ({ ref, size: input.sizes[i] ?? 0 })), (u) => u.size).map((c) => ({ noteRefs: c.map((u) => u.ref) }))
        : split(input.candidates, (c) => c.name.length + c.description.length + c.inclusionCriteria.length + 80).map((c) => ({ candidates: c }));
    const final = chunks.length === 1;
    const existing = final ? await existingThemes(tx, run.previousRunId) : [];
    const payloads: ThemePayload[] = chunks.map((chunk, i) => ({ step: 'reduce', round, chunk: i, final, existing, ...chunk }));
    const jobCount = await insertJobs(tx, runId, 'theme_reduce', payloads, now, (p) => (p.step === 'reduce' ? [p.round, p.chunk] : []));
    await tx.update(themeRuns).set({ phase: 'reduce', reduceRound: round - 1 }).where(eq(themeRuns.id, runId));
    await tx.update(judgeRuns).set({ jobCount: jobCount + Math.ceil(items.length / assignBatchSize), updatedAt: now }).where(eq(judgeRuns.id, runId));
    return true;
  };

  const finish = async () => {
    // Every item ends with exactly one assignment: those without one (no note, or an assign chunk that failed) are "other".
    await tx.update(themeItems).set({ themeId: null, confidence: null, assignedBy: 'system', assignedAt: now }).where(and(eq(themeItems.runId, runId), isNull(themeItems.assignedBy)));
    await tx.update(themeRuns).set({ phase: 'done' }).where(eq(themeRuns.id, runId));
    return false;
  };

  if (run.phase === 'map') {
    await tx.update(themeItems).set({ noteStatus: 'failed' }).where(and(eq(themeItems.runId, runId), eq(themeItems.noteStatus, 'pending')));
    const notes = items.filter((i) => i.noteStatus === 'done' && !i.nothingWrong && i.note);
    const unusable = items.filter((i) => i.noteStatus !== 'done').length;
    if (unusable) await setRunError(tx, runId, `${unusable} of ${items.length} items have no note (invalid or failed); they are "other"`, now);
    if (!notes.length) {
      await setRunError(tx, runId, 'No item has a note of something that went wrong: there is nothing to group into themes', now);
      return finish();
    }
    return planReduce(1, { noteRefs: notes.map((n) => n.ref), sizes: notes.map((n) => noteLine({ ref: n.ref, note: n.note ?? '', nothingWrong: false }).length) });
  }

  if (run.phase === 'reduce') {
    const round = run.reduceRound + 1;
    const jobs = (await tx.select({ id: judgeJobs.id, status: judgeJobs.status, payload: judgeJobs.payload, result: judgeJobs.result }).from(judgeJobs).where(and(eq(judgeJobs.runId, runId), eq(judgeJobs.kind, 'theme_reduce'))))
      .map((j) => ({ ...j, p: parsePayload(j.payload) }))
      .filter((j) => j.p.step === 'reduce' && j.p.round === round);
    const final = jobs.some((j) => j.p.step === 'reduce' && j.p.final);
    if (final) {
      if (!jobs.every((j) => j.status === 'done')) {
        await setRunError(tx, runId, 'The final reduce request gave no valid themes (see its job); resume with retryFailed to try it again', now);
        return false;
      }
      return planAssign(tx, run, items, now);
    }
    const candidates: Candidate[] = [];
    for (const j of jobs) {
      if (j.status !== 'done') continue;
      const parsed = reduceResult.safeParse(j.result);
      if (!parsed.success) continue;
      for (const c of parsed.data.candidates) candidates.push({ ...c, ref: `C${candidates.length + 1}` });
    }
    const lost = jobs.filter((j) => j.status !== 'done').length;
    if (lost) await setRunError(tx, runId, `${lost} of ${jobs.length} reduce chunks of round ${round} gave no themes; their notes are still assigned`, now);
    if (!candidates.length) {
      await setRunError(tx, runId, `No reduce chunk of round ${round} gave themes; resume with retryFailed to try again`, now);
      return false;
    }
    return planReduce(round + 1, { candidates });
  }

  if (run.phase === 'assign') return finish();
  return false;
}

type ItemRow = { id: string; ref: string; noteStatus: string; transcriptId: string | null; feedbackId: string | null; assignedBy: string | null };

async function planAssign(tx: Tx, run: typeof themeRuns.$inferSelect, items: ItemRow[], now: number): Promise<boolean> {
  const runId = run.id;
  const current = await themeTexts(tx, runId);
  // Researcher moves of the version before are kept: the item goes to the theme that continues the one it was moved to.
  if (run.previousRunId) {
    const moved = await tx
      .select({ transcriptId: themeItems.transcriptId, feedbackId: themeItems.feedbackId, themeId: themeItems.themeId })
      .from(themeItems)
      .where(and(eq(themeItems.runId, run.previousRunId), eq(themeItems.assignedBy, 'researcher')));
    const next = new Map<string, string>();
    const rows = await tx.select({ id: themes.id, previousThemeId: themes.previousThemeId }).from(themes).where(eq(themes.runId, runId));
    for (const r of rows) if (r.previousThemeId) next.set(r.previousThemeId, r.id);
    const byTranscript = new Map(items.filter((i) => i.transcriptId).map((i) => [i.transcriptId, i]));
    const byFeedback = new Map(items.filter((i) => i.feedbackId).map((i) => [i.feedbackId, i]));
    for (const m of moved) {
      const item = (m.transcriptId ? byTranscript.get(m.transcriptId) : undefined) ?? (m.feedbackId ? byFeedback.get(m.feedbackId) : undefined);
      if (!item) continue;
      const themeId = m.themeId === null ? null : next.get(m.themeId);
      if (themeId === undefined) continue;
      await tx.update(themeItems).set({ themeId, confidence: null, assignedBy: 'researcher', assignedAt: now }).where(eq(themeItems.id, item.id));
      item.assignedBy = 'researcher';
    }
  }
  const toAssign = items.filter((i) => i.noteStatus === 'done' && i.assignedBy === null);
  const themeList = current.map((t) => ({ ref: t.ref, name: t.name, description: t.description, inclusionCriteria: t.inclusionCriteria }));
  const batch = run.settings.assignBatchSize;
  const payloads: ThemePayload[] = [];
  for (let i = 0; i < toAssign.length; i += batch) payloads.push({ step: 'assign', themes: themeList, noteRefs: toAssign.slice(i, i + batch).map((t) => t.ref) });
  await tx.update(themeRuns).set({ phase: 'assign', reduceRound: run.reduceRound + 1 }).where(eq(themeRuns.id, runId));
  if (!payloads.length) {
    await tx.update(themeItems).set({ themeId: null, assignedBy: 'system', assignedAt: now }).where(and(eq(themeItems.runId, runId), isNull(themeItems.assignedBy)));
    await tx.update(themeRuns).set({ phase: 'done' }).where(eq(themeRuns.id, runId));
    return false;
  }
  const jobCount = await insertJobs(tx, runId, 'theme_assign', payloads, now, (_p, i) => [i]);
  await tx.update(judgeRuns).set({ jobCount, updatedAt: now }).where(eq(judgeRuns.id, runId));
  return true;
}

/** Ids of the items of a run that belong to a theme's row or are in the given list, for edits. */
export async function itemsOf(tx: Pick<Tx, 'select'>, runId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return tx.select().from(themeItems).where(and(eq(themeItems.runId, runId), inArray(themeItems.id, [...ids])));
}
