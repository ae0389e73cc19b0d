import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { TraitSummary } from '../../api/client.ts';
import type { TraitComparison } from '../../api/stats.ts';
import { TONE_BADGES } from '../../lib/comparison-tone.ts';
import { cellTone, type OverviewRow } from '../../lib/overview.ts';
import { formatCi, formatDelta, formatDeltaEnd, formatP, formatStat } from '../../lib/stat-format.ts';
import type { TraitLabel } from '../../lib/trait-label.ts';
import { TraitName } from '../TraitName.tsx';

function cellTitle(s: TraitSummary, paired: TraitComparison | undefined, why: string, baseline: string): string {
  const dropped = [s.na ? `${s.na} N/A` : '', s.invalid ? `${s.invalid} invalid` : '', s.failed ? `${s.failed} failed` : ''].filter(Boolean).join(', ');
  const mean = s.mean === null
    ? (s.reason ?? 'no value')
    : `Mean over ${s.scenarios} scenarios of the mean of their transcripts (${s.n} transcripts); 95% CI ${formatCi(s.ciLow, s.ciHigh)} by bootstrap over scenarios`;
  const vs = paired
    ? `; against ${baseline} on ${paired.n} shared scenarios: Δ ${formatDelta(paired.meanDelta)} ${formatCi(paired.ciLow, paired.ciHigh, formatDeltaEnd)}, Holm-adjusted p ${formatP(paired.pHolm)} — ${why}`
    : '';
  return `${mean}${dropped ? `; not counted: ${dropped}` : ''}${vs}`;
}

/** Versions across, traits down: each cell the mean with its 95% CI and n, coloured against the baseline where that holds. */
export function OverviewMatrix(props: {
  rows: OverviewRow<TraitSummary>[];
  versions: readonly string[];
  baseline: string;
  labelOf: (row: OverviewRow<TraitSummary>) => TraitLabel;
  pairedOf: (version: string, key: string) => TraitComparison | undefined;
  compareHref: (version: string, key: string) => string;
}) {
  return (
    <div class="table-wrap">
      <table class="matrix overview-matrix">
        <caption class="visually-hidden">Trait means with 95% CIs per model version, against the baseline {props.baseline}</caption>
        <thead>
          <tr>
            <th scope="col">Trait</th>
            <For each={props.versions}>
              {(v) => (
                <th scope="col" class="num version-col" data-version={v}>
                  <A href={`/transcripts?model=${encodeURIComponent(v)}`}>{v}</A>
                  <Show when={v === props.baseline}>
                    <span class="version-role">baseline</span>
                  </Show>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr data-row={row.key}>
                <th scope="row" class="trait-label-cell">
                  <TraitName label={props.labelOf(row)} />
                </th>
                <For each={props.versions}>
                  {(v) => {
                    const s = () => row.cells.get(v);
                    const paired = () => (v === props.baseline ? undefined : props.pairedOf(v, row.key));
                    const tone = () => cellTone(row, v, props.baseline, paired());
                    return (
                      <td class={`num cell tone-${tone().tone}`} data-version={v} data-mean={s()?.mean ?? ''} data-tone={tone().tone}>
                        <Show when={s()} fallback={<span class="muted" title="No scores from this source">·</span>}>
                          {(summary) => (
                            <span title={cellTitle(summary(), paired(), tone().why, props.baseline)}>
                              <Show when={summary().mean !== null} fallback={<span class="muted">{summary().reason ?? 'no value'}</span>}>
                                <span class="mean">{formatStat(summary().mean)}</span> <span class="ci">{formatCi(summary().ciLow, summary().ciHigh)}</span>{' '}
                                <span class="n">n={summary().scenarios}</span>
                              </Show>
                              <Show when={TONE_BADGES[tone().tone]}>
                                <A class="badge" href={props.compareHref(v, row.key)}>
                                  {TONE_BADGES[tone().tone]}
                                </A>
                              </Show>
                            </span>
                          )}
                        </Show>
                      </td>
                    );
                  }}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
