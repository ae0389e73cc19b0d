import type Anthropic from '@anthropic-ai/sdk';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { feedbackItems, judgeJobs, models, themeItems, themeRuns, type JudgeJobKind, type Json } from '../../db/schema/index.ts';
import type { Checked } from '../judge/judgment.ts';
import type { MessageCreateParams } from '../judge/prompt.ts';
import { loadTranscriptForJudge } from '../judge/runs.ts';
import { checkAssignments, checkDrafts, checkNote, checkThemes, type ThemeJobOutput } from './checks.ts';
import { parsePayload } from './payload.ts';
import { buildAssignRequest, buildDraftRequest, buildMapRequest, buildReduceRequest, type NoteText } from './prompts.ts';

export const THEME_JOB_KINDS = ['theme_map', 'theme_reduce', 'theme_assign', 'theme_draft'] as const;
export type ThemeJobKind = (typeof THEME_JOB_KINDS)[number];

export function isThemeJobKind(kind: JudgeJobKind): kind is ThemeJobKind {
  return kind === 'theme_map' || kind === 'theme_reduce' || kind === 'theme_assign' || kind === 'theme_draft';
}

export interface PreparedThemeJob {
  request: MessageCreateParams;
  check: (content: Anthropic.ContentBlock[]) => Checked<ThemeJobOutput>;
}

/** The notes of a run by ref, in the order asked for (notes are written once by map and never change). */
export async function notesByRef(db: Db, runId: string, refs: readonly string[]): Promise<NoteText[]> {
  const out = new Map<string, NoteText>();
  for (let i = 0; i < refs.length; i += 500) {
    const rows = await db
      .select({ ref: themeItems.ref, note: themeItems.note, nothingWrong: themeItems.nothingWrong })
      .from(themeItems)
      .where(and(eq(themeItems.runId, runId), inArray(themeItems.ref, refs.slice(i, i + 500))));
    for (const r of rows) out.set(r.ref, { ref: r.ref, note: r.note ?? '', nothingWrong: r.nothingWrong });
  }
  return refs.flatMap((r) => {
    const n = out.get(r);
    return n ? [n] : [];
  });
}

/**
 * A theme job's request and the check of its answer, rebuilt from its frozen payload and the immutable rows it
 * names (the transcript, the feedback text, the notes), so the worker, a batch and the audit view agree.
 */
export async function prepareThemeJob(db: Db, job: { runId: string; kind: JudgeJobKind; payload: Json | null }, model: string): Promise<PreparedThemeJob> {
  const payload = parsePayload(job.payload);
  if (payload.step === 'draft') {
    const request = buildDraftRequest(payload, model);
    return { request, check: (content) => checkDrafts(content, payload.n, payload.traits) };
  }
  const [run] = await db.select({ description: themeRuns.description }).from(themeRuns).where(eq(themeRuns.id, job.runId));
  if (!run) throw new Error(`theme run ${job.runId} is gone`);
  const selection = run.description;
  switch (payload.step) {
    case 'map': {
      const [item] = await db
        .select({ transcriptId: themeItems.transcriptId, feedbackId: themeItems.feedbackId, model: models.name })
        .from(themeItems)
        .leftJoin(models, eq(models.id, themeItems.modelId))
        .where(eq(themeItems.id, payload.itemId));
      if (!item) throw new Error(`theme item ${payload.itemId} is gone`);
      const transcript = item.transcriptId ? await loadTranscriptForJudge(db, item.transcriptId) : null;
      let feedback: string | null = null;
      if (item.feedbackId) {
        const [row] = await db.select({ text: feedbackItems.text, model: feedbackItems.model }).from(feedbackItems).where(eq(feedbackItems.id, item.feedbackId));
        feedback = row?.text ?? '';
      }
      const { request, messageTexts } = buildMapRequest({ transcript, feedback, model: item.model }, selection, model);
      return { request, check: (content) => checkNote(content, messageTexts, feedback) };
    }
    case 'reduce': {
      const notes = payload.noteRefs ? await notesByRef(db, job.runId, payload.noteRefs) : undefined;
      const request = buildReduceRequest({ ...(notes ? { notes } : {}), ...(payload.candidates ? { candidates: payload.candidates } : {}), existing: payload.existing }, selection, model);
      const existingRefs = payload.existing.map((t) => t.ref);
      return { request, check: (content) => checkThemes(content, existingRefs) };
    }
    case 'assign': {
      const notes = await notesByRef(db, job.runId, payload.noteRefs);
      const request = buildAssignRequest(notes, payload.themes, selection, model);
      const themeRefs = payload.themes.map((t) => t.ref);
      return { request, check: (content) => checkAssignments(content, payload.noteRefs, themeRefs) };
    }
  }
}

/** The jobs of a run of one kind, for the planner. */
export async function jobsOfKind(db: Db, runId: string, kind: ThemeJobKind) {
  return db.select().from(judgeJobs).where(and(eq(judgeJobs.runId, runId), eq(judgeJobs.kind, kind)));
}
