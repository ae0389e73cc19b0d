import { A, Navigate, type RouteSectionProps } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { settingsLinks } from '../../lib/roles.ts';
import { knownUser, useSession } from '../../stores/session.tsx';
import './settings.css';
import './settings-tables.css';

function useRole() {
  const session = useSession();
  return () => knownUser(session)?.role;
}

/** `/settings/*`: a menu of the settings pages the role may open, beside the page. */
export default function SettingsLayout(props: RouteSectionProps) {
  const role = useRole();
  return (
    <div class="settings-page">
      <nav class="settings-nav" aria-label="Settings">
        <span class="settings-title">Settings</span>
        <Show when={role()}>
          {(r) => (
            <For each={settingsLinks(r())}>
              {(link) => (
                <A href={link.href} activeClass="active">
                  {link.label}
                </A>
              )}
            </For>
          )}
        </Show>
      </nav>
      <div class="settings-body">{props.children}</div>
    </div>
  );
}

/** `/settings`: the role's first settings page. */
export function SettingsIndex() {
  const role = useRole();
  return <Show when={role()}>{(r) => <Navigate href={settingsLinks(r())[0]?.href ?? '/settings/password'} />}</Show>;
}
