import { createEffect, createSignal, on, type Accessor } from 'solid-js';
import { listTranscripts, type TranscriptRow } from '../api/client.ts';
import type { ListFilters } from '../lib/list-query.ts';

/**
 * The rows of the list, fetched one keyset page at a time as the reader scrolls: never the whole table.
 * A change of query starts over; a page that arrives for an older query is dropped.
 */
export function createTranscriptPages(query: Accessor<ListFilters>) {
  const [rows, setRows] = createSignal<TranscriptRow[]>([]);
  const [nextCursor, setNextCursor] = createSignal<string | null>(null);
  const [loaded, setLoaded] = createSignal(false);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  let generation = 0;

  async function fetchPage(cursor: string | undefined) {
    const asked = ++generation;
    setLoading(true);
    setError(null);
    try {
      const page = await listTranscripts(query(), cursor);
      if (asked !== generation) return;
      setRows((r) => (cursor ? [...r, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setLoaded(true);
    } catch (err) {
      if (asked === generation) setError(err);
    } finally {
      if (asked === generation) setLoading(false);
    }
  }

  createEffect(on(query, () => void fetchPage(undefined)));

  return {
    rows,
    nextCursor,
    /** True once the first page of the current query is in. */
    loaded,
    loading,
    error,
    loadMore() {
      const cursor = nextCursor();
      if (cursor && !loading()) void fetchPage(cursor);
    },
    reload() {
      setLoaded(false);
      void fetchPage(undefined);
    },
  };
}
