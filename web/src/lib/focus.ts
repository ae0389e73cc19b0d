/**
 * Bringing a score's evidence into view: the `<mark>`s carrying its quote ids, else the turn it cites,
 * scrolled to the middle of the screen and flashed so the eye finds it.
 */
const FLASH_MS = 1600;

function flash(elements: readonly Element[]): void {
  for (const el of elements) {
    el.classList.remove('flash');
    // Restart the animation when the same mark is asked for twice in a row.
    void (el instanceof HTMLElement ? el.offsetWidth : 0);
    el.classList.add('flash');
    setTimeout(() => el.classList.remove('flash'), FLASH_MS);
  }
}

/** Returns whether a highlighted quote was found (false: only the turn could be shown). */
export function focusEvidence(root: ParentNode, scoreId: string, fallbackTurnId: string | null): boolean {
  const marks = [...root.querySelectorAll(`mark[data-evidence]`)].filter((m) => (m.getAttribute('data-evidence') ?? '').split(' ').some((id) => id.startsWith(`${scoreId}:`)));
  const first = marks[0];
  if (first) {
    first.scrollIntoView({ block: 'center' });
    flash(marks);
    return true;
  }
  const turn = fallbackTurnId ? document.getElementById(fallbackTurnId) : null;
  if (turn) {
    turn.scrollIntoView({ block: 'start' });
    flash([turn]);
  }
  return false;
}

/** The next or previous turn relative to the top of the window, for `[` and `]`; `topOffsetPx` is past the turns' scroll margin. */
export function stepTurn(root: ParentNode, direction: 1 | -1, topOffsetPx = 24): HTMLElement | null {
  // Turns of a version hidden by compare's phone switcher have no box: they are not stepped to.
  const turns = [...root.querySelectorAll<HTMLElement>('article.message')].filter((t) => t.getClientRects().length > 0);
  const tops = turns.map((t) => t.getBoundingClientRect().top);
  let target: HTMLElement | undefined;
  if (direction > 0) target = turns.find((_, i) => (tops[i] ?? 0) > topOffsetPx + 1);
  // Back: the last turn starting above the top edge (a turn scrolled to sits just below it, at its scroll margin).
  else target = [...turns].reverse().find((_, i) => (tops[turns.length - 1 - i] ?? 0) < 0);
  if (!target) return null;
  target.scrollIntoView({ block: 'start' });
  return target;
}
