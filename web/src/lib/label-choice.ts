import type { LabelRequest, QueueTrait } from '../api/labeling.ts';
import type { KeptEvidence } from './label-evidence.ts';

/** What the labeler has chosen for the current trait, before Enter sends it. */
export type Choice = { kind: 'value'; value: number | string } | { kind: 'na' } | { kind: 'winner'; winner: Winner };

export type Winner = 'first' | 'second' | 'tie';

export const WINNER_KEYS: Readonly<Record<string, Winner>> = { a: 'first', b: 'second', t: 'tie' };

export function winnerLabel(winner: Winner): string {
  return winner === 'first' ? 'First' : winner === 'second' ? 'Second' : 'Tie';
}

/** The choice in words: `3`, `N/A`, `First is better`, `Tie`. */
export function choiceText(choice: Choice): string {
  if (choice.kind === 'na') return 'N/A';
  if (choice.kind === 'value') return String(choice.value);
  return choice.winner === 'tie' ? 'Tie' : `${winnerLabel(choice.winner)} is better`;
}

/** The body of `POST …/labels`; a pairwise choice on a score queue (or the reverse) is the caller's bug, refused here. */
export function labelRequest(trait: QueueTrait, choice: Choice, evidence: readonly KeptEvidence[], comment: string, pairwise: boolean): { ok: true; body: LabelRequest } | { ok: false; error: string } {
  if (pairwise !== (choice.kind === 'winner')) return { ok: false, error: pairwise ? 'Choose a side: a (first), b (second) or t (tie).' : 'Choose a score or N/A.' };
  const trimmed = comment.trim();
  const body: LabelRequest = {
    trait: trait.slug,
    // Which side a quote is from matters only when there are two.
    evidence: evidence.map((e) => (pairwise ? { side: e.side, message_index: e.message_index, quote: e.quote } : { message_index: e.message_index, quote: e.quote })),
    ...(trimmed ? { comment: trimmed } : {}),
  };
  if (choice.kind === 'value') body.value = choice.value;
  else if (choice.kind === 'na') body.na = true;
  else body.winner = choice.winner;
  return { ok: true, body };
}
