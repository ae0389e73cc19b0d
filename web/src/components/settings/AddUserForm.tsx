import { createSignal, For } from 'solid-js';
import { createUser, type Role, type UserItem } from '../../api/admin.ts';
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from '../../lib/passwords.ts';
import { parseRole, ROLE_CHOICES, roleLabel } from '../../lib/roles.ts';
import { errorText, Feedback, type Notice } from './Feedback.tsx';

/** Adds a user with a role and an initial password, which the admin passes on; they can change it later. */
export function AddUserForm(props: { onAdded: (user: Pick<UserItem, 'id' | 'email' | 'role'>) => void }) {
  const [email, setEmail] = createSignal('');
  const [role, setRole] = createSignal<Role>('researcher');
  const [password, setPassword] = createSignal('');
  const [notice, setNotice] = createSignal<Notice>(null);
  const [busy, setBusy] = createSignal(false);
  const roleHelp = () => ROLE_CHOICES.find((c) => c.role === role())?.description ?? '';

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const problem = newPasswordProblem(password());
    if (problem) {
      setNotice({ kind: 'error', text: problem });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const user = await createUser({ email: email().trim(), password: password(), role: role() });
      setNotice({ kind: 'ok', text: `Added ${user.email} as ${roleLabel(user.role).toLowerCase()}. Give them the initial password; they can change it in their settings.` });
      setEmail('');
      setPassword('');
      props.onAdded(user);
    } catch (err) {
      setNotice({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="panel form add-user" onSubmit={(e) => void submit(e)} aria-labelledby="add-user-heading">
      <h2 id="add-user-heading">Add a user</h2>
      <div class="form-fields">
        <label class="field-email">
          Email
          <input type="email" name="email" required autocomplete="off" value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
        </label>
        <label class="field-role">
          Role
          <select name="role" onChange={(e) => setRole(parseRole(e.currentTarget.value) ?? 'researcher')}>
            <For each={ROLE_CHOICES}>
              {(c) => (
                <option value={c.role} selected={c.role === role()}>
                  {c.label}
                </option>
              )}
            </For>
          </select>
        </label>
        <label class="field-password">
          <span>
            Initial password <span class="hint">(at least {MIN_PASSWORD_LENGTH} characters)</span>
          </span>
          <input type="password" name="new-password" required autocomplete="new-password" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
      </div>
      <p class="muted role-help">
        {roleLabel(role())}: {roleHelp()}.
      </p>
      <Feedback notice={notice()} />
      <button type="submit" class="primary" disabled={busy()}>
        {busy() ? 'Adding…' : 'Add user'}
      </button>
    </form>
  );
}
