import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { compareHref } from '../../lib/compare-links.ts';
import { cellCompareIds, type HeatRow, type HeatSort } from '../../lib/heat-map.ts';
import { formatDelta, formatStat } from '../../lib/stat-format.ts';
import { inkOn, rampColour } from './colour.ts';
import './charts.css';

const SORTS: readonly { sort: HeatSort; label: string }[] = [
  { sort: 'delta-desc', label: 'Δ high first' },
  { sort: 'delta-asc', label: 'Δ low first' },
  { sort: 'abs-desc', label: '|Δ| first' },
  { sort: 'key', label: 'Scenario' },
];

/**
 * Scenarios down, versions across, each cell the mean of that version's transcripts of the scenario, darker
 * for higher on the trait's scale. Every cell is a link to those transcripts beside the baseline's, and the
 * last column is the delta between the two versions compared, which the rows can be sorted by.
 */
export function HeatMapTable(props: {
  rows: HeatRow[];
  /** The trait's slug: the compare view opens on its lane. */
  trait: string;
  versions: readonly string[];
  baseline: string;
  compared: string;
  domain: readonly [number, number];
  sort: HeatSort;
  onSort: (sort: HeatSort) => void;
  caption: string;
}) {
  const t = (v: number) => (v - props.domain[0]) / (props.domain[1] - props.domain[0] || 1);
  return (
    <div class="heat-wrap">
      <div class="sort-buttons" role="group" aria-label="Sort scenarios">
        <span class="muted">Sort:</span>
        <For each={SORTS}>
          {(s) => (
            <button type="button" class="chip-button" aria-pressed={props.sort === s.sort} onClick={() => props.onSort(s.sort)}>
              {s.label}
            </button>
          )}
        </For>
      </div>
      <div class="table-wrap heat-scroll">
        <table class="matrix heat-map">
          <caption class="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">Scenario</th>
              <For each={props.versions}>
                {(v) => (
                  <th scope="col" class="num heat-version" classList={{ baseline: v === props.baseline, compared: v === props.compared }}>
                    {v}
                    <Show when={v === props.baseline}>
                      <span class="version-role">baseline</span>
                    </Show>
                  </th>
                )}
              </For>
              <th scope="col" class="num" title={`${props.compared} − ${props.baseline}`}>
                Δ
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr data-scenario={row.key}>
                  <th scope="row" class="heat-scenario">
                    <A href={`/scenarios/${encodeURIComponent(row.scenarioId)}`} title={row.title ?? row.key}>
                      {row.title || row.key}
                    </A>
                  </th>
                  <For each={row.cells}>
                    {(cell) => {
                      const ids = () => cellCompareIds(row, cell.version, props.baseline, props.compared);
                      const shade = () => (cell.mean === null ? null : t(cell.mean));
                      return (
                        <td class="num heat-cell" data-version={cell.version}>
                          <Show when={cell.mean !== null} fallback={<span class="muted" title={`${cell.version} has no value on this scenario`}>·</span>}>
                            <Show
                              when={ids().length > 0}
                              fallback={
                                <span class={`heat-swatch ink-${inkOn(shade() ?? 0)}`} style={{ 'background-color': rampColour(shade() ?? 0) }}>
                                  {formatStat(cell.mean)}
                                </span>
                              }
                            >
                              <A
                                class={`heat-swatch ink-${inkOn(shade() ?? 0)}`}
                                style={{ 'background-color': rampColour(shade() ?? 0) }}
                                href={compareHref(ids(), props.trait)}
                                data-ids={ids().join(',')}
                                title={`${cell.version}: mean ${formatStat(cell.mean)} over ${cell.transcripts.length} transcript${cell.transcripts.length === 1 ? '' : 's'} — open beside ${cell.version === props.baseline ? props.compared : props.baseline}`}
                              >
                                {formatStat(cell.mean)}
                              </A>
                            </Show>
                          </Show>
                        </td>
                      );
                    }}
                  </For>
                  <td class="num delta">{formatDelta(row.delta)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </div>
  );
}
