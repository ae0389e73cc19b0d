import { A } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import { listQueues, type QueueSummary } from '../api/labeling.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { formatDateTime } from '../lib/format.ts';
import { mineProgressText, percent, queueProgressText } from '../lib/label-progress.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { isStaff } from '../lib/roles.ts';
import { useTraitCatalogue } from '../stores/trait-catalogue.ts';
import { knownUser, useSession } from '../stores/session.tsx';
import './queues.css';

/** A labeler may not list traits (GET /traits is for staff): they read the slugs their queue names. */
function QueueCard(props: { queue: QueueSummary; staff: boolean }) {
  const traitTitle = (slug: string) => (props.staff ? useTraitCatalogue().label(slug).title : slug);
  const q = () => props.queue;
  return (
    <li class="panel queue-card" data-queue={q().id}>
      <div class="queue-card-head">
        <h2>{q().name}</h2>
        <span class="queue-flags">
          <Show when={q().blind}>
            <span class="flag">blind</span>
          </Show>
          <Show when={q().pairwise}>
            <span class="flag">pairwise</span>
          </Show>
          <Show when={q().status === 'closed'}>
            <span class="flag flag-closed">closed</span>
          </Show>
        </span>
      </div>
      <p class="muted queue-traits">
        {q().traits.map(traitTitle).join(', ')} · {q().overlap === 1 ? 'one labeler per item' : `${q().overlap} labelers per item`} · created <time datetime={q().createdAt}>{formatDateTime(q().createdAt)}</time>
      </p>
      <div class="queue-card-progress">
        <span class="queue-progress">{queueProgressText(q())}</span>
        <span class="queue-mine">{mineProgressText(q().mine)}</span>
        <progress max="100" value={percent(q().complete, q().items)} aria-hidden="true" />
      </div>
      <div class="queue-card-actions">
        <Show when={q().status === 'open'}>
          <A class="start-link" href={`/label/${encodeURIComponent(q().id)}`} aria-label={`Start labeling ${q().name}`}>
            Start
          </A>
        </Show>
        <Show when={props.staff}>
          <A href={`/queues/${encodeURIComponent(q().id)}`}>Progress and agreement</A>
          <A href={`/queues/${encodeURIComponent(q().id)}/adjudicate`}>Adjudicate</A>
        </Show>
      </div>
    </li>
  );
}

/**
 * `/labeling`: where a labeler lands — the queues that name them, each with its progress and a Start link.
 * Researchers see every queue here, with links to its progress and its disagreements.
 */
export default function Labeling() {
  usePageTitle(() => 'Labeling');
  const session = useSession();
  const staff = () => {
    const user = knownUser(session);
    return user ? isStaff(user.role) : false;
  };
  const [queues] = createResource(listQueues);
  return (
    <div class="queues-page">
      <div class="page-head">
        <h1>Labeling</h1>
        <span class="muted">{staff() ? 'Every labeling queue on this server.' : 'The queues you label.'}</span>
        <Show when={staff()}>
          <A class="new-queue-link" href="/queues/new">
            New queue
          </A>
        </Show>
      </div>
      <Switch fallback={<p class="loading">Loading queues…</p>}>
        <Match when={queues.state === 'errored'}>
          <ErrorPanel error={queues.error} title="Could not load the queues" />
        </Match>
        <Match when={queues.state === 'ready' && queues().length === 0}>
          <section class="panel">
            <Show
              when={staff()}
              fallback={
                <>
                  <p>No labeling queue names you yet.</p>
                  <p class="muted">
                    A researcher adds you to one; it will be listed here. Meanwhile you can <A href="/settings/password">change your password</A>.
                  </p>
                </>
              }
            >
              <p>No labeling queues yet.</p>
              <p class="muted">
                <A href="/queues/new">Create one</A>, or choose transcripts on the <A href="/transcripts">transcript list</A> and follow “Label these”.
              </p>
            </Show>
          </section>
        </Match>
        <Match when={queues.state === 'ready' && queues()}>
          {(list) => (
            <ul class="queue-cards">
              <For each={list()}>{(q) => <QueueCard queue={q} staff={staff()} />}</For>
            </ul>
          )}
        </Match>
      </Switch>
    </div>
  );
}
