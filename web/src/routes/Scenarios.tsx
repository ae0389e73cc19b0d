import { A, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { listModels, traitSummaries, type TraitSummary } from '../api/client.ts';
import { comparePaired, listAllScenarios } from '../api/stats.ts';
import { ExportButtons } from '../components/dashboard/ExportButtons.tsx';
import { TraitSelect, VersionSelect } from '../components/dashboard/Pickers.tsx';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { TraitName } from '../components/TraitName.tsx';
import { orderVersions, param, pickVersion, readTraitKey } from '../lib/dashboard-params.ts';
import { formatNumber } from '../lib/format.ts';
import { overviewRows, type OverviewRow } from '../lib/overview.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { scenarioExportRows, scenarioIndexRows, type ScenarioSort } from '../lib/scenario-index.ts';
import { formatDelta, formatStat } from '../lib/stat-format.ts';
import { useTraitCatalogue } from '../stores/trait-catalogue.ts';
import '../components/dashboard/dashboard.css';

/** Rows drawn at first; more on request, so ten thousand scenarios do not stall the page. */
const SHOWN_STEP = 200;
const SORTS: readonly ScenarioSort[] = ['key', 'delta-desc', 'delta-asc', 'transcripts'];

/**
 * Every scenario, searchable by key or title, with how many versions and transcripts it has and — for a
 * chosen trait and two versions — each side's per-scenario mean and the delta (GET /stats/compare).
 */
export default function Scenarios() {
  usePageTitle(() => 'Scenarios');
  const [params, setParams] = useSearchParams();
  const catalogue = useTraitCatalogue();
  const [scenarios] = createResource(listAllScenarios);
  const [models] = createResource(listModels);
  const [summaries] = createResource(() => traitSummaries());
  const traitRows = createMemo(() => (summaries.state === 'ready' ? overviewRows(summaries().items) : []));
  const labelOf = (row: OverviewRow<TraitSummary>) => catalogue.label(row.trait.slug, { known: row.trait, scoreSource: row.source });
  const traitChoices = createMemo(() => [{ value: '', text: 'No trait' }, ...traitRows().map((r) => ({ value: r.key, text: labelOf(r).text })).sort((x, y) => x.text.localeCompare(y.text))]);
  const traitKey = createMemo(() => readTraitKey(param(params, 'trait'), null));
  const traitRow = createMemo(() => traitRows().find((r) => traitKey() && r.key === `${traitKey()?.slug}:${traitKey()?.source}`));
  const versions = createMemo(() => {
    const row = traitRow();
    return orderVersions(models.latest ?? []).map((m) => m.name).filter((v) => row?.cells.get(v)?.mean != null);
  });
  const a = createMemo(() => pickVersion(param(params, 'a'), versions(), versions()[0]));
  const b = createMemo(() => pickVersion(param(params, 'b'), versions().filter((v) => v !== a()), versions().filter((v) => v !== a()).at(-1)));
  const [paired] = createResource(
    () => {
      const k = traitKey();
      return k && traitRow() && a() && b() ? `${k.slug}\u0000${k.source}\u0000${a()}\u0000${b()}` : false;
    },
    (key) => {
      const [slug = '', source, va = '', vb = ''] = key.split('\u0000');
      return comparePaired({ trait: slug, source: source === 'judge' || source === 'human' || source === 'import' ? source : undefined, a: va, b: vb });
    },
  );
  const query = () => param(params, 'q');
  const sort = (): ScenarioSort => SORTS.find((s) => s === param(params, 'sort')) ?? 'key';
  const rows = createMemo(() => scenarioIndexRows(scenarios.latest ?? [], paired.state === 'ready' ? paired().scenarios : [], query(), sort()));
  const [shown, setShown] = createSignal(SHOWN_STEP);
  const traitLabel = createMemo(() => {
    const row = traitRow();
    return row ? labelOf(row) : null;
  });
  const withTrait = () => {
    const label = traitLabel();
    return label && paired.state === 'ready' ? { label: label.text, a: a(), b: b() } : null;
  };

  return (
    <div class="dashboard-page scenarios-page">
      <div class="page-head">
        <h1>Scenarios</h1>
      </div>
      <Switch fallback={<p class="loading">Loading scenarios…</p>}>
        <Match when={scenarios.state === 'errored'}>
          <ErrorPanel error={scenarios.error} title="Could not load the scenarios" />
        </Match>
        <Match when={scenarios.state === 'ready' && scenarios().length === 0}>
          <p class="panel">
            No scenarios yet. <A href="/upload">Upload transcripts</A>: each names the scenario it is a sample of.
          </p>
        </Match>
        <Match when={scenarios.state === 'ready'}>
          <div class="dashboard-controls">
            <label class="picker search-picker">
              Search key or title
              <input type="search" name="q" value={query()} autocomplete="off" onInput={(e) => setParams({ q: e.currentTarget.value || undefined }, { replace: true })} />
            </label>
            <TraitSelect label="Trait delta" choices={traitChoices()} value={traitRow()?.key ?? ''} onChange={(v) => setParams({ trait: v || undefined, sort: v ? 'delta-desc' : undefined }, { replace: true })} />
            <Show when={traitRow() && versions().length >= 2}>
              <VersionSelect label="Version a" name="a" versions={versions()} value={a()} onChange={(v) => setParams({ a: v, b: v === b() ? undefined : b() }, { replace: true })} />
              <VersionSelect label="Version b" name="b" versions={versions().filter((v) => v !== a())} value={b()} onChange={(v) => setParams({ a: a(), b: v }, { replace: true })} />
            </Show>
            <label class="picker">
              Sort
              <select name="sort" onChange={(e) => setParams({ sort: e.currentTarget.value === 'key' ? undefined : e.currentTarget.value }, { replace: true })}>
                <option value="key" selected={sort() === 'key'}>
                  by key
                </option>
                <option value="transcripts" selected={sort() === 'transcripts'}>
                  most transcripts first
                </option>
                <Show when={traitRow()}>
                  <option value="delta-desc" selected={sort() === 'delta-desc'}>
                    largest Δ first
                  </option>
                  <option value="delta-asc" selected={sort() === 'delta-asc'}>
                    smallest Δ first
                  </option>
                </Show>
              </select>
            </label>
          </div>
          <Show when={traitRow() && versions().length < 2}>
            <p class="notice">Fewer than two versions have values of this trait: there is no delta to show.</p>
          </Show>
          <Show when={paired.state === 'errored'}>
            <ErrorPanel error={paired.error} title="Could not compare the versions on this trait" />
          </Show>
          <div class="section-head">
            <p class="muted" role="status">
              {formatNumber(rows().length)} of {formatNumber(scenarios.latest?.length ?? 0)} scenarios
              <Show when={withTrait() && paired.state === 'ready' && paired().n > paired().scenarios.length}>
                {' '}· Δ for the {paired.state === 'ready' ? paired().scenarios.length : 0} scenarios that moved most of {paired.state === 'ready' ? paired().n : 0} shared
              </Show>
            </p>
            <ExportButtons name={['scenarios', traitRow()?.key ?? '', withTrait() ? `${a()}-vs-${b()}` : '']} rows={() => scenarioExportRows(rows(), withTrait())} what="the scenarios" />
          </div>
          <div class="table-wrap">
            <table class="matrix scenario-index">
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  <th scope="col">Category</th>
                  <th scope="col" class="num">
                    Versions
                  </th>
                  <th scope="col" class="num">
                    Transcripts
                  </th>
                  <Show when={withTrait()}>
                    <th scope="col" class="num">
                      {a()}
                    </th>
                    <th scope="col" class="num">
                      {b()}
                    </th>
                    <th scope="col" class="num" title={`${b()} − ${a()}, per-scenario means`}>
                      Δ
                    </th>
                  </Show>
                </tr>
              </thead>
              <tbody>
                <For each={rows().slice(0, shown())}>
                  {(r) => (
                    <tr data-scenario={r.scenario.key}>
                      <th scope="row">
                        <A href={`/scenarios/${encodeURIComponent(r.scenario.id)}`}>{r.scenario.title || r.scenario.key}</A>
                        <Show when={r.scenario.title}>
                          <span class="scenario-key muted"> {r.scenario.key}</span>
                        </Show>
                      </th>
                      <td>{r.scenario.category ?? ''}</td>
                      <td class="num">{r.scenario.modelCount}</td>
                      <td class="num">{r.scenario.transcriptCount}</td>
                      <Show when={withTrait()}>
                        <td class="num" title={r.delta ? `Mean of ${r.delta.transcriptsA.length} transcript(s)` : undefined}>
                          {r.delta ? formatStat(r.delta.a) : '·'}
                        </td>
                        <td class="num" title={r.delta ? `Mean of ${r.delta.transcriptsB.length} transcript(s)` : undefined}>
                          {r.delta ? formatStat(r.delta.b) : '·'}
                        </td>
                        <td class="num delta">{r.delta ? formatDelta(r.delta.delta) : ''}</td>
                      </Show>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <Show when={rows().length > shown()}>
            <button type="button" class="load-more" onClick={() => setShown((n) => n + SHOWN_STEP)}>
              Show {Math.min(SHOWN_STEP, rows().length - shown())} more
            </button>
          </Show>
          <Show when={withTrait() && traitLabel()}>
            {(label) => (
              <p class="muted section-note">
                Δ of <TraitName label={label()} />: {b()} − {a()}, each side the mean of its transcripts of the scenario.
              </p>
            )}
          </Show>
        </Match>
      </Switch>
    </div>
  );
}
