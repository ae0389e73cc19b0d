import { createUniqueId, For } from 'solid-js';
import { formatStat } from '../../lib/stat-format.ts';
import { RAMP_STOPS, rampColour } from './colour.ts';

/** The heat map's colour ramp with its ends in the trait's units. */
export function RampLegend(props: { domain: readonly [number, number]; title: string }) {
  const id = `ramp-${createUniqueId()}`;
  return (
    <div class="ramp-legend">
      <span class="legend-title">{props.title}</span>
      <span class="legend-end">{formatStat(props.domain[0])}</span>
      <svg width="140" height="12" aria-hidden="true">
        <defs>
          <linearGradient id={id}>
            <For each={RAMP_STOPS}>{(stop) => <stop offset={String(stop)} stop-color={rampColour(stop)} />}</For>
          </linearGradient>
        </defs>
        <rect width="140" height="12" rx="2" fill={`url(#${id})`} />
      </svg>
      <span class="legend-end">{formatStat(props.domain[1])}</span>
    </div>
  );
}
