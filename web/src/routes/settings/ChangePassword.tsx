import { createSignal } from 'solid-js';
import { changePassword } from '../../api/admin.ts';
import { errorText, Feedback, type Notice } from '../../components/settings/Feedback.tsx';
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from '../../lib/passwords.ts';
import { usePageTitle } from '../../lib/page-title.ts';

/** `/settings/password`: any signed-in user changes their own password; their other sessions end. */
export default function ChangePassword() {
  usePageTitle(() => 'Change password');
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [confirm, setConfirm] = createSignal('');
  const [notice, setNotice] = createSignal<Notice>(null);
  const [busy, setBusy] = createSignal(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const problem = newPasswordProblem(next(), confirm());
    if (problem) {
      setNotice({ kind: 'error', text: problem });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      await changePassword(current(), next());
      setCurrent('');
      setNext('');
      setConfirm('');
      setNotice({ kind: 'ok', text: 'Password changed. You stay signed in here; your other sessions have ended.' });
    } catch (err) {
      setNotice({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="settings-section narrow-section" aria-labelledby="password-heading">
      <form class="panel form" onSubmit={(e) => void submit(e)} aria-labelledby="password-heading">
        <h1 id="password-heading">Change password</h1>
        <label>
          Current password
          <input type="password" name="current-password" autocomplete="current-password" required value={current()} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </label>
        <label>
          <span>
            New password <span class="hint">(at least {MIN_PASSWORD_LENGTH} characters)</span>
          </span>
          <input type="password" name="new-password" autocomplete="new-password" required value={next()} onInput={(e) => setNext(e.currentTarget.value)} />
        </label>
        <label>
          Confirm new password
          <input type="password" name="confirm-password" autocomplete="new-password" required value={confirm()} onInput={(e) => setConfirm(e.currentTarget.value)} />
        </label>
        <Feedback notice={notice()} />
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}
