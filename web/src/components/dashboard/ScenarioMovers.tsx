import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { TraitComparison } from '../../api/stats.ts';
import { compareHref } from '../../lib/compare-links.ts';
import type { ExportRow } from '../../lib/export-rows.ts';
import { formatDelta, formatStat } from '../../lib/stat-format.ts';
import { ExportButtons } from './ExportButtons.tsx';

/** How many of the scenarios that moved most a forest row opens. */
export const MOVERS = 10;

/** The compare view has four columns: two samples a side at most. */
export function moverIds(s: { transcriptsA: readonly string[]; transcriptsB: readonly string[] }): string[] {
  return [...s.transcriptsA.slice(0, 2), ...s.transcriptsB.slice(0, 2)];
}

export function moverRows(item: TraitComparison, label: string): ExportRow[] {
  return item.scenarios.slice(0, MOVERS).map((s) => ({
    trait: label,
    scenario: s.key,
    title: s.title,
    a: item.a,
    b: item.b,
    meanA: s.a,
    meanB: s.b,
    delta: s.delta,
    transcriptsA: s.transcriptsA.join(' '),
    transcriptsB: s.transcriptsB.join(' '),
  }));
}

/** The shared scenarios whose delta is largest, each opening its transcripts side by side. */
export function ScenarioMovers(props: { item: TraitComparison; label: string }) {
  return (
    <div class="movers">
      <div class="section-head">
        <h4>
          Scenarios that moved most ({Math.min(MOVERS, props.item.scenarios.length)} of {props.item.n})
        </h4>
        <ExportButtons name={['movers', props.item.trait.slug, props.item.source, props.item.a, props.item.b]} rows={() => moverRows(props.item, props.label)} what="these scenarios" />
      </div>
      <table class="matrix movers-table">
        <thead>
          <tr>
            <th scope="col">Scenario</th>
            <th scope="col" class="num">
              {props.item.a}
            </th>
            <th scope="col" class="num">
              {props.item.b}
            </th>
            <th scope="col" class="num">
              Δ
            </th>
            <th scope="col">Side by side</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.item.scenarios.slice(0, MOVERS)}>
            {(s) => (
              <tr>
                <th scope="row">
                  <A href={`/scenarios/${encodeURIComponent(s.scenarioId)}`}>{s.title || s.key}</A>
                </th>
                <td class="num" title={`Mean of ${s.transcriptsA.length} transcript(s)`}>
                  {formatStat(s.a)}
                </td>
                <td class="num" title={`Mean of ${s.transcriptsB.length} transcript(s)`}>
                  {formatStat(s.b)}
                </td>
                <td class="num delta">{formatDelta(s.delta)}</td>
                <td>
                  <Show when={moverIds(s).length >= 2} fallback={<span class="muted">—</span>}>
                    <A class="compare-link" href={compareHref(moverIds(s), props.item.trait.slug)}>
                      compare {moverIds(s).length} transcripts
                    </A>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
