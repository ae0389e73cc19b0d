import { Show } from 'solid-js';
import type { TraitLabel } from '../lib/trait-label.ts';
import './trait-name.css';

/**
 * A trait's label as markup: the title, then where it comes from and its scale in smaller type. The
 * separators are text, so the element reads (and copies) exactly as `label.text`. `stacked` puts the origin
 * and scale on a second line, for narrow column heads.
 */
export function TraitName(props: { label: TraitLabel; stacked?: boolean }) {
  return (
    <span class="trait-name" classList={{ stacked: props.stacked === true }} title={props.label.text}>
      <span class="trait-title">{props.label.title}</span>
      <span class="trait-meta">
        <span class="lead-sep">{' · '}</span>
        <span class="trait-origin">{props.label.origin}</span>
        {' · '}
        <span class="trait-scale">{props.label.scale}</span>
        <Show when={props.label.scoreSource}>
          {(s) => (
            <>
              {' · '}
              <span class="trait-score-source">{s()}</span>
            </>
          )}
        </Show>
      </span>
    </span>
  );
}
