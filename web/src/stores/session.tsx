import { createContext, createResource, onCleanup, useContext, type JSX, type Resource } from 'solid-js';
import { getHealth, getMe, onUnauthorized, type User } from '../api/client.ts';

/**
 * Who is signed in, and whether the server still waits for its first admin. One provider at the root, so
 * the top bar, the route guard and the login page agree.
 */
interface Session {
  user: Resource<User | null>;
  setUser: (user: User | null) => void;
  refetchUser: () => void;
  /** Health: needed before sign-in, to tell a fresh install (setup pending) from a signed-out user. */
  health: Resource<Awaited<ReturnType<typeof getHealth>>>;
  refetchHealth: () => void;
}

const SessionContext = createContext<Session>();

export function SessionProvider(props: { children: JSX.Element }) {
  const [user, { mutate, refetch }] = createResource(getMe);
  const [health, healthActions] = createResource(getHealth);
  // A 401 in the middle of reading (session expired or ended elsewhere): forget the user; the guard sends them to sign in.
  onCleanup(onUnauthorized(() => mutate(null)));
  const session: Session = {
    user,
    setUser: (u) => mutate(u),
    refetchUser: () => void refetch(),
    health,
    refetchHealth: () => void healthActions.refetch(),
  };
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider above it');
  return session;
}

/**
 * The signed-in user as last known — kept while the session is re-checked, so pages do not flicker — or
 * undefined before the check answers, when it failed, or when nobody is signed in.
 */
export function knownUser(session: Session): User | undefined {
  return session.user.state === 'ready' || session.user.state === 'refreshing' ? (session.user.latest ?? undefined) : undefined;
}
