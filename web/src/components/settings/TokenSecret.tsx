import { createSignal, Show } from 'solid-js';
import type { CreatedToken } from '../../api/admin.ts';

/** Selects an element's text, so that a failed copy leaves the user one key press from doing it by hand. */
function selectContents(element: HTMLElement | undefined) {
  const selection = window.getSelection();
  if (!element || !selection) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}

/**
 * A new token's secret, the one time it exists outside its owner's script: the server keeps only its hash and
 * never returns it again. It stays on screen until the user says they have it.
 */
export function TokenSecret(props: { token: CreatedToken; onDone: () => void }) {
  const [copy, setCopy] = createSignal<'idle' | 'copied' | 'failed'>('idle');
  let secret: HTMLElement | undefined;

  async function copySecret() {
    try {
      // Missing on pages not served over HTTPS or localhost; refused without the clipboard permission.
      await navigator.clipboard.writeText(props.token.token);
      setCopy('copied');
    } catch {
      selectContents(secret);
      setCopy('failed');
    }
  }

  return (
    <section class="panel token-secret" aria-labelledby="token-secret-heading">
      <h2 id="token-secret-heading">New token “{props.token.name}”</h2>
      <p class="secret-warning">
        <strong>Copy the token now: it will not be shown again.</strong> charlens stores only a hash of it. If it is lost, revoke it and create another.
      </p>
      <div class="secret-row">
        <code class="secret" ref={secret} data-secret>
          {props.token.token}
        </code>
        <button type="button" onClick={() => void copySecret()}>
          Copy
        </button>
      </div>
      <p class="copy-state" aria-live="polite">
        <Show when={copy() === 'copied'}>Copied to the clipboard.</Show>
        <Show when={copy() === 'failed'}>The browser did not allow copying: the token is selected, press Ctrl+C (⌘C on a Mac).</Show>
      </p>
      <p class="muted">
        Scopes: {props.token.scopes.join(', ')}. Scripts send it as <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <button type="button" class="primary" onClick={() => props.onDone()}>
        I have copied it
      </button>
    </section>
  );
}
