import { createSignal } from 'solid-js';

/**
 * The list the reader last looked at: its query string, so "Back to transcripts" returns to the same
 * search and filters, and the ids of its loaded rows, so `j`/`k` in the reader step through that list.
 * Plain signals are enough: this is UI memory, lost on reload like scroll position.
 */
const [lastListSearch, setLastListSearch] = createSignal('');
const [lastListIds, setLastListIds] = createSignal<readonly string[]>([]);
export { lastListIds, lastListSearch, setLastListIds, setLastListSearch };

/** The transcript before or after `id` in the last list, if it is in it. */
export function neighbourInList(ids: readonly string[], id: string, step: 1 | -1): string | null {
  const at = ids.indexOf(id);
  if (at < 0) return null;
  return ids[at + step] ?? null;
}
