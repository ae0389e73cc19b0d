import { useSearchParams } from '@solidjs/router';
import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { listModels, traitSummaries } from '../../api/client.ts';
import { compareTraits, type TraitComparison } from '../../api/stats.ts';
import { ForestPlot, type ForestRow } from '../../components/charts/ForestPlot.tsx';
import { ToneLegend } from '../../components/charts/ToneLegend.tsx';
import { DashboardTabs } from '../../components/dashboard/DashboardTabs.tsx';
import { ExportButtons } from '../../components/dashboard/ExportButtons.tsx';
import { SourceSelect, VersionSelect } from '../../components/dashboard/Pickers.tsx';
import { ScenarioMovers } from '../../components/dashboard/ScenarioMovers.tsx';
import { TraitHeatMap } from '../../components/dashboard/TraitHeatMap.tsx';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { TraitName } from '../../components/TraitName.tsx';
import { deltaDomain } from '../../lib/chart-scale.ts';
import { comparisonTone } from '../../lib/comparison-tone.ts';
import { asSource, orderVersions, param, pickVersion, readTraitKey, traitKeyText } from '../../lib/dashboard-params.ts';
import type { ExportRow } from '../../lib/export-rows.ts';
import type { HeatSort } from '../../lib/heat-map.ts';
import { comparableKeys, overviewRows, versionsWithValues } from '../../lib/overview.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { useTraitCatalogue } from '../../stores/trait-catalogue.ts';

const SORTS: readonly HeatSort[] = ['delta-desc', 'delta-asc', 'abs-desc', 'key'];

const keyOf = (c: TraitComparison) => `${c.trait.slug}:${c.source}`;

/**
 * Two versions side by side on every trait: a forest plot of paired deltas (b − a) with their CIs, Holm's p
 * and d_z, grouped by scale (a 1–5 delta and a per-chunk delta do not share an axis); a trait's row opens the
 * scenarios that moved most and the scenario × version heat map below.
 */
export default function VersionCompare() {
  const [params, setParams] = useSearchParams();
  const catalogue = useTraitCatalogue();
  const source = createMemo(() => asSource(param(params, 'source')));
  const [models] = createResource(listModels);
  const [summaries] = createResource(() => ({ source: source() }), (q) => traitSummaries(q.source ? { source: q.source } : {}));
  const items = () => (summaries.state === 'ready' ? summaries().items : []);
  const rows = createMemo(() => overviewRows(items()));
  const versions = createMemo(() => versionsWithValues(orderVersions(models.latest ?? []).map((m) => m.name), items()));
  const a = createMemo(() => pickVersion(param(params, 'a'), versions(), versions()[0]));
  const b = createMemo(() => pickVersion(param(params, 'b'), versions().filter((v) => v !== a()), versions().filter((v) => v !== a()).at(-1)));
  usePageTitle(() => (a() && b() ? `${b()} vs ${a()}` : 'Two versions'));

  const traits = createMemo(() => (a() && b() ? comparableKeys(rows(), a(), b()).join(',') : ''));
  const [compared] = createResource(
    () => (traits() ? { a: a(), b: b(), traits: traits() } : false),
    (q) => compareTraits({ traits: q.traits.split(','), a: q.a, b: q.b }),
  );
  const labelOf = (c: { trait: TraitComparison['trait']; source: TraitComparison['source'] }) => catalogue.label(c.trait.slug, { known: c.trait, scoreSource: c.source });
  const comparisons = () => (compared.state === 'ready' ? compared().items : []);
  // One plot per scale: deltas are in the trait's own units.
  const groups = createMemo(() => {
    const byScale = new Map<string, TraitComparison[]>();
    for (const c of [...comparisons()].sort((x, y) => labelOf(x).text.localeCompare(labelOf(y).text))) {
      const scale = labelOf(c).scale;
      byScale.set(scale, [...(byScale.get(scale) ?? []), c]);
    }
    return [...byScale.entries()].map(([scale, list]) => ({ scale, list }));
  });
  const focus = createMemo(() => {
    const named = readTraitKey(param(params, 'trait'), source());
    const list = comparisons();
    return list.find((c) => named && keyOf(c) === traitKeyText(named)) ?? groups()[0]?.list[0];
  });
  const sort = (): HeatSort => SORTS.find((s) => s === param(params, 'sort')) ?? 'delta-desc';
  const heatVersions = createMemo(() => {
    const f = focus();
    const row = f && rows().find((r) => r.key === keyOf(f));
    return row ? versions().filter((v) => row.cells.get(v)?.mean != null) : [];
  });

  const forestRow = (c: TraitComparison): ForestRow => {
    const tone = comparisonTone(c, c.trait.polarity);
    return { key: keyOf(c), label: <TraitName label={labelOf(c)} />, labelText: labelOf(c).text, delta: c.meanDelta, ciLow: c.ciLow, ciHigh: c.ciHigh, pValue: c.pValue, pHolm: c.pHolm ?? null, effectSize: c.effectSize, n: c.n, tone: tone.tone, why: tone.why };
  };
  const forestExport = (): ExportRow[] =>
    comparisons().map((c) => ({
      trait: labelOf(c).text,
      slug: c.trait.slug,
      source: c.source,
      a: c.a,
      b: c.b,
      sharedScenarios: c.n,
      meanDelta: c.meanDelta,
      ciLow: c.ciLow,
      ciHigh: c.ciHigh,
      pValue: c.pValue,
      pHolm: c.pHolm ?? null,
      effectSize: c.effectSize,
      onlyA: c.onlyA,
      onlyB: c.onlyB,
      tone: comparisonTone(c, c.trait.polarity).tone,
    }));
  // The focused trait's row is open unless folded (movers=hide); another row's button moves the focus there.
  const focusKey = () => {
    const f = focus();
    return f ? keyOf(f) : null;
  };
  const moversShown = () => param(params, 'movers') !== 'hide';
  const toggle = (key: string) =>
    setParams(key === focusKey() ? { trait: key, movers: moversShown() ? 'hide' : undefined } : { trait: key, movers: undefined }, { replace: true });

  return (
    <div class="dashboard-page versions-page">
      <div class="page-head">
        <h1>Two versions</h1>
      </div>
      <DashboardTabs current="versions" />
      <Switch fallback={<p class="loading">Loading…</p>}>
        <Match when={models.state === 'errored' || summaries.state === 'errored'}>
          <ErrorPanel error={models.error ?? summaries.error} title="Could not load the versions and their traits" />
        </Match>
        <Match when={summaries.state === 'ready' && versions().length < 2}>
          <p class="panel">Comparing needs two model versions with trait values{source() ? ' from this source' : ''}.</p>
        </Match>
        <Match when={summaries.state === 'ready'}>
          <div class="dashboard-controls">
            <VersionSelect label="Version a (baseline)" name="a" versions={versions()} value={a()} onChange={(v) => setParams({ a: v, b: v === b() ? undefined : b() }, { replace: true })} />
            <VersionSelect label="Version b" name="b" versions={versions().filter((v) => v !== a())} value={b()} onChange={(v) => setParams({ a: a(), b: v }, { replace: true })} />
            <SourceSelect value={source()} available={['judge', 'human', 'import']} onChange={(s) => setParams({ source: s ?? undefined }, { replace: true })} />
          </div>
          <Switch>
            <Match when={!traits()}>
              <p class="panel">
                {a()} and {b()} have no trait with values{source() ? ' from this source' : ''} in common.
              </p>
            </Match>
            <Match when={compared.state === 'errored'}>
              <ErrorPanel error={compared.error} title={`Could not compare ${b()} with ${a()}`} />
            </Match>
            <Match when={compared.state === 'ready'}>
              <section class="dashboard-section" aria-labelledby="forest-heading">
                <div class="section-head">
                  <h2 id="forest-heading">
                    Paired deltas, {b()} − {a()}
                  </h2>
                  <ExportButtons name={['deltas', a(), b(), source() ?? 'every-source']} rows={forestExport} what="the deltas" />
                </div>
                <p class="muted section-note">
                  Over the scenarios both versions have values on: the mean of the per-scenario deltas, its 95% paired bootstrap CI, a sign-flip permutation p and
                  its Holm adjustment across these {comparisons().length} traits, and d<sub>z</sub>. A row opens the scenarios that moved most.
                </p>
                <ToneLegend against={a()} />
                <For each={groups()}>
                  {(g) => (
                    <>
                    <h3 class="forest-group">Traits on {g.scale}</h3>
                    <ForestPlot
                      rows={g.list.map(forestRow)}
                      domain={deltaDomain(g.list.flatMap((c) => [c.ciLow, c.ciHigh, c.meanDelta].filter((n): n is number => n !== null)))}
                      axisTitle={`Δ mean (${g.scale})`}
                      caption={`Paired deltas of traits on ${g.scale}`}
                      open={moversShown() ? focusKey() : null}
                      onToggle={toggle}
                      detail={() => <Show when={focus()}>{(f) => <ScenarioMovers item={f()} label={labelOf(f()).text} />}</Show>}
                    />
                    </>
                  )}
                </For>
              </section>
              <Show when={focus()}>
                {(f) => (
                  <section class="dashboard-section" aria-label="Scenario heat map">
                    <TraitHeatMap
                      trait={{ slug: f().trait.slug, source: f().source }}
                      label={labelOf(f())}
                      scale={f().trait.scale}
                      versions={heatVersions()}
                      baseline={a()}
                      compared={b()}
                      sort={sort()}
                      onSort={(s) => setParams({ sort: s === 'delta-desc' ? undefined : s }, { replace: true })}
                    />
                  </section>
                )}
              </Show>
            </Match>
          </Switch>
        </Match>
      </Switch>
    </div>
  );
}
