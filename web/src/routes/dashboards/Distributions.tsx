import { useSearchParams } from '@solidjs/router';
import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { listModels, traitSummaries, type TraitSummary } from '../../api/client.ts';
import { HistogramChart, binLabel } from '../../components/charts/HistogramChart.tsx';
import { ChartFigure } from '../../components/dashboard/ChartFigure.tsx';
import { DashboardTabs } from '../../components/dashboard/DashboardTabs.tsx';
import { ExportButtons } from '../../components/dashboard/ExportButtons.tsx';
import { TraitSelect } from '../../components/dashboard/Pickers.tsx';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { TraitName } from '../../components/TraitName.tsx';
import { asSource, orderVersions, param, readTraitKey, traitKeyText } from '../../lib/dashboard-params.ts';
import type { ExportRow } from '../../lib/export-rows.ts';
import { overviewRows } from '../../lib/overview.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { formatCi, formatStat } from '../../lib/stat-format.ts';
import { useTraitCatalogue } from '../../stores/trait-catalogue.ts';

function binRows(s: TraitSummary, label: string): ExportRow[] {
  return (s.histogram?.bins ?? []).map((b) => ({
    trait: label,
    version: s.model,
    low: b.low,
    high: b.high,
    bin: binLabel(b),
    count: b.count,
    share: s.n ? b.count / s.n : null,
    transcripts: s.n,
  }));
}

function countRows(s: TraitSummary, label: string): ExportRow {
  return { trait: label, version: s.model, transcripts: s.n, scenarios: s.scenarios, na: s.na, invalid: s.invalid, failed: s.failed, outsideScale: s.histogram?.outside ?? 0, mean: s.mean, median: s.median, sd: s.sd };
}

/**
 * How one trait's per-transcript values spread in each version: a bar per scale point (a rubric's 1–5) or
 * per bin, on a shared axis of shares, with what was not counted — N/A, invalid, failed — beside each.
 */
export default function Distributions() {
  usePageTitle(() => 'Distributions');
  const [params, setParams] = useSearchParams();
  const catalogue = useTraitCatalogue();
  const [models] = createResource(listModels);
  const [summaries] = createResource(() => traitSummaries());
  const rows = createMemo(() => (summaries.state === 'ready' ? overviewRows(summaries().items) : []));
  const labelOf = (row: { trait: TraitSummary['trait']; source: TraitSummary['source'] }) => catalogue.label(row.trait.slug, { known: row.trait, scoreSource: row.source });
  const choices = createMemo(() => rows().map((r) => ({ value: r.key, text: labelOf(r).text })).sort((x, y) => x.text.localeCompare(y.text)));
  const focus = createMemo(() => {
    const named = readTraitKey(param(params, 'trait'), asSource(param(params, 'source')));
    return rows().find((r) => named && r.key === traitKeyText(named)) ?? rows().find((r) => r.key === choices()[0]?.value);
  });
  const order = createMemo(() => orderVersions(models.latest ?? []).map((m) => m.name));
  const versions = createMemo(() => {
    const f = focus();
    return f ? order().flatMap((v) => (f.cells.get(v) ? [f.cells.get(v)] : [])).filter((s): s is TraitSummary => s !== undefined) : [];
  });
  // One number line for every version's bins: the server bins each version over its own values.
  const domain = createMemo((): [number, number] => {
    const bins = versions().flatMap((s) => s.histogram?.bins ?? []);
    return bins.length ? [Math.min(...bins.map((b) => b.low)), Math.max(...bins.map((b) => b.high))] : [0, 1];
  });
  const maxShare = createMemo(() => Math.max(0.01, ...versions().flatMap((s) => (s.histogram?.bins ?? []).map((b) => (s.n ? b.count / s.n : 0)))));
  const label = () => {
    const f = focus();
    return f ? labelOf(f) : null;
  };

  return (
    <div class="dashboard-page distributions-page">
      <div class="page-head">
        <h1>Distributions</h1>
      </div>
      <DashboardTabs current="distributions" />
      <Switch fallback={<p class="loading">Loading trait summaries…</p>}>
        <Match when={summaries.state === 'errored'}>
          <ErrorPanel error={summaries.error} title="Could not load the trait summaries" />
        </Match>
        <Match when={summaries.state === 'ready' && rows().length === 0}>
          <p class="panel">No trait has values yet.</p>
        </Match>
        <Match when={focus() && label()}>
          {(l) => (
            <>
              <div class="dashboard-controls">
                <TraitSelect choices={choices()} value={focus()?.key ?? ''} onChange={(v) => setParams({ trait: v, source: undefined }, { replace: true })} />
              </div>
              <section class="dashboard-section" aria-labelledby="dist-heading">
                <div class="section-head">
                  <h2 id="dist-heading">
                    <TraitName label={l()} />
                  </h2>
                  <ExportButtons name={['distribution-counts', focus()?.key ?? '']} rows={() => versions().map((s) => countRows(s, l().text))} what="the counts per version" />
                </div>
                <p class="muted section-note">
                  Per-transcript values (each the mean over its raters and turn ranges). Bars are shares of the version’s transcripts with a value; N/A, invalid and
                  failed scores are not in the bars and are counted beside them.
                </p>
                <div class="histogram-grid">
                  <For each={versions()}>
                    {(s) => (
                      <ChartFigure
                        title={s.model}
                        titleText={`${s.model}, ${l().text}`}
                        exportName={['distribution', focus()?.key ?? '', s.model]}
                        rows={binRows(s, l().text)}
                        description={`Mean ${formatStat(s.mean)} ${formatCi(s.ciLow, s.ciHigh)} over ${s.scenarios} scenarios; median ${formatStat(s.median)}, SD ${formatStat(s.sd)}.`}
                      >
                        <Show when={s.histogram && s.n > 0} fallback={<p class="muted">No numeric values.</p>}>
                          <HistogramChart bins={s.histogram?.bins ?? []} total={s.n} maxShare={maxShare()} domain={domain()} xTitle={`Per-transcript value, ${l().scale}`} ariaLabel={`${s.model}: distribution of ${l().text}`} />
                        </Show>
                        <ul class="dropped-counts" aria-label={`${s.model}: counted and not counted`}>
                          <li>
                            <strong>{s.n}</strong> transcripts with a value
                          </li>
                          <li>
                            <strong>{s.na}</strong> N/A
                          </li>
                          <li>
                            <strong>{s.invalid}</strong> invalid
                          </li>
                          <li>
                            <strong>{s.failed}</strong> failed
                          </li>
                          <Show when={(s.histogram?.outside ?? 0) > 0}>
                            <li>
                              <strong>{s.histogram?.outside}</strong> outside the scale
                            </li>
                          </Show>
                        </ul>
                      </ChartFigure>
                    )}
                  </For>
                </div>
              </section>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
