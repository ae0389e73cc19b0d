import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, Match, onMount, Show, Switch, untrack } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { getScenario, listModels } from '../api/client.ts';
import { EmptyDatabase } from '../components/EmptyDatabase.tsx';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { ListFiltersForm } from '../components/ListFiltersForm.tsx';
import { TranscriptCards } from '../components/TranscriptCards.tsx';
import { TranscriptTable } from '../components/TranscriptTable.tsx';
import { compareHref, comparePartners } from '../lib/compare-links.ts';
import { formatCount } from '../lib/format.ts';
import { useShortcuts } from '../lib/keys.ts';
import { createMediaQuery, PHONE_QUERY } from '../lib/media.ts';
import { activeFilterCount, columnList, hasFilters, listSearch, readListFilters, sameFilters, sameQuery, toSearchParams, type ListFilters } from '../lib/list-query.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { judgeHrefForList } from '../lib/judge-selection.ts';
import { labelHrefForList } from '../lib/queue-form.ts';
import { defaultTraitColumns } from '../lib/traits.ts';
import { setLastListIds, setLastListSearch } from '../stores/last-list.ts';
import { useTraitCatalogue } from '../stores/trait-catalogue.ts';
import { createTranscriptPages } from '../stores/transcript-pages.ts';
import './transcript-list.css';

export default function TranscriptList() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const filters = createMemo(() => readListFilters(params), undefined, { equals: sameFilters });
  // The rows depend on the filters, not on which columns are shown.
  const query = createMemo(() => filters(), undefined, { equals: sameQuery });
  createEffect(() => setLastListSearch(listSearch(filters())));
  usePageTitle(() => (filters().q ? `“${filters().q}” in transcripts` : 'Transcripts'));

  const pages = createTranscriptPages(query);
  createEffect(() => setLastListIds(pages.rows().map((r) => r.id)));
  const [models, modelActions] = createResource(listModels);
  // Trait names from the rubrics; the list still works (with the traits its rows carry) if that call fails.
  const traits = useTraitCatalogue();

  const traitCounts = createMemo(() => {
    const counts = new Map<string, number>();
    for (const row of pages.rows()) for (const v of row.traitValues) counts.set(v.trait, (counts.get(v.trait) ?? 0) + 1);
    return counts;
  });
  const knownTraits = createMemo(() => [...new Set([...traitCounts().keys(), ...traits.all().map((t) => t.slug)])]);
  // Traits whose source declared no scale (Inspect's C/I) are labelled with the categories the rows show.
  const categoriesSeen = createMemo(() => {
    const seen = new Map<string, Set<string>>();
    for (const row of pages.rows()) for (const v of row.traitValues) if (v.category !== null) seen.set(v.trait, (seen.get(v.trait) ?? new Set()).add(v.category));
    return seen;
  });
  const labelOf = (trait: string) => traits.label(trait, { categories: [...(categoriesSeen().get(trait) ?? [])] });
  const traitColumns = createMemo(() => {
    const chosen = columnList(filters().cols);
    if (chosen.length) return chosen;
    const defaults = defaultTraitColumns(traitCounts());
    // A trait being filtered on is worth a column.
    return filters().trait && !defaults.includes(filters().trait) ? [filters().trait, ...defaults.slice(0, 3)] : defaults;
  });
  const tagsSeen = () => [...new Set(pages.rows().flatMap((r) => r.tags))].sort();

  // A phone gets one card per transcript: a table of 4+ columns leaves the scenario no room to be tapped.
  const phone = createMediaQuery(PHONE_QUERY);
  const [selected, setSelected] = createSignal(-1);
  createEffect(() => {
    query();
    setSelected(-1);
  });
  let table: { scrollToIndex: (i: number) => void } | undefined;
  let searchInput: HTMLInputElement | undefined;

  function select(index: number) {
    const last = pages.rows().length - 1;
    const i = Math.max(0, Math.min(last, index));
    if (last < 0) return;
    setSelected(i);
    table?.scrollToIndex(i);
    if (i >= last - 5) pages.loadMore();
  }
  function openSelected() {
    const row = pages.rows()[selected()];
    if (!row) return;
    const turn = row.match?.messageIndex;
    navigate(`/transcripts/${encodeURIComponent(row.id)}${turn === undefined ? '' : `#turn-${turn}`}`);
  }
  async function compareSelected() {
    const row = pages.rows()[selected()];
    if (!row) return;
    const scenario = await getScenario(row.scenarioId);
    const partner = comparePartners(row, scenario.transcripts)[0];
    if (partner) navigate(compareHref([row.id, partner.id]));
  }

  useShortcuts({
    '/': () => {
      searchInput?.focus();
      searchInput?.select();
    },
    j: () => select(selected() + 1),
    k: () => select(selected() - 1),
    Enter: () => openSelected(),
    o: () => openSelected(),
    c: () => void compareSelected(),
  });
  onMount(() => document.querySelector<HTMLElement>('.table-scroll')?.focus({ preventScroll: true }));

  function change(c: Partial<ListFilters>) {
    setParams(toSearchParams(c), { replace: true });
  }
  function reloadAfterDemo() {
    pages.reload();
    void modelActions.refetch();
  }

  const filtersForm = () => (
    <ListFiltersForm
      filters={filters()}
      models={models.state === 'ready' ? models() : []}
      traits={knownTraits()}
      labelOf={labelOf}
      tagsSeen={tagsSeen()}
      shownColumns={traitColumns()}
      onChange={change}
      searchRef={(el) => (searchInput = el)}
    />
  );

  const isEmptyDatabase = () => pages.loaded() && pages.rows().length === 0 && !hasFilters(filters()) && !pages.loading();

  return (
    <div class="list-page">
      <div class="page-head">
        <h1>Transcripts</h1>
        <Show when={!isEmptyDatabase()}>
          <A class="judge-these" href={judgeHrefForList(filters())} title="Start a judge run on the transcripts these filters select">
            Judge these
          </A>
          <A class="label-these" href={labelHrefForList(filters())} title="Create a labeling queue of the transcripts these filters select">
            Label these
          </A>
        </Show>
        <span class="muted keys-hint">
          <kbd>/</kbd> search · <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>c</kbd> compare
        </span>
      </div>
      <Show when={!isEmptyDatabase()}>
        {/* On a phone the filters fold away under one line (open while any is set), so the first card is on the first screen. */}
        <Show when={phone()} fallback={filtersForm()}>
          <details class="filters-fold" open={untrack(() => hasFilters(filters()))}>
            <summary>
              Search and filters
              <Show when={activeFilterCount(filters()) > 0}>
                <span class="muted"> · {activeFilterCount(filters())} set</span>
              </Show>
            </summary>
            {filtersForm()}
          </details>
        </Show>
      </Show>

      <Switch fallback={<p class="loading">Loading transcripts…</p>}>
        <Match when={!pages.loaded() && pages.error()}>
          <ErrorPanel error={pages.error()} title="Could not load transcripts" />
        </Match>
        <Match when={isEmptyDatabase()}>
          <EmptyDatabase onLoaded={reloadAfterDemo} />
        </Match>
        <Match when={pages.loaded() && pages.rows().length === 0 && !pages.loading()}>
          <p class="panel no-results">No transcripts match these filters.</p>
        </Match>
        <Match when={pages.loaded()}>
          <div classList={{ stale: pages.loading() && pages.rows().length > 0 && selected() < 0 }} aria-busy={pages.loading()}>
            {/* One list, two layouts: a card per transcript on a phone, the virtual table elsewhere; the same props. */}
            <Dynamic
              component={phone() ? TranscriptCards : TranscriptTable}
              rows={pages.rows()}
              hasMore={pages.nextCursor() !== null}
              loadingMore={pages.loading()}
              onNeedMore={pages.loadMore}
              filters={filters()}
              traitColumns={traitColumns()}
              labelOf={labelOf}
              selected={selected()}
              onSelect={setSelected}
              ref={(api: NonNullable<typeof table>) => (table = api)}
            />
          </div>
          <div class="list-foot">
            <span class="muted" role="status">
              {formatCount(pages.rows().length, 'transcript', 'transcripts')} loaded
              {pages.nextCursor() ? '; more load as you scroll' : ''}
              {pages.loading() ? ' · loading…' : ''}
            </span>
            {/* The same letter badges as the cells: the source reads without telling colours apart. */}
            <span class="muted source-legend">
              Scores:{' '}
              <span class="trait-value by-import">
                <sub>I</sub> imported
              </span>
              <span class="trait-value by-judge">
                <sub>J</sub> judge
              </span>
              <span class="trait-value by-human">
                <sub>H</sub> human
              </span>
              · turn-range scores are means
            </span>
          </div>
          <Show when={pages.error()}>{(err) => <ErrorPanel error={err()} title="Could not load more transcripts" />}</Show>
        </Match>
      </Switch>
    </div>
  );
}
