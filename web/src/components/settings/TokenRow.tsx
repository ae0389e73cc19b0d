import { createSignal, For, Show } from 'solid-js';
import { revokeToken, type TokenItem } from '../../api/admin.ts';
import { formatAgo, formatDateTime } from '../../lib/format.ts';
import { errorText, Feedback, type Notice } from './Feedback.tsx';

/** One active token: never its secret (the server has only a hash), but when it was last used, and a revoke that asks first. */
export function TokenRow(props: { token: TokenItem; showOwner: boolean; columns: number; nowMs: number; onRevoked: (token: TokenItem) => void }) {
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [notice, setNotice] = createSignal<Notice>(null);

  async function revoke() {
    setBusy(true);
    setNotice(null);
    try {
      await revokeToken(props.token.id);
      props.onRevoked(props.token);
    } catch (err) {
      setNotice({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <tr class="token-row" data-token={props.token.name}>
        <td data-label="Name" class="token-name">
          {props.token.name}
        </td>
        <Show when={props.showOwner}>
          <td data-label="Owner" class="token-owner">
            {props.token.owner}
          </td>
        </Show>
        <td data-label="Scopes">
          {/* One element, so that on a phone the tags share the value column. */}
          <span class="scope-tags">
            <For each={props.token.scopes}>{(s) => <span class="tag">{s}</span>}</For>
          </span>
        </td>
        <td data-label="Created" class="created">
          <time datetime={props.token.createdAt}>{formatDateTime(props.token.createdAt)}</time>
        </td>
        <td data-label="Last used" class="last-used">
          <Show when={props.token.lastUsedAt} fallback={<span class="muted">never</span>}>
            {(at) => (
              <time datetime={at()} title={formatDateTime(at())}>
                {formatAgo(at(), props.nowMs)}
              </time>
            )}
          </Show>
        </td>
        <td data-label="" class="row-actions">
          <button type="button" disabled={busy() || confirming()} onClick={() => {
              setNotice(null);
              setConfirming(true);
            }}>
            Revoke
          </button>
        </td>
      </tr>
      <Show when={confirming() || notice()}>
        <tr class="row-detail">
          <td colSpan={props.columns}>
            <Show when={confirming()}>
              <div class="confirm" role="group" aria-label={`Revoke ${props.token.name}?`}>
                <span>
                  Revoke <strong>{props.token.name}</strong>
                  {props.showOwner ? ` of ${props.token.owner}` : ''}? Scripts using it are refused from now on; this cannot be undone.
                </span>
                <button type="button" class="danger" disabled={busy()} onClick={() => void revoke()}>
                  Yes, revoke
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </div>
            </Show>
            <Feedback notice={notice()} />
          </td>
        </tr>
      </Show>
    </>
  );
}
