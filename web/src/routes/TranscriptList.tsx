import { useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Match, on, onCleanup, onMount, Show, Switch } from 'solid-js';
import { listModels, listTranscripts, type TranscriptPage, type TranscriptRow } from '../api/client.ts';
import { EmptyDatabase } from '../components/EmptyDatabase.tsx';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { TranscriptTable } from '../components/TranscriptTable.tsx';
import { formatCount } from '../lib/format.ts';
import { hasFilters, listSearch, readListFilters, sameFilters, toSearchParams, type ListFilters } from '../lib/list-query.ts';
import { isEditableTarget } from '../lib/navigation.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { setLastListSearch } from '../stores/last-list.ts';

/** Typing settles for this long before the URL (and so the query) follows it. */
const TYPING_SETTLE_MS = 300;

export default function TranscriptList() {
  const [params, setParams] = useSearchParams();
  const filters = createMemo(() => readListFilters(params), undefined, { equals: sameFilters });
  createEffect(() => setLastListSearch(listSearch(filters())));
  usePageTitle(() => (filters().q ? `“${filters().q}” in transcripts` : 'Transcripts'));

  const [firstPage, { refetch }] = createResource(filters, (f) => listTranscripts(f));
  const [models, modelActions] = createResource(listModels);
  // Pages fetched with "Load more" after the first; a change of filters starts over.
  const [morePages, setMorePages] = createSignal<TranscriptPage[]>([]);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [moreError, setMoreError] = createSignal<unknown>(null);
  createEffect(
    on(
      filters,
      () => {
        setMorePages([]);
        setMoreError(null);
      },
      { defer: true },
    ),
  );

  const page = () => (firstPage.state === 'ready' || firstPage.state === 'refreshing' ? firstPage.latest : undefined);
  const rows = (): TranscriptRow[] => [...(page()?.items ?? []), ...morePages().flatMap((p) => p.items)];
  const nextCursor = () => {
    const last = morePages().at(-1);
    return last ? last.nextCursor : (page()?.nextCursor ?? null);
  };
  const tagsSeen = () => [...new Set(rows().flatMap((r) => r.tags))].sort();

  async function loadMore() {
    const cursor = nextCursor();
    if (!cursor) return;
    const asked = filters();
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await listTranscripts(asked, cursor);
      // The filters may have changed while this page was on its way; then it belongs to another list.
      if (sameFilters(asked, filters())) setMorePages((pages) => [...pages, next]);
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  }

  // The search and tag boxes hold what is typed; the URL follows once typing settles.
  const [query, setQuery] = createSignal(filters().q);
  const [tag, setTag] = createSignal(filters().tag);
  // Back/forward or a clicked tag changes the URL: the boxes follow, unless they already say the same (modulo spaces being typed).
  createEffect(on(() => filters().q, (q) => query().trim() !== q && setQuery(q), { defer: true }));
  createEffect(on(() => filters().tag, (t) => tag().trim() !== t && setTag(t), { defer: true }));
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  function applyFilters(change: Partial<ListFilters> = {}, immediately = false) {
    clearTimeout(settleTimer);
    const apply = () => setParams(toSearchParams({ q: query().trim(), tag: tag().trim(), ...change }), { replace: true });
    if (immediately) apply();
    else settleTimer = setTimeout(apply, TYPING_SETTLE_MS);
  }
  onCleanup(() => clearTimeout(settleTimer));

  let searchInput: HTMLInputElement | undefined;
  onMount(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isEditableTarget(event.target)) return;
      event.preventDefault();
      searchInput?.focus();
      searchInput?.select();
    };
    window.addEventListener('keydown', onKey);
    onCleanup(() => window.removeEventListener('keydown', onKey));
  });

  function reloadAfterDemo() {
    setMorePages([]);
    void refetch();
    void modelActions.refetch();
  }

  const isEmptyDatabase = () => page() !== undefined && rows().length === 0 && !hasFilters(filters());

  return (
    <div class="list-page">
      <div class="page-head">
        <h1>Transcripts</h1>
      </div>
      <Show when={!isEmptyDatabase()}>
        <form
          class="filters"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            applyFilters({}, true);
          }}
        >
          <label class="search">
            Search
            <input
              ref={searchInput}
              type="search"
              name="q"
              placeholder="Words or a “quoted phrase” in any message"
              autocomplete="off"
              value={query()}
              onInput={(e) => {
                setQuery(e.currentTarget.value);
                applyFilters();
              }}
            />
            <kbd class="shortcut" title="Press / to search">
              /
            </kbd>
          </label>
          <label>
            Model
            {/* `selected` on the options, not `value` on the select: the options arrive after the URL is read. */}
            <select name="model" onChange={(e) => applyFilters({ model: e.currentTarget.value }, true)}>
              <option value="" selected={filters().model === ''}>
                All models
              </option>
              <For each={models.state === 'ready' ? models() : []}>
                {(m) => (
                  <option value={m.name} selected={m.name === filters().model}>
                    {m.name} ({m.transcriptCount})
                  </option>
                )}
              </For>
              {/* A model named in a shared link stays selectable before (or without) the list of models. */}
              <Show when={filters().model && !(models.state === 'ready' && models().some((m) => m.name === filters().model))}>
                <option value={filters().model} selected>
                  {filters().model}
                </option>
              </Show>
            </select>
          </label>
          <label>
            Tag
            <input
              type="text"
              name="tag"
              list="tags-seen"
              autocomplete="off"
              value={tag()}
              onInput={(e) => {
                setTag(e.currentTarget.value);
                applyFilters();
              }}
            />
            <datalist id="tags-seen">
              <For each={tagsSeen()}>{(t) => <option value={t} />}</For>
            </datalist>
          </label>
          <Show when={hasFilters(filters())}>
            <button
              type="button"
              class="link-button"
              onClick={() => {
                setQuery('');
                setTag('');
                applyFilters({ q: '', model: '', tag: '' }, true);
              }}
            >
              Clear filters
            </button>
          </Show>
        </form>
      </Show>

      <Switch fallback={<p class="loading">Loading transcripts…</p>}>
        <Match when={firstPage.state === 'errored'}>
          <ErrorPanel error={firstPage.error} title="Could not load transcripts" />
        </Match>
        <Match when={isEmptyDatabase()}>
          <EmptyDatabase onLoaded={reloadAfterDemo} />
        </Match>
        <Match when={page() !== undefined && rows().length === 0}>
          <p class="panel no-results">No transcripts match these filters.</p>
        </Match>
        <Match when={page() !== undefined}>
          <div classList={{ stale: firstPage.loading }} aria-busy={firstPage.loading}>
            <TranscriptTable rows={rows()} filters={filters()} />
          </div>
          <div class="list-foot">
            <span class="muted" role="status">
              {formatCount(rows().length, 'transcript', 'transcripts')} shown{nextCursor() ? '; there are more' : ''}
            </span>
            <Show when={nextCursor()}>
              <button type="button" onClick={() => void loadMore()} disabled={loadingMore()}>
                {loadingMore() ? 'Loading…' : 'Load more'}
              </button>
            </Show>
          </div>
          <Show when={moreError()}>{(err) => <ErrorPanel error={err()} title="Could not load more transcripts" />}</Show>
        </Match>
      </Switch>
    </div>
  );
}
