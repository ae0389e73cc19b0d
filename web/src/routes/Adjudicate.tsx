import { A, useParams } from '@solidjs/router';
import { createMemo, createResource, For, Match, Switch } from 'solid-js';
import { listTraits } from '../api/client.ts';
import { getQueue, listDisagreements } from '../api/labeling.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { AdjudicationItem } from '../components/labeling/AdjudicationItem.tsx';
import { usePageTitle } from '../lib/page-title.ts';
import './queues.css';

/** `/queues/:id/adjudicate` (researchers): the items where labels differ by the queue's margin, largest first. */
export default function Adjudicate() {
  const params = useParams<{ id: string }>();
  const [detail] = createResource(() => params.id, getQueue);
  const [items, { refetch }] = createResource(() => params.id, listDisagreements);
  // The scales the final value is chosen on; without them the form takes a typed value.
  const [traits] = createResource(() => listTraits().catch(() => []));
  const traitBySlug = createMemo(() => new Map((traits.state === 'ready' ? traits() : []).map((t) => [t.slug, t])));
  usePageTitle(() => `Adjudicate${detail.state === 'ready' ? ` · ${detail().queue.name}` : ''}`);
  return (
    <div class="queues-page adjudication-page">
      <nav class="crumbs" aria-label="Breadcrumb">
        <A href={`/queues/${encodeURIComponent(params.id)}`}>← {detail.state === 'ready' ? detail().queue.name : 'The queue'}</A>
      </nav>
      <div class="page-head">
        <h1>Adjudication</h1>
        <span class="muted">Items whose labels differ by at least {detail.state === 'ready' ? detail().queue.adjudicationMargin : 'the margin'}, or whose labels are that far from the judge.</span>
      </div>
      <Switch fallback={<p class="loading">Loading the disagreements…</p>}>
        <Match when={items.state === 'errored'}>
          <ErrorPanel error={items.error} title="Could not load the disagreements" />
        </Match>
        <Match when={items.latest?.length === 0}>
          <p class="panel">No disagreements: every labeled item's labels are within the margin.</p>
        </Match>
        <Match when={items.latest}>
          {(list) => (
            <ul class="adjudication-list">
              <For each={list()}>{(d) => <AdjudicationItem queueId={params.id} disagreement={d} trait={traitBySlug().get(d.trait)} onRecorded={() => void refetch()} />}</For>
            </ul>
          )}
        </Match>
      </Switch>
    </div>
  );
}
