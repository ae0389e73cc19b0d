import { compareHref } from './compare-links.ts';
import { formatCount } from './format.ts';

/**
 * Pairwise verdicts (`GET /api/v1/comparisons`) as the reader and the scenario page show them: one sentence
 * per verdict, told from the transcript being read, or on a scenario page from the side that won.
 */

export interface VerdictSide {
  transcriptId: string;
  model: string;
  sample: number;
}

/** The fields of a verdict read here: the API's `Comparison`. */
export interface VerdictLike {
  id: string;
  trait: string;
  traitTitle: string;
  source: 'judge' | 'human' | 'import';
  a: VerdictSide;
  b: VerdictSide;
  winner: 'a' | 'b' | 'tie';
  /** `ab`: a was shown first; `unknown`: the source does not record the order. */
  shownOrder: 'ab' | 'ba' | 'unknown';
  rationale: string | null;
  labeler: string | null;
  judgeRunId: string | null;
}

/** How the verdict went for the side the sentence starts from. */
export type VerdictOutcome = 'won' | 'lost' | 'tie';

export interface VerdictRow {
  id: string;
  trait: string;
  traitTitle: string;
  source: VerdictLike['source'];
  /** The side the sentence starts from: the transcript being read, else the winner (a, for a tie). */
  lead: VerdictSide;
  other: VerdictSide;
  outcome: VerdictOutcome;
  /** Which side the rater saw first, in words; empty when the source does not record it. */
  order: string;
  /** Who gave the verdict (`judge-x/pair-v2`, `hh-rlhf crowdworker`), or '' when the data does not say. */
  labeler: string;
  compareHref: string;
  rationale: string | null;
  judgeRunId: string | null;
}

/** `· sample 0`, the part of a side's label that should not break across lines. */
export function sampleLabel(side: VerdictSide): string {
  return `· sample ${side.sample}`;
}

/** `aurora-1.1 · sample 0`: the model alone is ambiguous when both sides are one model (hh-rlhf's pairs). */
export function sideLabel(side: VerdictSide): string {
  return `${side.model} ${sampleLabel(side)}`;
}

const RELATION: Record<VerdictOutcome, string> = { won: 'won over', lost: 'lost to', tie: 'tied with' };

/** `won over`, or `Won over` where it starts the sentence (the reader leaves out "this transcript"). */
export function relationText(outcome: VerdictOutcome, startsSentence = false): string {
  const words = RELATION[outcome];
  return startsSentence ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}

/** One verdict told from `self` (a transcript id) when it is one of the sides, else from the winner's side. */
export function verdictRow(c: VerdictLike, self?: string): VerdictRow {
  const selfSide = self === c.a.transcriptId ? 'a' : self === c.b.transcriptId ? 'b' : null;
  const leadSide = selfSide ?? (c.winner === 'b' ? 'b' : 'a');
  const lead = leadSide === 'a' ? c.a : c.b;
  const other = leadSide === 'a' ? c.b : c.a;
  const outcome: VerdictOutcome = c.winner === 'tie' ? 'tie' : c.winner === leadSide ? 'won' : 'lost';
  const leadFirst = (c.shownOrder === 'ab') === (leadSide === 'a');
  const order = c.shownOrder === 'unknown' ? '' : selfSide ? (leadFirst ? 'shown first' : 'shown second') : `${sideLabel(leadFirst ? lead : other)} shown first`;
  return {
    id: c.id,
    trait: c.trait,
    traitTitle: c.traitTitle,
    source: c.source,
    lead,
    other,
    outcome,
    order,
    labeler: c.labeler ?? '',
    compareHref: compareHref([c.a.transcriptId, c.b.transcriptId]),
    rationale: c.rationale && c.rationale.trim() !== '' ? c.rationale : null,
    judgeRunId: c.judgeRunId,
  };
}

/** `3 verdicts`, or `50 verdicts so far` while more pages wait on the server. */
export function verdictCount(loaded: number, more: boolean): string {
  return `${formatCount(loaded, 'verdict', 'verdicts')}${more ? ' so far' : ''}`;
}
