import { A, useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { logout } from '../api/client.ts';
import { useSession } from '../stores/session.tsx';

export function TopBar() {
  const session = useSession();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = createSignal(false);
  // `user.latest` would throw while the resource is errored; the guard shows that error, the bar just hides.
  const user = () => (session.user.state === 'ready' ? session.user() : null);

  async function signOut() {
    setSigningOut(true);
    try {
      await logout();
    } finally {
      setSigningOut(false);
      session.setUser(null);
      // After the guard's own redirect (which would carry a `next` back here): a deliberate sign-out starts fresh.
      navigate('/login', { replace: true });
    }
  }

  return (
    <header class="topbar">
      <A href="/transcripts" class="brand">
        <img src="/favicon.svg" alt="" width="22" height="22" />
        charlens
      </A>
      <Show when={user()}>
        {(u) => (
          <>
            <nav aria-label="Main">
              <A href="/transcripts" activeClass="active">
                Transcripts
              </A>
              <A href="/models" activeClass="active">
                Models
              </A>
              <A href="/judge" activeClass="active">
                Judge
              </A>
              <A href="/upload" activeClass="active">
                Upload
              </A>
              {/* Served by the API itself, outside the single-page app. */}
              <a href="/api/docs" title="The API reference (OpenAPI), for scripts">
                API
              </a>
            </nav>
            <div class="account">
              <span class="email" title={`Signed in as ${u().email} (${u().role})`}>
                {u().email}
              </span>
              <button type="button" class="link-button" onClick={() => void signOut()} disabled={signingOut()}>
                Sign out
              </button>
            </div>
          </>
        )}
      </Show>
    </header>
  );
}
