import { For, Show, type JSX } from 'solid-js';
import { linearScale, niceTicks } from '../../lib/chart-scale.ts';
import type { Tone } from '../../lib/comparison-tone.ts';
import { formatCi, formatDelta, formatDeltaEnd, formatP, formatStat } from '../../lib/stat-format.ts';
import { GridLines, XAxis } from './XAxis.tsx';
import './charts.css';

export interface ForestRow {
  key: string;
  label: JSX.Element;
  /** The label as text, for the row's accessible name. */
  labelText: string;
  delta: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  pHolm: number | null;
  effectSize: number | null;
  n: number;
  tone: Tone;
  why: string;
}

const PLOT_PX = 240;
const ROW_PX = 26;
const PAD_PX = 12;

/**
 * Paired deltas (b − a) of several traits on one scale, each with its 95% CI against the zero line, as a
 * table: the trait, the interval drawn, and its numbers (Holm-adjusted p, effect size d_z, shared scenarios).
 * A row's button opens what `detail` shows under it — the scenarios that moved most.
 */
export function ForestPlot(props: {
  rows: ForestRow[];
  domain: readonly [number, number];
  axisTitle: string;
  caption: string;
  open: string | null;
  onToggle: (key: string) => void;
  detail: (row: ForestRow) => JSX.Element;
}) {
  const x = () => linearScale(props.domain, [PAD_PX, PLOT_PX - PAD_PX]);
  const ticks = () => niceTicks(props.domain[0], props.domain[1], 4);
  const clamp = (n: number) => Math.min(props.domain[1], Math.max(props.domain[0], n));
  return (
    <div class="table-wrap forest">
      <table class="matrix forest-table">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Trait</th>
            <th scope="col" class="plot-col">
              Δ with 95% CI
            </th>
            <th scope="col" class="num">
              Δ [95% CI]
            </th>
            <th scope="col" class="num" title="Two-sided sign-flip permutation test over shared scenarios">
              p
            </th>
            <th scope="col" class="num" title="Holm-adjusted across the traits compared">
              p (Holm)
            </th>
            <th scope="col" class="num" title="Cohen's d_z: mean delta / SD of the deltas">
              d<sub>z</sub>
            </th>
            <th scope="col" class="num" title="Shared scenarios (both versions have a value)">
              n
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <>
                <tr class={`forest-row tone-${row.tone}`} classList={{ selected: props.open === row.key }} title={row.why}>
                  <th scope="row">
                    <button type="button" class="link-button forest-toggle" aria-expanded={props.open === row.key} onClick={() => props.onToggle(row.key)}>
                      <span class="toggle-mark" aria-hidden="true">
                        {props.open === row.key ? '▾' : '▸'}
                      </span>
                      {row.label}
                    </button>
                  </th>
                  <td class="plot-col">
                    <svg class="chart forest-svg" width={PLOT_PX} height={ROW_PX} role="img" aria-label={`${row.labelText}: delta ${formatDelta(row.delta)}, 95% CI ${formatCi(row.ciLow, row.ciHigh)}`}>
                      <GridLines scale={x()} ticks={ticks()} top={0} bottom={ROW_PX} zero />
                      <Show when={row.delta !== null}>
                        <Show when={row.ciLow !== null && row.ciHigh !== null}>
                          <line class="whisker" x1={x()(clamp(row.ciLow ?? 0))} x2={x()(clamp(row.ciHigh ?? 0))} y1={ROW_PX / 2} y2={ROW_PX / 2} />
                        </Show>
                        <rect class="dot" x={x()(clamp(row.delta ?? 0)) - 5} y={ROW_PX / 2 - 5} width="10" height="10" />
                      </Show>
                    </svg>
                  </td>
                  <td class="num">
                    <span class="delta-value">{formatDelta(row.delta)}</span> <span class="ci">{formatCi(row.ciLow, row.ciHigh, formatDeltaEnd)}</span>
                  </td>
                  <td class="num">{formatP(row.pValue)}</td>
                  <td class="num p-holm">{formatP(row.pHolm)}</td>
                  <td class="num">{formatStat(row.effectSize)}</td>
                  <td class="num">{row.n}</td>
                </tr>
                <Show when={props.open === row.key}>
                  <tr class="forest-detail">
                    <td colSpan={7}>{props.detail(row)}</td>
                  </tr>
                </Show>
              </>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <td />
            <td class="plot-col">
              <svg class="chart forest-axis" width={PLOT_PX} height="46" aria-hidden="true">
                <XAxis scale={x()} ticks={ticks()} y={2} title={props.axisTitle} format={(n) => (n === 0 ? '0' : formatDelta(n, 3))} />
              </svg>
            </td>
            <td colSpan={5} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
