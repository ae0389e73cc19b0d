import { useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { listAudit, listUsers, type AuditEntry } from '../../api/admin.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { AuditRow } from '../../components/settings/AuditRow.tsx';
import { errorText, Feedback, type Notice } from '../../components/settings/Feedback.tsx';
import { actionChoices } from '../../lib/audit-format.ts';
import { formatCount } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/page-title.ts';

/** `/settings/audit` (admin): who did what, newest first, one action at a time if asked (`?action=`), in pages. */
export default function Audit() {
  usePageTitle(() => 'Audit log');
  const [params, setParams] = useSearchParams<{ action?: string }>();
  const action = () => params.action ?? '';
  // The first page follows the filter; "Load more" appends older pages to it.
  const [first] = createResource(() => ({ action: action() }), (q) => listAudit({ action: q.action }));
  // For showing a user target by email; without it (an error) targets show as ids, which is still the truth.
  const [users] = createResource(listUsers);
  const emailsById = createMemo(() => new Map(users.state === 'ready' ? users().map((u) => [u.id, u.email]) : []));
  const [older, setOlder] = createSignal<AuditEntry[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [notice, setNotice] = createSignal<Notice>(null);
  createEffect(
    on(() => (first.state === 'ready' ? first() : undefined), (page) => {
      setOlder([]);
      setCursor(page?.nextCursor ?? null);
      setNotice(null);
    }),
  );
  const entries = () => [...(first.state === 'ready' || first.state === 'refreshing' ? first.latest.items : []), ...older()];
  const choices = () => actionChoices(entries().map((e) => e.action), action());

  async function loadMore() {
    const from = cursor();
    if (!from) return;
    setLoadingMore(true);
    setNotice(null);
    try {
      const page = await listAudit({ action: action(), cursor: from });
      setOlder((list) => [...list, ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      setNotice({ kind: 'error', text: errorText(err) });
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <section class="settings-section" aria-labelledby="audit-heading">
      <div class="page-head">
        <h1 id="audit-heading">Audit log</h1>
        <span class="muted">Who did what, newest first: uploads, imports, judge runs and their cost, users, roles, tokens.</span>
      </div>
      <div class="filters">
        <label>
          Action
          <select name="action" onChange={(e) => setParams({ action: e.currentTarget.value || undefined }, { replace: true })}>
            <option value="" selected={action() === ''}>
              All actions
            </option>
            <For each={choices()}>
              {(a) => (
                <option value={a} selected={a === action()}>
                  {a}
                </option>
              )}
            </For>
          </select>
        </label>
      </div>
      <Switch fallback={<p class="loading">Loading the audit log…</p>}>
        <Match when={first.state === 'errored'}>
          <ErrorPanel error={first.error} title="Could not load the audit log" />
        </Match>
        <Match when={(first.state === 'ready' || first.state === 'refreshing') && entries().length === 0}>
          <p class="muted">{action() ? `No “${action()}” entries.` : 'Nothing recorded yet.'}</p>
        </Match>
        <Match when={first.state === 'ready' || first.state === 'refreshing'}>
          <div class="table-wrap" classList={{ stale: first.state === 'refreshing' }}>
            <table class="matrix stack-table audit-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                <For each={entries()}>{(entry) => <AuditRow entry={entry} emailsById={emailsById()} />}</For>
              </tbody>
            </table>
          </div>
          <div class="list-foot">
            <span class="muted">{formatCount(entries().length, 'entry', 'entries')} shown</span>
            <Show when={cursor()} fallback={<span class="muted">That is all.</span>}>
              <button type="button" disabled={loadingMore()} onClick={() => void loadMore()}>
                {loadingMore() ? 'Loading…' : 'Load more'}
              </button>
            </Show>
          </div>
          <Feedback notice={notice()} />
        </Match>
      </Switch>
    </section>
  );
}
