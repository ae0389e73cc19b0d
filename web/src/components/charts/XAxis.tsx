import { For } from 'solid-js';
import type { LinearScale } from '../../lib/chart-scale.ts';

/** A horizontal axis: its line, ticks with labels, and the axis title saying what and in which unit. */
export function XAxis(props: { scale: LinearScale; ticks: readonly number[]; y: number; title: string; format?: (n: number) => string }) {
  const fmt = (n: number) => (props.format ? props.format(n) : String(n).replace('-', '−'));
  const x0 = () => props.scale.range[0];
  const x1 = () => props.scale.range[1];
  return (
    <g class="axis x-axis" aria-hidden="true">
      <line x1={x0()} x2={x1()} y1={props.y} y2={props.y} class="axis-line" />
      <For each={props.ticks}>
        {(t) => (
          <g transform={`translate(${props.scale(t)},${props.y})`}>
            <line y2="5" class="axis-tick" />
            <text y="17" text-anchor="middle" class="tick-label">
              {fmt(t)}
            </text>
          </g>
        )}
      </For>
      <text x={(x0() + x1()) / 2} y={props.y + 36} text-anchor="middle" class="axis-title">
        {props.title}
      </text>
    </g>
  );
}

/** Faint vertical lines at the ticks, behind the marks. */
export function GridLines(props: { scale: LinearScale; ticks: readonly number[]; top: number; bottom: number; zero?: boolean }) {
  return (
    <g class="grid" aria-hidden="true">
      <For each={props.ticks}>{(t) => <line x1={props.scale(t)} x2={props.scale(t)} y1={props.top} y2={props.bottom} classList={{ 'grid-line': true, 'zero-line': props.zero === true && t === 0 }} />}</For>
    </g>
  );
}
