/**
 * One line per trait and source for a transcript: what a trait table shows. Whole-transcript scores are
 * reduced to the latest per judge sample (a human edit supersedes), then to the mean and spread across
 * samples; turn-range scores (Spiral-Bench chunks) to their mean over the ranges, as the list API does.
 */
import { formatScoreValue } from './scores.ts';

export interface SummaryScoreLike {
  id: string;
  trait: string;
  traitTitle: string;
  polarity: string;
  source: string;
  status: string;
  value: number | null;
  category: string | null;
  turnStart: number | null;
  sampleIndex: number;
  supersedes: string | null;
  createdAt: string;
}

export interface TraitSummary {
  trait: string;
  title: string;
  polarity: string;
  source: string;
  kind: 'whole' | 'ranges';
  /** Mean of the numeric values, or null when there are none (categories only, or N/A). */
  mean: number | null;
  n: number;
  min: number | null;
  max: number | null;
  /** Sample standard deviation (n − 1), null for fewer than two values. */
  sd: number | null;
  /** The latest category, for categorical traits. */
  category: string | null;
}

export function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

export function sampleSd(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

export function summarizeScores(scores: readonly SummaryScoreLike[]): TraitSummary[] {
  const superseded = new Set(scores.map((s) => s.supersedes).filter((id): id is string => id !== null));
  const groups = new Map<string, SummaryScoreLike[]>();
  for (const s of scores) {
    if (s.status !== 'valid' || superseded.has(s.id)) continue;
    const key = `${s.trait}\u0000${s.source}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const out: TraitSummary[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const ranges = group.filter((s) => s.turnStart !== null);
    const kind = ranges.length > 0 && ranges.length === group.length ? 'ranges' : 'whole';
    let counted: SummaryScoreLike[];
    if (kind === 'ranges') counted = ranges;
    else {
      // Latest per sample index.
      const latest = new Map<number, SummaryScoreLike>();
      for (const s of group.filter((x) => x.turnStart === null)) {
        const seen = latest.get(s.sampleIndex);
        if (!seen || s.createdAt >= seen.createdAt) latest.set(s.sampleIndex, s);
      }
      counted = [...latest.values()];
    }
    const values = counted.map((s) => s.value).filter((v): v is number => v !== null);
    const categories = [...counted].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((s) => s.category).filter((c): c is string => c !== null);
    out.push({
      trait: first.trait,
      title: first.traitTitle,
      polarity: first.polarity,
      source: first.source,
      kind,
      mean: mean(values),
      n: counted.length,
      min: values.length ? Math.min(...values) : null,
      max: values.length ? Math.max(...values) : null,
      sd: sampleSd(values),
      category: categories.at(-1) ?? null,
    });
  }
  return out.sort((a, b) => a.trait.localeCompare(b.trait) || a.source.localeCompare(b.source));
}

/** `b − a`, signed, for a trait table's delta column; null when either side has no number. */
export function delta(a: number | null | undefined, b: number | null | undefined): number | null {
  return a === null || a === undefined || b === null || b === undefined ? null : b - a;
}

/** Whether a change in this direction is an improvement for a trait of this polarity. */
export function deltaTone(change: number | null, polarity: string): 'better' | 'worse' | 'neutral' {
  if (change === null || change === 0 || polarity === 'neutral') return 'neutral';
  const up = change > 0;
  return (polarity === 'higher_is_better') === up ? 'better' : 'worse';
}

/** How a summary reads in one line: its mean, and how many scores (turn ranges or samples) it stands for, with their spread. */
export function summaryLine(s: TraitSummary): string {
  if (s.mean === null) return s.category ?? 'no value';
  const unit = s.kind === 'ranges' ? (s.n === 1 ? 'turn range' : 'turn ranges') : s.n === 1 ? 'sample' : 'samples';
  if (s.n === 1) return formatScoreValue(s.mean);
  const spread = s.sd !== null ? ` ± ${formatScoreValue(s.sd)}` : '';
  // Word joiners keep "0–5" on one line.
  const range = s.min !== null && s.max !== null && s.min !== s.max ? `, ${formatScoreValue(s.min)}\u2060–\u2060${formatScoreValue(s.max)}` : '';
  return `mean ${formatScoreValue(s.mean)}${spread} over ${s.n} ${unit}${range}`;
}
