import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Match, Show, Switch } from 'solid-js';
import { completeSetup } from '../api/client.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { homePath } from '../lib/roles.ts';
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from '../lib/passwords.ts';
import { useSession } from '../stores/session.tsx';

export default function Setup() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ token?: string }>();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [confirm, setConfirm] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const token = () => params.token ?? '';
  const setupDone = () => session.health.state === 'ready' && session.health()?.needsSetup === false;
  usePageTitle(() => 'First admin');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setError('');
    const problem = newPasswordProblem(password(), confirm());
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    try {
      const user = await completeSetup(token(), email().trim(), password());
      session.setUser(user);
      session.refetchHealth();
      // The first admin starts where every researcher does (homePath): the overview, which offers the demo set.
      navigate(homePath(user.role), { replace: true });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="narrow">
      <Switch>
        <Match when={!token()}>
          <section class="panel">
            <h1>Setup link needed</h1>
            <p>Open the one-time setup link that the server printed in its console when it started.</p>
          </section>
        </Match>
        <Match when={setupDone()}>
          <section class="panel">
            <h1>Setup is done</h1>
            <p>
              charlens already has an admin. <A href="/login">Sign in</A>.
            </p>
          </section>
        </Match>
        <Match when={true}>
          <form class="panel form" onSubmit={(e) => void submit(e)} aria-labelledby="setup-heading">
            <h1 id="setup-heading">Create the first admin</h1>
            <p class="muted">This account can add other users and API tokens. The link works once.</p>
            <label>
              Email
              <input type="email" name="email" autocomplete="username" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
            </label>
            <label>
              <span>
                Password <span class="hint">(at least {MIN_PASSWORD_LENGTH} characters)</span>
              </span>
              <input
                type="password"
                name="password"
                autocomplete="new-password"
                required
                minLength={MIN_PASSWORD_LENGTH}
                value={password()}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            </label>
            <label>
              Confirm password
              <input
                type="password"
                name="confirm"
                autocomplete="new-password"
                required
                value={confirm()}
                onInput={(e) => setConfirm(e.currentTarget.value)}
              />
            </label>
            <Show when={error()}>
              <p class="form-error" role="alert">
                {error()}
              </p>
            </Show>
            <button type="submit" class="primary" disabled={busy()}>
              {busy() ? 'Creating…' : 'Create admin and sign in'}
            </button>
          </form>
        </Match>
      </Switch>
    </div>
  );
}
