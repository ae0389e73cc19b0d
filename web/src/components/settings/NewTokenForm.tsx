import { createSignal, For } from 'solid-js';
import { createToken, type CreatedToken, type TokenScope } from '../../api/admin.ts';
import { initialScopes, scopeChoices, withScope } from '../../lib/token-scopes.ts';
import { errorText, Feedback, type Notice } from './Feedback.tsx';

/** Names a new token and picks its scopes, from those the caller has (GET /auth/me). */
export function NewTokenForm(props: { granted: readonly TokenScope[]; onCreated: (token: CreatedToken) => void }) {
  const choices = () => scopeChoices(props.granted);
  const [name, setName] = createSignal('');
  const [scopes, setScopes] = createSignal<TokenScope[]>(initialScopes(choices()));
  const [notice, setNotice] = createSignal<Notice>(null);
  const [busy, setBusy] = createSignal(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (scopes().length === 0) {
      setNotice({ kind: 'error', text: 'Tick at least one scope: a token without one can do nothing.' });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const token = await createToken(name().trim(), scopes());
      setName('');
      setScopes(initialScopes(choices()));
      props.onCreated(token);
    } catch (err) {
      setNotice({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="panel form new-token" onSubmit={(e) => void submit(e)} aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">Create a token</h2>
      <label>
        <span>
          Name <span class="hint">(what uses it, e.g. nightly-eval-upload)</span>
        </span>
        <input type="text" name="token-name" required maxLength={100} autocomplete="off" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <fieldset class="scopes">
        <legend>Scopes</legend>
        <For each={choices()}>
          {(c) => (
            <label class="check scope-option">
              <input type="checkbox" name="scope" value={c.scope} checked={scopes().includes(c.scope)} onChange={(e) => setScopes(withScope(scopes(), c.scope, e.currentTarget.checked))} />
              <span>
                <code>{c.scope}</code> <span class="muted">{c.description}</span>
              </span>
            </label>
          )}
        </For>
      </fieldset>
      <Feedback notice={notice()} />
      <button type="submit" class="primary" disabled={busy()}>
        {busy() ? 'Creating…' : 'Create token'}
      </button>
    </form>
  );
}
