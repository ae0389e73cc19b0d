/**
 * A judge run's progress as the run page shows it: parsing the server-sent `progress` events, the
 * segments of the progress bar, and which statuses are final. Pure, so it is tested without a browser.
 */

import type { FINAL_RUN_STATUSES, RunCounts, RunView } from '../../../server/judge/run-view.ts';

export type { RunCounts };
export type RunTokens = RunView['tokens'];

/** What each `progress` (and the final `end`) event of `GET /api/v1/judge/runs/:id/events` carries. */
export type RunProgress = Pick<RunView, 'counts' | 'costUsd' | 'tokens' | 'jobCount'> & { status: string };

/** The server's final run statuses; `paused` and `budget_exhausted` can resume. */
export const FINAL_STATUSES: readonly string[] = ['done', 'cancelled'] satisfies (typeof FINAL_RUN_STATUSES)[number][];

export function isFinalStatus(status: string): boolean {
  return FINAL_STATUSES.includes(status);
}

/**
 * Nothing more will change: a final status and no job still open. A run cancelled with requests in flight
 * is final at once, but those requests are paid for and still recorded, so the page keeps following it.
 */
export function isSettled(progress: Pick<RunProgress, 'status' | 'counts'>): boolean {
  return isFinalStatus(progress.status) && progress.counts.pending === 0;
}

export const STATUS_LABEL: Readonly<Record<string, string>> = {
  running: 'running',
  paused: 'paused',
  budget_exhausted: 'budget reached',
  cancelled: 'cancelled',
  done: 'done',
};

export function statusLabel(status: string): string {
  return STATUS_LABEL[status] ?? status;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(record: Record<string, unknown>, key: string): number | null {
  const v = record[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The payload of a progress event, or null when it is not one (a stream from another server version, a proxy's noise). */
export function parseProgressEvent(data: string): RunProgress | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  return asProgress(value);
}

/** A run view (or event payload) narrowed to the fields progress needs. */
export function asProgress(value: unknown): RunProgress | null {
  if (!isRecord(value) || typeof value['status'] !== 'string') return null;
  const c = value['counts'];
  const t = value['tokens'];
  if (!isRecord(c) || !isRecord(t)) return null;
  const counts = { pending: num(c, 'pending'), done: num(c, 'done'), failed: num(c, 'failed'), invalid: num(c, 'invalid'), cancelled: num(c, 'cancelled') ?? 0 };
  const tokens = { input: num(t, 'input'), output: num(t, 'output'), cacheWrite: num(t, 'cacheWrite'), cacheRead: num(t, 'cacheRead'), cacheReadShare: num(t, 'cacheReadShare') ?? 0 };
  const costUsd = num(value, 'costUsd');
  const jobCount = num(value, 'jobCount');
  if (counts.pending === null || counts.done === null || counts.failed === null || counts.invalid === null) return null;
  if (tokens.input === null || tokens.output === null || tokens.cacheWrite === null || tokens.cacheRead === null || costUsd === null) return null;
  const total = counts.pending + counts.done + counts.failed + counts.invalid + counts.cancelled;
  return {
    status: value['status'],
    counts: { pending: counts.pending, done: counts.done, failed: counts.failed, invalid: counts.invalid, cancelled: counts.cancelled },
    tokens: { input: tokens.input, output: tokens.output, cacheWrite: tokens.cacheWrite, cacheRead: tokens.cacheRead, cacheReadShare: tokens.cacheReadShare },
    costUsd,
    jobCount: jobCount ?? total,
  };
}

export type SegmentKind = 'done' | 'invalid' | 'failed' | 'cancelled' | 'pending';

export interface Segment {
  kind: SegmentKind;
  count: number;
  /** Width in percent of the bar; the segments add up to 100 (or 0 for a run without jobs). */
  percent: number;
}

const ORDER: readonly SegmentKind[] = ['done', 'invalid', 'failed', 'cancelled', 'pending'];

/**
 * The bar's segments in a fixed order, finished work first. Widths are rounded to a tenth of a percent
 * with the remainder given to the largest segment, so they always add up to exactly 100.
 */
export function progressSegments(counts: RunCounts, jobCount?: number): Segment[] {
  const total = Math.max(jobCount ?? 0, ORDER.reduce((n, k) => n + counts[k], 0));
  if (total === 0) return ORDER.map((kind) => ({ kind, count: 0, percent: 0 }));
  // Jobs the counts do not account for (rows still being written) are shown as pending.
  const withRest = { ...counts, pending: counts.pending + (total - ORDER.reduce((n, k) => n + counts[k], 0)) };
  const segments = ORDER.map((kind) => ({ kind, count: withRest[kind], percent: Math.round((withRest[kind] / total) * 1000) / 10 }));
  const sum = segments.reduce((n, s) => n + s.percent, 0);
  const largest = segments.reduce((a, b) => (b.count > a.count ? b : a));
  largest.percent = Math.round((largest.percent + 100 - sum) * 10) / 10;
  return segments;
}

/** Jobs with a final outcome (done, invalid, failed or cancelled), and the share of all jobs they are. */
export function finishedJobs(counts: RunCounts, jobCount?: number): { finished: number; total: number; share: number } {
  const finished = counts.done + counts.invalid + counts.failed + counts.cancelled;
  const total = Math.max(jobCount ?? 0, finished + counts.pending);
  return { finished, total, share: total ? finished / total : 0 };
}

/** Cost as a share of the budget (can pass 1: jobs in flight when the budget was reached still get paid). */
export function budgetShare(costUsd: number, budgetUsd: number): number {
  return budgetUsd > 0 ? costUsd / budgetUsd : 0;
}

/** Prompt tokens of a run, all kinds: fresh input, cache writes and cache reads. */
export function promptTokens(tokens: Pick<RunTokens, 'input' | 'cacheWrite' | 'cacheRead'>): number {
  return tokens.input + tokens.cacheWrite + tokens.cacheRead;
}
