import type { KeyRow } from '../../lib/keys.ts';
import { KeysOverlay } from '../KeysOverlay.tsx';

/** The keys of this queue: digits and n for scores, a/b/t for a pairwise queue; the rest for both. */
function keysFor(pairwise: boolean, digits: string): KeyRow[] {
  const choosing: KeyRow[] = pairwise
    ? [{ keys: ['a', 'b', 't'], what: 'The first side is better, the second is, or a tie' }]
    : [
        { keys: [digits], what: 'Score: the digit of a scale point (on a 1–10 scale 0 is 10; past ten points, type the number)' },
        { keys: ['n'], what: 'Not applicable' },
      ];
  return [
    ...choosing,
    { keys: ['e'], what: 'Keep the text selected in a message as evidence' },
    { keys: ['c'], what: 'Write a comment (Esc leaves the box, Ctrl+Enter saves from it)' },
    { keys: ['Enter'], what: 'Save the label, then on to the next trait or item' },
    { keys: ['u'], what: 'Undo your last label' },
    { keys: ['?'], what: 'This help (Esc closes it)' },
  ];
}

/** The labeling page's keys, over the page. */
export function KeysHelp(props: { pairwise: boolean; digits: string; onClose: () => void }) {
  return <KeysOverlay keys={keysFor(props.pairwise, props.digits)} onClose={props.onClose} />;
}
