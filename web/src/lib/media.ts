import { createSignal, onCleanup } from 'solid-js';

/** Whether a CSS media query matches now, following it as the window changes (a phone turned, a window resized). */
export function createMediaQuery(query: string): () => boolean {
  const list = window.matchMedia(query);
  const [matches, setMatches] = createSignal(list.matches);
  const onChange = (e: MediaQueryListEvent) => setMatches(e.matches);
  list.addEventListener('change', onChange);
  onCleanup(() => list.removeEventListener('change', onChange));
  return matches;
}

/** The width below which pages switch to their phone layout (the list's cards); topbar.css folds the bar at 1040 px. */
export const PHONE_QUERY = '(max-width: 640px)';
