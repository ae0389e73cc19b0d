/**
 * How a trait value reads. The value itself and what it is the mean of (`basis`) come from the server's one
 * aggregation rule (server/aggregate/rule.ts); the web never recomputes them.
 */
import { formatScoreValue } from './scores.ts';

export interface TraitValueLike {
  value: number | null;
  category: string | null;
  spread: number | null;
  basis: string;
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

/** The value and, in words, what it is: "4 · mean of 3 judge samples (SD 1.00 across them)". */
export function valueLine(v: TraitValueLike): string {
  const shown = v.value !== null ? formatScoreValue(v.value) : (v.category ?? 'N/A');
  return `${shown} · ${v.basis}`;
}
