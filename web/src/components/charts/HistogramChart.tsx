import { For, Show } from 'solid-js';
import { linearScale, niceTicks } from '../../lib/chart-scale.ts';
import { formatStat } from '../../lib/stat-format.ts';
import { createWidth } from './use-width.ts';
import { XAxis } from './XAxis.tsx';
import './charts.css';

export interface Bin {
  low: number;
  high: number;
  count: number;
}

const HEIGHT_PX = 150;
const LEFT_PX = 40;
const RIGHT_PX = 10;
const BOTTOM_PX = 40;
const TOP_PX = 8;

/** `3` for a scale point, `0.5–1` for a bin. */
export function binLabel(bin: Bin): string {
  return bin.low === bin.high ? formatStat(bin.low) : `${formatStat(bin.low)}–${formatStat(bin.high)}`;
}

/** Scale points (low = high, a rubric's 1–5) are categories; anything else is [low, high) bins on a number line. */
export function isDiscrete(bins: readonly Bin[]): boolean {
  return bins.every((b) => b.low === b.high);
}

/**
 * One version's per-transcript values. A discrete scale (1–5) gets a bar per point; bins get bars on a
 * number line (`domain`, shared by the versions shown together, since the server bins each version over its
 * own values). Heights are shares of the version's transcripts with a value, on a y axis shared too
 * (`maxShare`), so versions of different sizes compare.
 */
export function HistogramChart(props: { bins: Bin[]; total: number; maxShare: number; domain: readonly [number, number]; xTitle: string; ariaLabel: string }) {
  const { width, ref } = createWidth(300);
  const plotRight = () => width() - RIGHT_PX;
  const y = () => linearScale([0, props.maxShare || 1], [HEIGHT_PX - BOTTOM_PX, TOP_PX]);
  const yTicks = () => niceTicks(0, props.maxShare || 1, 3);
  const share = (b: Bin) => (props.total ? b.count / props.total : 0);
  const discrete = () => isDiscrete(props.bins);
  const slot = () => (plotRight() - LEFT_PX) / Math.max(1, props.bins.length);
  const x = () => linearScale(props.domain, [LEFT_PX, plotRight()]);
  const barX = (bin: Bin, i: number) => (discrete() ? LEFT_PX + i * slot() + slot() * 0.12 : x()(bin.low) + 0.5);
  const barWidth = (bin: Bin) => Math.max(1, discrete() ? slot() * 0.76 : x()(bin.high) - x()(bin.low) - 1);
  const baseY = HEIGHT_PX - BOTTOM_PX;
  return (
    <div class="chart-box" ref={ref}>
      <svg class="chart histogram" width={width()} height={HEIGHT_PX} role="img" aria-label={props.ariaLabel}>
        <g class="axis y-axis" aria-hidden="true">
          <For each={yTicks()}>
            {(tick) => (
              <g transform={`translate(${LEFT_PX},${y()(tick)})`}>
                <line x2={plotRight() - LEFT_PX} class="grid-line" />
                <text x="-6" y="4" text-anchor="end" class="tick-label">
                  {Math.round(tick * 100)}%
                </text>
              </g>
            )}
          </For>
        </g>
        <For each={props.bins}>
          {(bin, i) => (
            <g class="bar">
              <title>{`${binLabel(bin)}: ${bin.count} transcript${bin.count === 1 ? '' : 's'} (${Math.round(share(bin) * 100)}%)`}</title>
              <rect x={barX(bin, i())} width={barWidth(bin)} y={y()(share(bin))} height={Math.max(0, baseY - y()(share(bin)))} />
              <Show when={discrete()}>
                <text class="tick-label" x={LEFT_PX + (i() + 0.5) * slot()} y={baseY + 15} text-anchor="middle">
                  {binLabel(bin)}
                </text>
              </Show>
            </g>
          )}
        </For>
        <Show
          when={discrete()}
          fallback={<XAxis scale={x()} ticks={niceTicks(props.domain[0], props.domain[1], Math.max(2, Math.floor((plotRight() - LEFT_PX) / 55)))} y={baseY} title={props.xTitle} format={formatStat} />}
        >
          <line class="axis-line" x1={LEFT_PX} x2={plotRight()} y1={baseY} y2={baseY} />
          <text class="axis-title" x={(LEFT_PX + plotRight()) / 2} y={HEIGHT_PX - 6} text-anchor="middle">
            {props.xTitle}
          </text>
        </Show>
      </svg>
    </div>
  );
}
