import { formatP } from './stat-format.ts';

/**
 * Whether a version is better or worse than the baseline on a trait. A colour is a claim, so it is made only
 * where the numbers carry it: the paired 95% CI of the delta (GET /stats/compare/traits, bootstrap over shared
 * scenarios) excludes 0 *and* the Holm-adjusted p across the traits compared is below 0.05 — the CI alone is
 * not corrected for looking at many traits at once. Which way is better comes from the trait's polarity.
 */

export type Polarity = 'higher_is_better' | 'lower_is_better' | 'neutral';

/** better / worse: a clear difference with a direction; changed: clear, but the trait has no better side. */
export type Tone = 'better' | 'worse' | 'changed' | 'unclear' | 'untested';

export interface PairedLike {
  meanDelta: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pHolm?: number | null | undefined;
  reason?: string | undefined;
}

export const SIGNIFICANCE = 0.05;

function p(n: number): string {
  const text = formatP(n);
  return text.startsWith('<') ? text : `= ${text}`;
}

export function comparisonTone(c: PairedLike | undefined, polarity: Polarity): { tone: Tone; why: string } {
  if (!c || c.meanDelta === null || c.ciLow === null || c.ciHigh === null) return { tone: 'untested', why: c?.reason ?? 'no paired interval (no shared scenarios with values)' };
  if (c.ciLow <= 0 && c.ciHigh >= 0) return { tone: 'unclear', why: 'the paired 95% CI of the delta includes 0' };
  if (c.pHolm === null || c.pHolm === undefined) return { tone: 'unclear', why: 'the CI excludes 0, but there is no p-value to correct for the number of traits' };
  if (c.pHolm >= SIGNIFICANCE) return { tone: 'unclear', why: `the CI excludes 0, but the Holm-adjusted p ${p(c.pHolm)} is not below ${SIGNIFICANCE}` };
  const why = `paired 95% CI excludes 0, Holm-adjusted p ${p(c.pHolm)}`;
  if (polarity === 'neutral') return { tone: 'changed', why: `${why}; the trait has no better direction` };
  const up = c.meanDelta > 0;
  return { tone: (polarity === 'higher_is_better') === up ? 'better' : 'worse', why };
}

/** What a tone says in words, beside its colour (colour is never the only cue). */
export const TONE_WORDS: Record<Tone, string> = {
  better: 'better than baseline',
  worse: 'worse than baseline',
  changed: 'different (no better direction)',
  unclear: 'no clear difference',
  untested: 'not compared',
};

/** The word a cell carries beside its colour; arrows would read as "the value went up". */
export const TONE_BADGES: Record<Tone, string> = { better: 'better', worse: 'worse', changed: 'changed', unclear: '', untested: '' };
