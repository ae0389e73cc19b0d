import { useSearchParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { getAccess, listTokens, type CreatedToken, type TokenItem } from '../../api/admin.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { Feedback, type Notice } from '../../components/settings/Feedback.tsx';
import { NewTokenForm } from '../../components/settings/NewTokenForm.tsx';
import { TokenRow } from '../../components/settings/TokenRow.tsx';
import { TokenSecret } from '../../components/settings/TokenSecret.tsx';
import { useNow } from '../../lib/clock.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { knownUser, useSession } from '../../stores/session.tsx';

/** `/settings/tokens`: your API tokens (admins: everyone's with `?all=true`), a new one, revoking. */
export default function Tokens() {
  usePageTitle(() => 'API tokens');
  const session = useSession();
  const [params, setParams] = useSearchParams<{ all?: string }>();
  const isAdmin = () => knownUser(session)?.role === 'admin';
  // Only an admin may ask for everyone's; for anyone else the parameter is ignored rather than sent into a 403.
  const showAll = () => isAdmin() && params.all === 'true';
  const now = useNow();
  const [access] = createResource(getAccess);
  const [tokens, { refetch }] = createResource(() => ({ all: showAll() }), (q) => listTokens(q.all));
  // Keyed by id, so a refetch keeps the other rows' open confirmations.
  const [rows, setRows] = createStore<TokenItem[]>([]);
  createEffect(() => {
    if (tokens.state === 'ready') setRows(reconcile(tokens(), { key: 'id' }));
  });
  const [created, setCreated] = createSignal<CreatedToken | null>(null);
  const [notice, setNotice] = createSignal<Notice>(null);
  const columns = () => (showAll() ? 6 : 5);

  function onCreated(token: CreatedToken) {
    setNotice(null);
    setCreated(token);
    void refetch();
  }

  function onRevoked(token: TokenItem) {
    setNotice({ kind: 'ok', text: `Revoked “${token.name}”${showAll() ? ` of ${token.owner}` : ''}: it no longer works.` });
    void refetch();
  }

  return (
    <section class="settings-section" aria-labelledby="tokens-heading">
      <div class="page-head">
        <h1 id="tokens-heading">API tokens</h1>
        <span class="muted">For scripts: uploads, reads, judge runs. A token can do no more than its scopes and your role allow.</span>
      </div>
      <Show when={created()}>{(token) => <TokenSecret token={token()} onDone={() => setCreated(null)} />}</Show>
      <Switch>
        <Match when={access.state === 'errored'}>
          <ErrorPanel error={access.error} title="Could not check what you may do" />
        </Match>
        <Match when={access.state === 'ready' && access()}>{(a) => <NewTokenForm granted={a().scopes} onCreated={onCreated} />}</Match>
      </Switch>

      <div class="list-head">
        <h2>{showAll() ? 'Every user’s active tokens' : 'Your active tokens'}</h2>
        <Show when={isAdmin()}>
          <label class="check">
            <input type="checkbox" checked={showAll()} onChange={(e) => setParams({ all: e.currentTarget.checked ? 'true' : undefined }, { replace: true })} />
            All users
          </label>
        </Show>
      </div>
      <Feedback notice={notice()} />
      <Switch fallback={<p class="loading">Loading tokens…</p>}>
        <Match when={tokens.state === 'errored'}>
          <ErrorPanel error={tokens.error} title="Could not load the tokens" />
        </Match>
        <Match when={(tokens.state === 'ready' || tokens.state === 'refreshing') && tokens.latest.length === 0}>
          <p class="muted">No active tokens.</p>
        </Match>
        <Match when={tokens.state === 'ready' || tokens.state === 'refreshing'}>
          <div class="table-wrap">
            <table class="matrix stack-table tokens-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <Show when={showAll()}>
                    <th scope="col">Owner</th>
                  </Show>
                  <th scope="col">Scopes</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={rows}>{(token) => <TokenRow token={token} showOwner={showAll()} columns={columns()} nowMs={now()} onRevoked={onRevoked} />}</For>
              </tbody>
            </table>
          </div>
        </Match>
      </Switch>
    </section>
  );
}
