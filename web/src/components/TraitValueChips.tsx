import { For, Show } from 'solid-js';
import type { RowTraitValue } from '../api/client.ts';
import { formatScoreValue } from '../lib/scores.ts';
import { traitCatalogue } from '../stores/trait-catalogue.ts';

const SOURCE_LETTER: Record<string, string> = { judge: 'J', import: 'I', human: 'H' };
const SOURCE_WORD: Record<string, string> = { judge: 'judge', import: 'imported', human: 'human' };

/**
 * A transcript's values of one trait, one chip per source, as every table shows them: the value the server's
 * one rule made, a letter badge for the source, and a tooltip saying what the value is the mean of.
 */
export function TraitValueChips(props: { values: RowTraitValue[] }) {
  return (
    <Show when={props.values.length > 0} fallback={<span class="muted">·</span>}>
      <For each={props.values}>
        {(v) => (
          <span class={`trait-value by-${v.source}`} title={`${traitCatalogue.label(v.trait).short} · ${SOURCE_WORD[v.source] ?? v.source}: ${v.basis}`}>
            {v.value !== null ? formatScoreValue(v.value) : (v.category ?? 'N/A')}
            <sub>{SOURCE_LETTER[v.source] ?? v.source}</sub>
          </span>
        )}
      </For>
    </Show>
  );
}
