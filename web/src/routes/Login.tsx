import { useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createSignal, Match, Show, Switch } from 'solid-js';
import { ApiRequestError, login } from '../api/client.ts';
import { safeNextPath } from '../lib/navigation.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { useSession } from '../stores/session.tsx';

export default function Login() {
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ next?: string }>();
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  // Without a `next`, `/` picks the start page for the role (a labeler has no transcripts to land on).
  const next = () => safeNextPath(params.next, '/');
  const needsSetup = () => session.health.state === 'ready' && session.health()?.needsSetup === true;
  usePageTitle(() => (needsSetup() ? 'Setup pending' : 'Sign in'));

  // Signed in, now or already (a bookmarked /login, the back button): go where the user was going.
  createEffect(() => {
    if (session.user.state === 'ready' && session.user()) navigate(next(), { replace: true });
  });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setError('');
    setBusy(true);
    try {
      session.setUser(await login(email().trim(), password()));
    } catch (err) {
      setError(err instanceof ApiRequestError && err.code === 'unauthorized' ? 'Email or password is wrong.' : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="narrow">
      <Switch>
        {/* Until health answers, show nothing rather than a form that may be replaced a moment later. */}
        <Match when={session.health.loading}>{null}</Match>
        <Match when={needsSetup()}>
          <section class="panel" aria-labelledby="setup-pending">
            <h1 id="setup-pending">charlens needs its first admin</h1>
            <p>
              Nobody can sign in yet. When the server started, it printed a one-time setup link in its console, like
              this:
            </p>
            <pre class="example">{`No admin yet. Create one, once, at:\n\n  ${window.location.origin}/setup?token=…`}</pre>
            <p>Open that link to create the admin account. (Restarting the server prints a new link.)</p>
          </section>
        </Match>
        <Match when={true}>
          <form class="panel form" onSubmit={(e) => void submit(e)} aria-labelledby="login-heading">
            <h1 id="login-heading">Sign in</h1>
            <label>
              Email
              <input type="email" name="email" autocomplete="username" required value={email()} onInput={(e) => setEmail(e.currentTarget.value)} />
            </label>
            <label>
              Password
              <input
                type="password"
                name="password"
                autocomplete="current-password"
                required
                value={password()}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            </label>
            <Show when={error()}>
              <p class="form-error" role="alert">
                {error()}
              </p>
            </Show>
            <button type="submit" class="primary" disabled={busy()}>
              {busy() ? 'Signing in…' : 'Sign in'}
            </button>
          </form>
        </Match>
      </Switch>
    </div>
  );
}
