import { A, useLocation, useNavigate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { logout } from '../api/client.ts';
import { mainLinks, showsApiReference, type NavLink } from '../lib/roles.ts';
import { useSession } from '../stores/session.tsx';

/** The link is current on its path and below, and on the paths it also stands for. */
function isCurrent(link: NavLink, pathname: string): boolean {
  return [link.href, ...(link.also ?? [])].some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

export function TopBar() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
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
      {/* `/` sends each role to its own start page. */}
      <A href="/" end class="brand">
        <img src="/favicon.svg" alt="" width="22" height="22" />
        charlens
      </A>
      <Show when={user()}>
        {(u) => (
          <>
            {/* Only what the role can use: the server would refuse the rest with 403. A labeler has none of them. */}
            <Show when={mainLinks(u().role).length > 0}>
              <nav aria-label="Main">
                <For each={mainLinks(u().role)}>
                  {(link) => (
                    // Computed here: the router's active class knows only the link's own path, not the ones it also stands for.
                    <A href={link.href} classList={{ active: isCurrent(link, location.pathname) }}>
                      {link.label}
                    </A>
                  )}
                </For>
                <Show when={showsApiReference(u().role)}>
                  {/* Served by the API itself, outside the single-page app: rel=external keeps the router from taking the click. */}
                  <a href="/api/docs" rel="external" title="The API reference (OpenAPI), for scripts">
                    API
                  </a>
                </Show>
              </nav>
            </Show>
            <div class="account">
              <span class="email" title={`Signed in as ${u().email} (${u().role})`}>
                {u().email}
              </span>
              <A href="/settings" activeClass="active" class="settings-link">
                Settings
              </A>
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
