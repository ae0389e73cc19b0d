import { createMemo, For, Index, Show } from 'solid-js';
import type { TraitValue } from '../api/client.ts';
import { delta, deltaTone } from '../lib/score-summary.ts';
import { formatScoreValue } from '../lib/scores.ts';
import { identityFromSlug } from '../lib/trait-label.ts';
import { traitCatalogue } from '../stores/trait-catalogue.ts';
import { TraitName } from './TraitName.tsx';

function signed(n: number): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${formatScoreValue(Math.abs(n))}`;
}

/**
 * Traits side by side: each transcript's value per trait and source (the server's one rule), and for every
 * column after the first, its change from the first, coloured by the trait's polarity.
 */
export function CompareTraitTable(props: { labels: string[]; summaries: TraitValue[][]; selectedTrait: string; onTrait: (trait: string) => void }) {
  const rows = createMemo(() => {
    const keys = new Map<string, { trait: string; title: string; source: string; polarity: string }>();
    for (const list of props.summaries) for (const s of list) keys.set(`${s.trait}\u0000${s.source}`, { trait: s.trait, title: s.title, source: s.source, polarity: s.polarity });
    return [...keys.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, info]) => ({ key, ...info, cells: props.summaries.map((list) => list.find((s) => `${s.trait}\u0000${s.source}` === key)) }));
  });
  return (
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
                  <Show when={i > 0}>
                    <th scope="col" class="num delta-col" title={`Change from ${props.labels[0] ?? 'the first column'}`}>
                      Δ
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
                    const change = () => delta(row.cells[0]?.value, cell()?.value);
                    return (
                      <>
                        <td class="num" title={cell()?.basis ?? 'not scored'}>
                          {cell()?.value !== null && cell()?.value !== undefined ? formatScoreValue(cell()?.value ?? 0) : (cell()?.category ?? '—')}
                        </td>
                        <Show when={i > 0}>
                          <td class={`num delta tone-${deltaTone(change(), row.polarity)}`}>{change() === null ? '' : signed(change() ?? 0)}</td>
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
  );
}
