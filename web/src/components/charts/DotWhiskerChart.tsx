import { For, Show } from 'solid-js';
import { linearScale, niceTicks } from '../../lib/chart-scale.ts';
import type { Tone } from '../../lib/comparison-tone.ts';
import { createWidth } from './use-width.ts';
import { GridLines, XAxis } from './XAxis.tsx';
import './charts.css';

export interface DotRow {
  key: string;
  label: string;
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  tone?: Tone | undefined;
  /** The row as a link (keyboard-reachable: SVG links take focus like any other). */
  href?: string | undefined;
  /** Says what the dot is the mean of, and why it has its colour. */
  title: string;
  baseline?: boolean;
}

const ROW_PX = 30;
const TOP_PX = 10;
const AXIS_PX = 48;
const RIGHT_PX = 16;

/**
 * Means with their 95% CIs, one row each (versions of a trait, or traits' alphas), on one axis in the trait's
 * units. The baseline row's mean is a dashed line through all rows, so each version reads against it.
 */
export function DotWhiskerChart(props: { rows: DotRow[]; domain: readonly [number, number]; axisTitle: string; ariaLabel: string; format?: (n: number) => string }) {
  const { width, ref } = createWidth(480);
  const labelPx = () => Math.min(170, Math.round(width() * 0.36));
  const x = () => linearScale(props.domain, [labelPx() + 8, width() - RIGHT_PX]);
  const ticks = () => niceTicks(props.domain[0], props.domain[1], Math.min(10, Math.max(4, Math.floor((width() - labelPx()) / 90))));
  const height = () => TOP_PX + props.rows.length * ROW_PX + AXIS_PX;
  const plotBottom = () => TOP_PX + props.rows.length * ROW_PX;
  const baselineMean = () => props.rows.find((r) => r.baseline)?.mean ?? null;
  const clamp = (n: number) => Math.min(props.domain[1], Math.max(props.domain[0], n));

  return (
    <div class="chart-box" ref={ref}>
      <svg class="chart dot-whisker" width={width()} height={height()} role="img" aria-label={props.ariaLabel}>
        <GridLines scale={x()} ticks={ticks()} top={TOP_PX} bottom={plotBottom()} />
        <Show when={baselineMean() !== null}>
          <line class="baseline-line" x1={x()(baselineMean() ?? 0)} x2={x()(baselineMean() ?? 0)} y1={TOP_PX} y2={plotBottom()} />
        </Show>
        <For each={props.rows}>
          {(row, i) => {
            const y = () => TOP_PX + i() * ROW_PX + ROW_PX / 2;
            const mark = (
              <g class={`dot-row tone-${row.tone ?? 'none'}`} classList={{ baseline: row.baseline === true }}>
                <title>{row.title}</title>
                {/* A full-width band: the whole row is the target, not a 10-pixel dot. */}
                <rect class="row-band" x="0" y={y() - ROW_PX / 2} width={width()} height={ROW_PX} />
                <text class="row-label" x={labelPx()} y={y() + 4} text-anchor="end">
                  {row.label}
                </text>
                <Show when={row.mean !== null} fallback={<text class="no-value" x={labelPx() + 12} y={y() + 4}>no value</text>}>
                  <Show when={row.ciLow !== null && row.ciHigh !== null}>
                    <line class="whisker" x1={x()(clamp(row.ciLow ?? 0))} x2={x()(clamp(row.ciHigh ?? 0))} y1={y()} y2={y()} />
                    <line class="whisker-cap" x1={x()(clamp(row.ciLow ?? 0))} x2={x()(clamp(row.ciLow ?? 0))} y1={y() - 5} y2={y() + 5} />
                    <line class="whisker-cap" x1={x()(clamp(row.ciHigh ?? 0))} x2={x()(clamp(row.ciHigh ?? 0))} y1={y() - 5} y2={y() + 5} />
                  </Show>
                  <circle class="dot" cx={x()(clamp(row.mean ?? 0))} cy={y()} r="5.5" />
                </Show>
              </g>
            );
            // The link sits in a <g>: on its own, JSX would make an HTML <a>, which an SVG does not draw.
            return (
              <Show when={row.href} fallback={mark}>
                {(href) => (
                  <g>
                    <a href={href()} class="chart-link" aria-label={row.title}>
                      {mark}
                    </a>
                  </g>
                )}
              </Show>
            );
          }}
        </For>
        <XAxis scale={x()} ticks={ticks()} y={plotBottom()} title={props.axisTitle} format={props.format} />
      </svg>
    </div>
  );
}
