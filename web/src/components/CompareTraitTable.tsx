import { createMemo, For, Index, Show } from 'solid-js';
import type { TraitValue } from '../api/client.ts';
import { delta } from '../lib/score-summary.ts';
import { formatScoreValue } from '../lib/scores.ts';
import { identityFromSlug } from '../lib/trait-label.ts';
import { traitCatalogue } from '../stores/trait-catalogue.ts';
import { TraitName } from './TraitName.tsx';

/** Why a Δ here has no colour: the colour rule (lib/comparison-tone.ts) needs a paired interval over scenarios. */
const DELTA_NOTE = 'One transcript against another: no interval, so no better/worse colour. The dashboards compare versions over scenarios.';

function signed(n: number): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${formatScoreValue(Math.abs(n))}`;
}

/**
 * Traits side by side: each transcript's value per trait and source (the server's one rule), and for every
 * other column, its change from the baseline column (which the reader picks). Uncoloured: these are single
 * transcripts, and a better/worse colour is only made by the dashboards' colour rule, over scenarios.
 */
export function CompareTraitTable(props: {
  labels: string[];
  summaries: TraitValue[][];
  selectedTrait: string;
  baseline: number;
  onBaseline: (column: number) => void;
  onTrait: (trait: string) => void;
}) {
  const baseLabel = () => props.labels[props.baseline] ?? 'the first column';
  const rows = createMemo(() => {
    const keys = new Map<string, { trait: string; title: string; source: string; polarity: string }>();
    for (const list of props.summaries) for (const s of list) keys.set(`${s.trait}\u0000${s.source}`, { trait: s.trait, title: s.title, source: s.source, polarity: s.polarity });
    return [...keys.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, info]) => ({ key, ...info, cells: props.summaries.map((list) => list.find((s) => `${s.trait}\u0000${s.source}` === key)) }));
  });
  return (
    <>
    <label class="inline baseline-pick">
      Δ against
      <select onChange={(e) => props.onBaseline(Number(e.currentTarget.value))}>
        <Index each={props.labels}>
          {(label, i) => (
            <option value={i} selected={i === props.baseline}>
              {label()}
            </option>
          )}
        </Index>
      </select>
    </label>
    <div class="table-wrap compare-traits">
      <table class="matrix">
        <thead>
          <tr>
            <th scope="col">Trait</th>
            <th scope="col">Source</th>
            <Index each={props.labels}>
              {(label, i) => (
                <>
                  <th scope="col" class="num">
                    {label()}
                  </th>
                  <Show when={i !== props.baseline}>
                    <th scope="col" class="num delta-col" title={`${label()} minus ${baseLabel()}`}>
                      Δ vs {baseLabel()}
                    </th>
                  </Show>
                </>
              )}
            </Index>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(row) => (
              <tr classList={{ selected: row.trait === props.selectedTrait }}>
                <th scope="row">
                  <button type="button" class="link-button trait-pick" title={`${traitCatalogue.label(row.trait).text}: show its lane and evidence`} onClick={() => props.onTrait(row.trait)}>
                    <TraitName label={traitCatalogue.label(row.trait, { known: identityFromSlug(row.trait, row.title) })} />
                  </button>
                </th>
                <td>
                  <span class={`source source-${row.source}`}>{row.source}</span>
                </td>
                <Index each={row.cells}>
                  {(cell, i) => {
                    const change = () => delta(row.cells[props.baseline]?.value, cell()?.value);
                    return (
                      <>
                        <td class="num" title={cell()?.basis ?? 'not scored'}>
                          {cell()?.value !== null && cell()?.value !== undefined ? formatScoreValue(cell()?.value ?? 0) : (cell()?.category ?? '—')}
                        </td>
                        <Show when={i !== props.baseline}>
                          <td class="num delta" title={DELTA_NOTE}>
                            {change() === null ? '' : signed(change() ?? 0)}
                          </td>
                        </Show>
                      </>
                    );
                  }}
                </Index>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
    </>
  );
}
