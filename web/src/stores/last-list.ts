import { createSignal } from 'solid-js';

/**
 * The query string of the list the reader last looked at, so "Back to transcripts" returns to the same
 * search and filters. A plain signal is enough: it is UI memory, lost on reload like scroll position.
 */
const [lastListSearch, setLastListSearch] = createSignal('');
export { lastListSearch, setLastListSearch };
