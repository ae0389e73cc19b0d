import { For, onMount } from 'solid-js';
import type { KeyRow } from '../lib/keys.ts';
import './keys-overlay.css';

/**
 * The keys of the current page, over the page (`?` opens it, Esc or the button closes it). One component for
 * every page that has keys: the reader, compare, labeling, and any page that lists its own rows.
 */
export function KeysOverlay(props: { keys: readonly KeyRow[]; onClose: () => void; title?: string }) {
  let close: HTMLButtonElement | undefined;
  onMount(() => close?.focus());
  return (
    <div class="keys-help-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <div class="keys-help panel" role="dialog" aria-modal="true" aria-labelledby="keys-help-heading">
        <header class="keys-help-head">
          <h2 id="keys-help-heading">{props.title ?? 'Keys'}</h2>
          <button type="button" ref={close} onClick={() => props.onClose()}>
            Close
          </button>
        </header>
        <dl class="keys-list">
          <For each={props.keys}>
            {(k) => (
              <div>
                <dt>
                  <For each={k.keys}>{(key) => <kbd>{key}</kbd>}</For>
                </dt>
                <dd>{k.what}</dd>
              </div>
            )}
          </For>
        </dl>
      </div>
    </div>
  );
}
