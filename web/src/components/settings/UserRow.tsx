import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { updateUser, type UserItem } from '../../api/admin.ts';
import { formatAgo, formatDateTime } from '../../lib/format.ts';
import { newPasswordProblem } from '../../lib/passwords.ts';
import { parseRole, ROLE_CHOICES, roleLabel } from '../../lib/roles.ts';
import { EmailText } from './EmailText.tsx';
import { errorText, Feedback, type Notice } from './Feedback.tsx';

/** The columns of the users table, shared by the header and the detail row that spans them. */
export const USER_COLUMNS: readonly string[] = ['User', 'Role', 'State', 'Last activity', 'API tokens', 'Actions'];

/**
 * One user: role, state, activity, and the admin's actions on them. A disable asks first (it signs them out);
 * a password reset opens a field; the outcome, or the server's refusal, shows in a row beneath.
 */
export function UserRow(props: { user: UserItem; isSelf: boolean; nowMs: number; onChanged: (user: Pick<UserItem, 'id' | 'role' | 'disabled'>) => void }) {
  const [notice, setNotice] = createSignal<Notice>(null);
  const [busy, setBusy] = createSignal(false);
  const [confirmingDisable, setConfirmingDisable] = createSignal(false);
  const [resetting, setResetting] = createSignal(false);
  const [newPassword, setNewPassword] = createSignal('');
  let roleSelect: HTMLSelectElement | undefined;
  const detailOpen = () => notice() !== null || confirmingDisable() || resetting();

  /** Opens the confirmation or the password field; the previous outcome goes, so the row shows one thing at a time. */
  function open(show: (open: boolean) => void) {
    setNotice(null);
    setConfirmingDisable(false);
    setResetting(false);
    show(true);
  }

  async function apply(change: Parameters<typeof updateUser>[1], done: string): Promise<boolean> {
    setBusy(true);
    setNotice(null);
    try {
      const user = await updateUser(props.user.id, change);
      setNotice({ kind: 'ok', text: done });
      props.onChanged(user);
      return true;
    } catch (err) {
      setNotice({ kind: 'error', text: errorText(err) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function changeRole(value: string) {
    const role = parseRole(value);
    if (!role || role === props.user.role) return;
    const ok = await apply({ role }, `${props.user.email} is now ${roleLabel(role).toLowerCase()}.`);
    // Refused (an admin taking away their own admin role): the menu goes back to the role they still have.
    if (!ok && roleSelect) roleSelect.value = props.user.role;
  }

  async function disable() {
    setConfirmingDisable(false);
    await apply({ disabled: true }, `${props.user.email} is disabled: their sessions have ended and their API tokens stop working.`);
  }

  async function resetPassword(event: SubmitEvent) {
    event.preventDefault();
    const problem = newPasswordProblem(newPassword());
    if (problem) {
      setNotice({ kind: 'error', text: problem });
      return;
    }
    if (await apply({ password: newPassword() }, `New password set for ${props.user.email}: their sessions have ended. Give them the new password.`)) {
      setResetting(false);
      setNewPassword('');
    }
  }

  return (
    <>
      <tr class="user-row" classList={{ 'is-disabled': props.user.disabled }} data-email={props.user.email}>
        {/* One element per cell: on a phone each cell is a label/value grid, and loose nodes would each take a slot. */}
        <td data-label="User">
          <div>
            <span class="user-email">
              <EmailText email={props.user.email} />
            </span>
            <Show when={props.isSelf}>
              {' '}
              <span class="you">you</span>
            </Show>
            {/* Under the email rather than a column of its own: seven columns do not fit beside the settings menu. */}
            <span class="added muted">
              added <time datetime={props.user.createdAt}>{formatDateTime(props.user.createdAt)}</time>
            </span>
          </div>
        </td>
        <td data-label="Role">
          <select ref={roleSelect} aria-label={`Role of ${props.user.email}`} disabled={busy()} onChange={(e) => void changeRole(e.currentTarget.value)}>
            <For each={ROLE_CHOICES}>
              {(c) => (
                <option value={c.role} selected={c.role === props.user.role}>
                  {c.label}
                </option>
              )}
            </For>
          </select>
        </td>
        <td data-label="State">
          <span class="state" classList={{ 'state-disabled': props.user.disabled, 'state-active': !props.user.disabled }}>
            {props.user.disabled ? 'Disabled' : 'Active'}
          </span>
        </td>
        <td data-label="Last activity">
          {/* The server derives this from the sessions that exist now, and signing out deletes a session: null is not "never". */}
          <Show
            when={props.user.lastSeenAt}
            fallback={
              <span class="muted" title="No session now: never signed in, or signed out (or was signed out) since">
                no session
              </span>
            }
          >
            {(at) => (
              <time datetime={at()} title={formatDateTime(at())}>
                {formatAgo(at(), props.nowMs)}
              </time>
            )}
          </Show>
        </td>
        <td data-label="API tokens" class="num">
          {props.user.activeTokens}
        </td>
        <td data-label="Actions" class="row-actions">
          <Show
            when={props.user.disabled}
            fallback={
              <button type="button" disabled={busy()} onClick={() => open(setConfirmingDisable)}>
                Disable
              </button>
            }
          >
            <button type="button" disabled={busy()} onClick={() => void apply({ disabled: false }, `${props.user.email} is enabled: they can sign in again.`)}>
              Enable
            </button>
          </Show>
          {/* A reset ends the user's sessions, an admin's own included: for yourself, the change-password page. */}
          <Show when={!props.isSelf} fallback={<A href="/settings/password">Change password</A>}>
            <button type="button" disabled={busy()} onClick={() => open(setResetting)} aria-expanded={resetting()}>
              Reset password
            </button>
          </Show>
        </td>
      </tr>
      <Show when={detailOpen()}>
        <tr class="row-detail">
          <td colSpan={USER_COLUMNS.length}>
            <Show when={confirmingDisable()}>
              <div class="confirm" role="group" aria-label={`Disable ${props.user.email}?`}>
                <span>
                  Disable <strong>{props.user.email}</strong>? They are signed out at once and their API tokens stop working until you enable them again.
                </span>
                <button type="button" class="danger" disabled={busy()} onClick={() => void disable()}>
                  Yes, disable
                </button>
                <button type="button" onClick={() => setConfirmingDisable(false)}>
                  Cancel
                </button>
              </div>
            </Show>
            <Show when={resetting()}>
              <form class="inline-form" onSubmit={(e) => void resetPassword(e)}>
                <label>
                  New password for {props.user.email}
                  <input type="password" autocomplete="new-password" value={newPassword()} onInput={(e) => setNewPassword(e.currentTarget.value)} />
                </label>
                <button type="submit" class="primary" disabled={busy()}>
                  Set password
                </button>
                <button type="button" onClick={() => setResetting(false)}>
                  Cancel
                </button>
                <span class="muted hint">Their sessions end; they sign in again with this password.</span>
              </form>
            </Show>
            <Feedback notice={notice()} />
          </td>
        </tr>
      </Show>
    </>
  );
}
