import { For, Show } from 'solid-js';
import { traitCatalogue } from '../stores/trait-catalogue.ts';

/** Which colour is which trait, for the marks beside turns and the evidence highlights of a page. */
export function TraitLegend(props: { traits: readonly string[]; colourOf: (slug: string) => string; what?: string }) {
  return (
    <Show when={props.traits.length > 0}>
      <ul class="trait-legend" aria-label={props.what ?? 'Trait colours'}>
        <li class="muted">{props.what ?? 'Highlights and marks by trait:'}</li>
        <For each={props.traits}>
          {(slug) => (
            <li class={props.colourOf(slug)} data-trait={slug} title={traitCatalogue.label(slug).text}>
              <span class="trait-swatch" aria-hidden="true" />
              {traitCatalogue.label(slug).title}
              <span class="muted"> · {traitCatalogue.label(slug).scale}</span>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
