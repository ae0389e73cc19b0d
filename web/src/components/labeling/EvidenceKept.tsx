import { For, Show } from 'solid-js';
import type { KeptEvidence } from '../../lib/label-evidence.ts';

/** The quotes kept as evidence for the label being made, each removable; they go with it when it is saved. */
export function EvidenceKept(props: { evidence: readonly KeptEvidence[]; pairwise: boolean; onKeep: () => void; onRemove: (index: number) => void }) {
  return (
    <section class="evidence-kept" aria-labelledby="evidence-kept-heading">
      <div class="evidence-kept-head">
        <h3 id="evidence-kept-heading">
          Evidence <span class="muted">· select text in a message, then <kbd>e</kbd></span>
        </h3>
        {/* For a phone, which has no e key. Pressing it must not take the focus, or the selection, away first. */}
        <button type="button" class="keep-selection" onMouseDown={(e) => e.preventDefault()} onClick={() => props.onKeep()}>
          Keep selected text
        </button>
      </div>
      <Show when={props.evidence.length > 0} fallback={<p class="muted none-kept">No quotes kept.</p>}>
        <ul class="kept-quotes">
          <For each={props.evidence}>
            {(e, i) => (
              <li>
                <blockquote>{e.quote}</blockquote>
                <span class="evidence-meta">
                  {props.pairwise ? `${e.side === 'first' ? 'First' : 'Second'}, ` : ''}message {e.message_index}
                  {' · '}
                  <button type="button" class="link-button" aria-label={`Remove the quote from message ${e.message_index}`} onClick={() => props.onRemove(i())}>
                    remove
                  </button>
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
