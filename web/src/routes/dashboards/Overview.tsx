import { useSearchParams } from '@solidjs/router';
import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { listModels, traitSummaries, type TraitSummary } from '../../api/client.ts';
import { compareTraits, type TraitComparison } from '../../api/stats.ts';
import { DotWhiskerChart } from '../../components/charts/DotWhiskerChart.tsx';
import { ToneLegend } from '../../components/charts/ToneLegend.tsx';
import { ChartFigure } from '../../components/dashboard/ChartFigure.tsx';
import { DashboardTabs } from '../../components/dashboard/DashboardTabs.tsx';
import { ExportButtons } from '../../components/dashboard/ExportButtons.tsx';
import { OverviewMatrix } from '../../components/dashboard/OverviewMatrix.tsx';
import { SourceSelect, VersionSelect } from '../../components/dashboard/Pickers.tsx';
import { EmptyDatabase } from '../../components/EmptyDatabase.tsx';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { TraitName } from '../../components/TraitName.tsx';
import { valueDomain } from '../../lib/chart-scale.ts';
import { cellTone, comparableKeys, overviewExportRows, overviewRows, versionsWithValues, type OverviewRow } from '../../lib/overview.ts';
import { asSource, orderVersions, param, pickVersion } from '../../lib/dashboard-params.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { formatCi, formatStat } from '../../lib/stat-format.ts';
import { refreshTraitCatalogue, useTraitCatalogue } from '../../stores/trait-catalogue.ts';

type Row = OverviewRow<TraitSummary>;

/**
 * Where researchers start: every trait's mean with its 95% CI per model version, coloured against a chosen
 * baseline where the paired comparison holds, and a dot-and-whisker chart per trait. Baseline and source
 * live in the URL.
 */
export default function Overview() {
  usePageTitle(() => 'Overview');
  const [params, setParams] = useSearchParams();
  const catalogue = useTraitCatalogue();
  const source = createMemo(() => asSource(param(params, 'source')));
  const [models, { refetch: refetchModels }] = createResource(listModels);
  // A key, never false: "every source" must fetch too.
  const [summaries, { refetch: refetchSummaries }] = createResource(
    () => ({ source: source() }),
    (q) => traitSummaries(q.source ? { source: q.source } : {}),
  );
  const items = () => (summaries.state === 'ready' ? summaries().items : []);
  const versions = createMemo(() => versionsWithValues(orderVersions(models.latest ?? []).map((m) => m.name), items()));
  const baseline = createMemo(() => pickVersion(param(params, 'baseline'), versions(), versions()[0]));
  const rows = createMemo(() => overviewRows(items()).sort((a, b) => labelOf(a).text.localeCompare(labelOf(b).text)));
  const labelOf = (row: Row) => catalogue.label(row.trait.slug, { known: row.trait, scoreSource: row.source });

  // One request per version against the baseline, over the traits both have; keyed by what it asks.
  const plan = createMemo(
    () => JSON.stringify(versions().filter((v) => v !== baseline()).map((v) => ({ v, traits: comparableKeys(rows(), baseline(), v) })).filter((p) => p.traits.length)),
  );
  const [paired] = createResource(
    () => (summaries.state === 'ready' && baseline() ? { baseline: baseline(), plan: plan() } : false),
    async (q) => {
      const asked: { v: string; traits: string[] }[] = JSON.parse(q.plan);
      const answers = await Promise.all(
        asked.map(async (p) => {
          try {
            return { v: p.v, items: (await compareTraits({ traits: p.traits, a: q.baseline, b: p.v })).items, error: null };
          } catch (error) {
            return { v: p.v, items: [], error };
          }
        }),
      );
      return answers;
    },
  );
  const pairedOf = (version: string, key: string): TraitComparison | undefined =>
    paired.latest?.find((p) => p.v === version)?.items.find((i) => `${i.trait.slug}:${i.source}` === key);
  const compareErrors = () => (paired.latest ?? []).filter((p) => p.error !== null);
  const versionsHref = (version: string, key: string) =>
    `/dashboards/versions?${new URLSearchParams({ a: baseline(), b: version, trait: key, ...(source() ? { source: source() ?? '' } : {}) }).toString()}`;
  const exportRows = () => overviewExportRows({ rows: rows(), versions: versions(), baseline: baseline(), labelOf: (r) => labelOf(r).text, pairedOf });

  function reload() {
    refreshTraitCatalogue();
    void refetchModels();
    void refetchSummaries();
  }

  // Only the versions scored on the trait: another family's versions would be rows of "no value".
  const chartRows = (row: Row) =>
    versions().filter((v) => row.cells.has(v)).map((v) => {
      const s = row.cells.get(v);
      const tone = cellTone(row, v, baseline(), pairedOf(v, row.key));
      return {
        key: v,
        label: v === baseline() ? `${v} (baseline)` : v,
        mean: s?.mean ?? null,
        ciLow: s?.ciLow ?? null,
        ciHigh: s?.ciHigh ?? null,
        tone: tone.tone,
        baseline: v === baseline(),
        href: v === baseline() ? undefined : versionsHref(v, row.key),
        title: s && s.mean !== null ? `${v}: ${formatStat(s.mean)} ${formatCi(s.ciLow, s.ciHigh)}, ${s.scenarios} scenarios${v === baseline() ? '' : ` — ${tone.why}; open the comparison with ${baseline()}`}` : `${v}: no value`,
      };
    });

  return (
    <div class="dashboard-page overview-page">
      <div class="page-head">
        <h1>Overview</h1>
      </div>
      <DashboardTabs current="overview" />
      <Switch fallback={<p class="loading">Loading trait summaries…</p>}>
        <Match when={models.state === 'errored'}>
          <ErrorPanel error={models.error} title="Could not load the model versions" />
        </Match>
        <Match when={summaries.state === 'errored'}>
          <ErrorPanel error={summaries.error} title="Could not load the trait summaries" />
        </Match>
        <Match when={models.state === 'ready' && models().length === 0}>
          <EmptyDatabase onLoaded={reload} />
        </Match>
        <Match when={summaries.state === 'ready' && models.state === 'ready'}>
          <div class="dashboard-controls">
            <Show when={versions().length > 1}>
              <VersionSelect label="Baseline" name="baseline" versions={versions()} value={baseline()} onChange={(v) => setParams({ baseline: v }, { replace: true })} />
            </Show>
            <SourceSelect value={source()} available={['judge', 'human', 'import']} onChange={(s) => setParams({ source: s ?? undefined }, { replace: true })} />
          </div>
          <Show when={rows().length > 0} fallback={<p class="panel">No trait has values{source() ? ' from this source' : ''} yet.</p>}>
            <section class="dashboard-section" aria-labelledby="matrix-heading">
              <div class="section-head">
                <h2 id="matrix-heading">Traits by version</h2>
                <ExportButtons name={['overview', source() ?? 'every-source', `baseline-${baseline()}`]} rows={exportRows} what="the matrix" />
              </div>
              <p class="muted section-note">
                Each cell: the mean over scenarios (each scenario the mean of its transcripts), its 95% CI by bootstrap over scenarios, and n scenarios. Hover a
                cell for what it is the mean of and its comparison with the baseline.
              </p>
              <ToneLegend against={baseline()} />
              <Show when={paired.loading}>
                <p class="muted" role="status">
                  Comparing with {baseline()}…
                </p>
              </Show>
              <For each={compareErrors()}>{(e) => <ErrorPanel error={e.error} title={`Could not compare ${e.v} with ${baseline()}`} />}</For>
              <OverviewMatrix rows={rows()} versions={versions()} baseline={baseline()} labelOf={labelOf} pairedOf={pairedOf} compareHref={versionsHref} />
            </section>
            <section class="dashboard-section" aria-labelledby="charts-heading">
              <h2 id="charts-heading">Each trait across versions</h2>
              <p class="muted section-note">Dots are means, whiskers 95% CIs, the dashed line the baseline’s mean. A row opens that version’s comparison with the baseline.</p>
              <div class="chart-grid">
                <For each={rows()}>
                  {(row) => {
                    const label = () => labelOf(row);
                    const points = () => chartRows(row);
                    const domain = () => valueDomain(row.trait.scale, points().flatMap((p) => [p.ciLow, p.mean, p.ciHigh].filter((n): n is number => n !== null)));
                    return (
                      <ChartFigure
                        title={<TraitName label={label()} />}
                        titleText={label().text}
                        description={row.cells.has(baseline()) ? undefined : `${baseline()} (the baseline) has no scores of this trait from this source: nothing to compare with.`}
                        exportName={['overview', row.key, `baseline-${baseline()}`]}
                        rows={points().map((p) => ({ trait: label().text, version: p.key, baseline: baseline(), mean: p.mean, ciLow: p.ciLow, ciHigh: p.ciHigh, scenarios: row.cells.get(p.key)?.scenarios ?? null, tone: p.baseline ? 'baseline' : p.tone }))}
                      >
                        <DotWhiskerChart rows={points()} domain={domain()} axisTitle={`Mean, ${label().scale}`} ariaLabel={`${label().text}: mean and 95% CI per version`} />
                      </ChartFigure>
                    );
                  }}
                </For>
              </div>
            </section>
          </Show>
        </Match>
      </Switch>
    </div>
  );
}
