import { createEffect, createResource, For, Match, Switch } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { listUsers, type UserItem } from '../../api/admin.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { AddUserForm } from '../../components/settings/AddUserForm.tsx';
import { USER_COLUMNS, UserRow } from '../../components/settings/UserRow.tsx';
import { useNow } from '../../lib/clock.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { knownUser, useSession } from '../../stores/session.tsx';

/** `/settings/users` (admin): who can sign in, with which role; add, change, disable, reset a password. */
export default function Users() {
  usePageTitle(() => 'Users');
  const session = useSession();
  const selfId = () => knownUser(session)?.id;
  const now = useNow();
  const [users, { refetch }] = createResource(listUsers);
  // Rows keyed by id: a refetch after a change keeps each row (its open form, its message) instead of rebuilding it.
  const [rows, setRows] = createStore<UserItem[]>([]);
  createEffect(() => {
    if (users.state === 'ready') setRows(reconcile(users(), { key: 'id' }));
  });

  /**
   * The server's answer goes into the row at once, so a second change right after the first compares with the
   * role the user now has, not the one the list had before its refetch lands; the refetch brings the rest.
   */
  function changed(user: Pick<UserItem, 'id' | 'role' | 'disabled'>) {
    setRows((row) => row.id === user.id, { role: user.role, disabled: user.disabled });
    void refetch();
  }

  return (
    <section class="settings-section" aria-labelledby="users-heading">
      <div class="page-head">
        <h1 id="users-heading">Users</h1>
        <span class="muted">Who can sign in, and with which role.</span>
      </div>
      <AddUserForm onAdded={() => void refetch()} />
      <Switch fallback={<p class="loading">Loading users…</p>}>
        <Match when={users.state === 'errored'}>
          <ErrorPanel error={users.error} title="Could not load the users" />
        </Match>
        <Match when={users.state === 'ready' || users.state === 'refreshing'}>
          <div class="table-wrap">
            <table class="matrix stack-table users-table">
              <thead>
                <tr>
                  <For each={USER_COLUMNS}>
                    {(label) => (
                      <th scope="col" classList={{ num: label === 'API tokens' }}>
                        {label}
                      </th>
                    )}
                  </For>
                </tr>
              </thead>
              <tbody>
                <For each={rows}>{(user) => <UserRow user={user} isSelf={user.id === selfId()} nowMs={now()} onChanged={changed} />}</For>
              </tbody>
            </table>
          </div>
        </Match>
      </Switch>
    </section>
  );
}
