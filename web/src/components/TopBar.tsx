import { A, useLocation, useNavigate } from '@solidjs/router';
import { createEffect, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import { logout } from '../api/client.ts';
import { mainLinks, showsApiReference, type NavLink } from '../lib/roles.ts';
import { useSession } from '../stores/session.tsx';
import './topbar.css';

/** The link is current on its path and below, and on the paths it also stands for. */
function isCurrent(link: NavLink, pathname: string): boolean {
  return [link.href, ...(link.also ?? [])].some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/**
 * The brand, the role's links and the account. On a narrow screen (topbar.css) the links and the account fold
 * into one menu behind a button, so none of them is pushed off the edge however many links a role has.
 */
export function TopBar() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [signingOut, setSigningOut] = createSignal(false);
  const [menuOpen, setMenuOpen] = createSignal(false);
  // `user.latest` would throw while the resource is errored; the guard shows that error, the bar just hides.
  const user = () => (session.user.state === 'ready' ? session.user() : null);
  let toggle: HTMLButtonElement | undefined;

  // Following a link closes the menu: the page behind it is what the user asked for.
  createEffect(on(() => location.pathname, () => setMenuOpen(false), { defer: true }));
  onMount(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && menuOpen()) {
        setMenuOpen(false);
        toggle?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    onCleanup(() => document.removeEventListener('keydown', onKey));
  });

  async function signOut() {
    setSigningOut(true);
    try {
      await logout();
    } finally {
      setSigningOut(false);
      setMenuOpen(false);
      session.setUser(null);
      // After the guard's own redirect (which would carry a `next` back here): a deliberate sign-out starts fresh.
      navigate('/login', { replace: true });
    }
  }

  return (
    <header class="topbar" classList={{ 'menu-open': menuOpen() }}>
      {/* `/` sends each role to its own start page. */}
      <A href="/" end class="brand">
        <img src="/favicon.svg" alt="" width="22" height="22" />
        charlens
      </A>
      <Show when={user()}>
        {(u) => (
          <>
            <button
              type="button"
              class="menu-toggle"
              ref={toggle}
              aria-expanded={menuOpen()}
              aria-controls="topbar-menu"
              onClick={() => setMenuOpen((open) => !open)}
            >
              <span aria-hidden="true" class="menu-icon">
                {menuOpen() ? '✕' : '☰'}
              </span>{' '}
              Menu
            </button>
            <div class="topbar-menu" id="topbar-menu">
              {/* Only what the role can use: the server would refuse the rest with 403. A labeler has none of them. */}
              <Show when={mainLinks(u().role).length > 0}>
                <nav aria-label="Main">
                  <For each={mainLinks(u().role)}>
                    {(link) => (
                      // Computed here: the router's active class knows only the link's own path, not the ones it also stands for.
                      <A href={link.href} classList={{ active: isCurrent(link, location.pathname) }} aria-current={isCurrent(link, location.pathname) ? 'page' : undefined}>
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
            </div>
          </>
        )}
      </Show>
    </header>
  );
}
