import { createSignal, Show } from 'solid-js';
import { stepHit } from '../lib/search-hits.ts';

/**
 * Moving through the marked search hits of a page (`mark.search-hit` inside `root`), for `n` / `N` and the
 * counter. The hits are read from the page, so they are the words exactly as marked, in reading order.
 */
export function createSearchHits(root: () => ParentNode | undefined) {
  const [count, setCount] = createSignal(0);
  const [current, setCurrent] = createSignal(-1);
  const hits = () => [...(root()?.querySelectorAll<HTMLElement>('mark.search-hit') ?? [])].filter((m) => m.getClientRects().length > 0);
  /** Counts the hits once the text is in the page. */
  function recount() {
    setCount(hits().length);
    setCurrent(-1);
  }
  function step(direction: 1 | -1) {
    const all = hits();
    setCount(all.length);
    const next = stepHit(current(), all.length, direction);
    for (const m of all) m.classList.remove('current');
    const hit = all[next];
    setCurrent(next);
    if (!hit) return;
    hit.classList.add('current');
    // A hit inside a closed thinking block: open it first.
    const closed = hit.closest('details:not([open])');
    if (closed instanceof HTMLDetailsElement) closed.open = true;
    hit.scrollIntoView({ block: 'center' });
  }
  return { count, current, recount, step };
}

/** "Search “quartz lantern”: hit 2 of 7 · n next · N previous". */
export function SearchHitBar(props: { query: string; count: number; current: number; onStep: (direction: 1 | -1) => void; clearHref: string }) {
  return (
    <div class="search-hits" role="status" aria-live="polite">
      <span>
        Search <q>{props.query}</q>:{' '}
        <Show when={props.count > 0} fallback={<span class="muted">no hit in this transcript's shown text</span>}>
          <strong class="hit-counter">{props.current >= 0 ? `hit ${props.current + 1} of ${props.count}` : `${props.count} ${props.count === 1 ? 'hit' : 'hits'}`}</strong>
        </Show>
      </span>
      <Show when={props.count > 0}>
        <button type="button" class="small" onClick={() => props.onStep(-1)} title="Previous hit (N)">
          ↑ <kbd>N</kbd>
        </button>
        <button type="button" class="small" onClick={() => props.onStep(1)} title="Next hit (n)">
          ↓ <kbd>n</kbd>
        </button>
      </Show>
      <a href={props.clearHref} class="muted">
        clear
      </a>
    </div>
  );
}
