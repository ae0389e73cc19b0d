/**
 * The thinking dashboard's words and rows: shares as percents with their intervals, the length bins the server
 * made (log-spaced edges, an open last bin), the appropriateness 2×2 in the rubric's terms, and the rows the
 * tables and downloads hold. Pure: every number comes from GET /stats/thinking; nothing is recomputed.
 */
import type { ExportRow } from './export-rows.ts';

export interface ShareLike {
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  scenarios: number;
  reason?: string | undefined;
}

/** `37%`; one decimal under 10% so a small share is not rounded away; `—` without a value. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const pct = share * 100;
  if (pct > 0 && pct < 10) return `${Math.round(pct * 10) / 10}%`;
  return `${Math.round(pct)}%`;
}

/** `37% [21%, 52%] n=12`, or the reason it is missing. */
export function shareText(share: ShareLike): string {
  if (share.mean === null) return share.reason ?? 'no value';
  const ci = share.ciLow !== null && share.ciHigh !== null ? ` [${formatPercent(share.ciLow)}, ${formatPercent(share.ciHigh)}]` : ' (no CI)';
  return `${formatPercent(share.mean)}${ci} n=${share.scenarios}`;
}

/** A histogram bin of thinking lengths in characters: `100–299`, or `30,000+` for the open last one. */
export function lengthBinLabel(low: number, high: number | null): string {
  const n = (v: number) => v.toLocaleString('en-US');
  return high === null ? `${n(low)}+` : `${n(low)}–${n(high - 1)}`;
}

export type AppropriatenessCategory = 'thought-warranted' | 'thought-unneeded' | 'skipped-warranted' | 'skipped-fine';

/** The 2×2 laid out as the rubric reads it: rows are whether thinking was warranted, columns whether the model thought. */
export const APPROPRIATENESS_GRID: readonly { warranted: string; cells: readonly { thought: string; category: AppropriatenessCategory; good: boolean }[] }[] = [
  {
    warranted: 'Warranted',
    cells: [
      { thought: 'Thought', category: 'thought-warranted', good: true },
      { thought: 'Did not think', category: 'skipped-warranted', good: false },
    ],
  },
  {
    warranted: 'Not needed',
    cells: [
      { thought: 'Thought', category: 'thought-unneeded', good: false },
      { thought: 'Did not think', category: 'skipped-fine', good: true },
    ],
  },
];

/** One row per version and share, for the share table and its downloads. */
export function shareRows(items: readonly { model: string; assistantTurns: number; thoughtTurns: number; redactedTurns: number; interleavedBlocks: number; share: ShareLike }[]): ExportRow[] {
  return items.map((m) => ({
    version: m.model,
    share: m.share.mean,
    ciLow: m.share.ciLow,
    ciHigh: m.share.ciHigh,
    scenarios: m.share.scenarios,
    assistantTurns: m.assistantTurns,
    thoughtTurns: m.thoughtTurns,
    redactedTurns: m.redactedTurns,
    interleavedBlocks: m.interleavedBlocks,
  }));
}

/** A bin's lower edge in little room, under its bar: `300`, `1k`, `30k+` (the tooltip says the range). */
export function lengthBinShort(low: number, high: number | null): string {
  const edge = low >= 1000 ? `${low / 1000}k` : String(low);
  return high === null ? `${edge}+` : edge;
}

/** The share of each length bin among a version's messages with thinking text. */
export function lengthBinShares(bins: readonly { low: number; high: number | null; count: number }[]): { label: string; short: string; count: number; share: number }[] {
  const total = bins.reduce((n, b) => n + b.count, 0);
  return bins.map((b) => ({ label: lengthBinLabel(b.low, b.high), short: lengthBinShort(b.low, b.high), count: b.count, share: total ? b.count / total : 0 }));
}
