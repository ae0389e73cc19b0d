/**
 * How a score reads in the panel. A score is a number, a category, N/A with a reason, or a failure
 * (judge output that failed validation, or a judge call that failed); one outcome kind per case.
 */
export interface ScoreLike {
  id: string;
  status: string;
  value: number | null;
  category: string | null;
  naReason: string | null;
  supersedes: string | null;
}

export type ScoreOutcome =
  | { kind: 'value'; text: string }
  | { kind: 'category'; text: string }
  | { kind: 'na'; reason: string }
  | { kind: 'failed'; status: string; reason: string };

/** Up to two decimals, and no trailing zeros: judges average samples, people give whole numbers. */
export function formatScoreValue(value: number): string {
  return String(Math.round(value * 100) / 100);
}

export function scoreOutcome(score: ScoreLike): ScoreOutcome {
  if (score.status !== 'valid') return { kind: 'failed', status: score.status, reason: score.naReason ?? '' };
  if (score.value !== null) return { kind: 'value', text: formatScoreValue(score.value) };
  if (score.category !== null) return { kind: 'category', text: score.category };
  return { kind: 'na', reason: score.naReason ?? '' };
}

/** Ids of scores that a later row replaces (a human edit is a new row naming the one it supersedes). */
export function supersededIds(scores: readonly ScoreLike[]): Set<string> {
  const ids = new Set<string>();
  for (const s of scores) if (s.supersedes) ids.add(s.supersedes);
  return ids;
}

export function turnRangeLabel(start: number | null, end: number | null): string | null {
  if (start === null) return null;
  if (end === null || end === start) return `turn ${start}`;
  return `turns ${start}–${end}`;
}

const SOURCE_NOUNS: Record<string, string> = { judge: 'judge score', import: 'imported score', human: 'human label' };

export interface EvidenceTitleLike {
  source: string;
  value: number | null;
  category?: string | null;
  labeler?: string | null;
  turnStart: number | null;
  turnEnd: number | null;
}

/** A highlight's tooltip: which trait, whose score, what value on what scale, over which turns. */
export function evidenceTitle(traitShort: string, scale: string, score: EvidenceTitleLike): string {
  const noun = SOURCE_NOUNS[score.source] ?? `${score.source} score`;
  const by = score.source === 'human' && score.labeler ? ` by ${score.labeler}` : '';
  const value = score.value !== null ? formatScoreValue(score.value) : (score.category ?? 'N/A');
  const range = turnRangeLabel(score.turnStart, score.turnEnd);
  return `${traitShort} — ${noun}${by} ${value} (scale ${scale})${range ? `, ${range}` : ''}`;
}
