import { A } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import type { Role } from '../api/admin.ts';
import { knownUser, useSession } from '../stores/session.tsx';

/**
 * Shows its children to the roles in `allow` and `fallback` to the others. It sits inside RequireAuth, which
 * has already sent anyone signed out to the login page; this only keeps a page from opening into a 403.
 */
export function RoleGate(props: { allow: readonly Role[]; fallback: JSX.Element; children?: JSX.Element }) {
  const session = useSession();
  const allowed = () => {
    const role = knownUser(session)?.role;
    return role !== undefined && props.allow.includes(role);
  };
  return (
    <Show when={allowed()} fallback={props.fallback}>
      {props.children}
    </Show>
  );
}

/** What a settings page says to a role it is not for (someone followed a link, or typed the address). */
export function NotForYourRole(props: { what: string; forWhom: string }) {
  return (
    <section class="panel">
      <h1>Not available</h1>
      <p>
        {props.what} is for {props.forWhom}. <A href="/settings">Back to settings</A>
      </p>
    </section>
  );
}
