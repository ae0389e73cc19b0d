import { Navigate, useLocation, type RouteSectionProps } from '@solidjs/router';
import { Match, Switch } from 'solid-js';
import { useSession } from '../stores/session.tsx';
import { ErrorPanel } from './ErrorPanel.tsx';

/** Layout for every page that needs a signed-in user: others go to /login, which remembers where they were going. */
export function RequireAuth(props: RouteSectionProps) {
  const session = useSession();
  const location = useLocation();
  const next = () => encodeURIComponent(location.pathname + location.search + location.hash);
  return (
    <Switch fallback={<p class="loading">Loading…</p>}>
      <Match when={session.user.state === 'errored'}>
        <ErrorPanel error={session.user.error} title="Could not check who is signed in" />
      </Match>
      <Match when={session.user.state === 'ready' && session.user() === null}>
        <Navigate href={`/login?next=${next()}`} />
      </Match>
      <Match when={session.user.state === 'ready' || session.user.state === 'refreshing'}>{props.children}</Match>
    </Switch>
  );
}
