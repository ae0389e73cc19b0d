import { Navigate } from '@solidjs/router';
import { Show } from 'solid-js';
import { homePath } from '../lib/roles.ts';
import { useSession } from '../stores/session.tsx';

/** `/`: the transcripts for those who read them, the labeling page for labelers. */
export default function Home() {
  const session = useSession();
  const user = () => (session.user.state === 'ready' ? session.user() : null);
  return <Show when={user()}>{(u) => <Navigate href={homePath(u().role)} />}</Show>;
}
