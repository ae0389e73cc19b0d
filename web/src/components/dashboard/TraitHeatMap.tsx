import { createMemo, createResource, For, Show } from 'solid-js';
import { comparePaired } from '../../api/stats.ts';
import { valueDomain } from '../../lib/chart-scale.ts';
import type { TraitKey } from '../../lib/dashboard-params.ts';
import type { ExportRow } from '../../lib/export-rows.ts';
import { heatMapRows, sortHeatRows, type HeatRow, type HeatSort } from '../../lib/heat-map.ts';
import type { TraitLabel, TraitScaleLike } from '../../lib/trait-label.ts';
import { HeatMapTable } from '../charts/HeatMapTable.tsx';
import { RampLegend } from '../charts/RampLegend.tsx';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { ChartFigure } from './ChartFigure.tsx';
import { TraitName } from '../TraitName.tsx';

export function heatExportRows(rows: readonly HeatRow[], label: string, baseline: string, compared: string): ExportRow[] {
  return rows.flatMap((r) =>
    r.cells.map((c) => ({
      trait: label,
      scenario: r.key,
      title: r.title,
      version: c.version,
      mean: c.mean,
      transcripts: c.transcripts.join(' '),
      baseline,
      compared,
      deltaComparedMinusBaseline: r.delta,
    })),
  );
}

/**
 * One trait's scenario × version heat map: the baseline against each other version (GET /stats/compare per
 * pair), so every cell is a per-scenario mean the server computed under the one rule.
 */
export function TraitHeatMap(props: {
  trait: TraitKey;
  label: TraitLabel;
  scale: TraitScaleLike;
  versions: readonly string[];
  baseline: string;
  compared: string;
  sort: HeatSort;
  onSort: (sort: HeatSort) => void;
}) {
  const ask = createMemo(() => JSON.stringify({ trait: props.trait, baseline: props.baseline, others: props.versions.filter((v) => v !== props.baseline) }));
  const [answers] = createResource(ask, async (key) => {
    const q: { trait: TraitKey; baseline: string; others: string[] } = JSON.parse(key);
    return Promise.all(
      q.others.map(async (version) => {
        try {
          const c = await comparePaired({ trait: q.trait.slug, source: q.trait.source, a: q.baseline, b: version });
          return { version, scenarios: c.scenarios, truncated: c.n > c.scenarios.length, error: null };
        } catch (error) {
          return { version, scenarios: [], truncated: false, error };
        }
      }),
    );
  });
  const rows = createMemo(() => sortHeatRows(heatMapRows({ baseline: props.baseline, compared: props.compared, versions: props.versions, comparisons: answers.latest ?? [] }), props.sort));
  const domain = createMemo(() => valueDomain(props.scale, rows().flatMap((r) => r.cells.flatMap((c) => (c.mean === null ? [] : [c.mean])))));
  return (
    <ChartFigure
      class="heat-figure"
      title={
        <>
          Scenarios × versions: <TraitName label={props.label} />
        </>
      }
      titleText={`scenarios by version, ${props.label.text}`}
      description={`Each cell: the mean of that version’s transcripts of the scenario. A cell opens them beside ${props.baseline}’s (the baseline’s own cells beside ${props.compared}’s). Δ = ${props.compared} − ${props.baseline}. Scenarios a version shares with the baseline only.`}
      legend={<RampLegend domain={domain()} title={`Mean, ${props.label.scale}`} />}
      rows={heatExportRows(rows(), props.label.text, props.baseline, props.compared)}
      exportName={['heatmap', props.trait.slug, props.trait.source, props.baseline, props.compared]}
    >
      <Show when={answers.loading && !answers.latest}>
        <p class="loading">Loading scenarios…</p>
      </Show>
      <For each={(answers.latest ?? []).filter((a) => a.error !== null)}>{(a) => <ErrorPanel error={a.error} title={`No scenarios shared by ${props.baseline} and ${a.version}`} />}</For>
      <Show when={(answers.latest ?? []).some((a) => a.truncated)}>
        <p class="notice">The server lists the 200 scenarios that moved most per pair; the others are not shown.</p>
      </Show>
      <Show when={rows().length > 0}>
        <HeatMapTable
          rows={rows()}
          trait={props.trait.slug}
          versions={props.versions}
          baseline={props.baseline}
          compared={props.compared}
          domain={domain()}
          sort={props.sort}
          onSort={props.onSort}
          caption={`Per-scenario means of ${props.label.text} by version`}
        />
      </Show>
    </ChartFigure>
  );
}
