import { A, useParams } from '@solidjs/router';
import { createResource, For, Match, Show, Switch } from 'solid-js';
import { getQueue } from '../api/labeling.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { AgreementPanel } from '../components/labeling/AgreementPanel.tsx';
import { ItemsTable, LabelersTable } from '../components/labeling/QueueTables.tsx';
import { RichText } from '../components/RichText.tsx';
import { formatDateTime } from '../lib/format.ts';
import { percent, queueProgressText } from '../lib/label-progress.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { describeQueueSelection } from '../lib/queue-form.ts';
import './queues.css';

/** `/queues/:id` (researchers): the queue's settings, progress per labeler and per item, and agreement per trait. */
export default function QueueView() {
  const params = useParams<{ id: string }>();
  const [detail] = createResource(() => params.id, getQueue);
  usePageTitle(() => (detail.state === 'ready' ? detail().queue.name : 'Queue'));
  return (
    <div class="queues-page queue-page">
      <nav class="crumbs" aria-label="Breadcrumb">
        <A href="/labeling">← Queues</A>
      </nav>
      <Switch fallback={<p class="loading">Loading the queue…</p>}>
        <Match when={detail.state === 'errored'}>
          <ErrorPanel error={detail.error} title="Could not load the queue" />
        </Match>
        <Match when={detail.state === 'ready' && detail()}>
          {(d) => (
            <>
              <div class="page-head queue-head">
                <h1>{d().queue.name}</h1>
                <nav class="queue-links" aria-label="This queue">
                  <A href={`/queues/${encodeURIComponent(d().queue.id)}/adjudicate`}>Adjudication</A>
                  <a href="#agreement">Agreement</a>
                  <A href={`/label/${encodeURIComponent(d().queue.id)}`}>Label it yourself</A>
                </nav>
              </div>
              <dl class="meta queue-meta">
                <div>
                  <dt>Traits</dt>
                  <dd>{d().queue.traits.join(', ')}</dd>
                </div>
                <div>
                  <dt>Transcripts</dt>
                  <dd>{describeQueueSelection(d().queue.selection)}</dd>
                </div>
                <div>
                  <dt>Overlap</dt>
                  <dd>{d().queue.overlap}</dd>
                </div>
                <div>
                  <dt>Kind</dt>
                  <dd>{[d().queue.blind ? 'blind' : 'not blind', d().queue.pairwise ? 'pairwise' : 'scores', d().queue.status].join(' · ')}</dd>
                </div>
                <div>
                  <dt>Metadata shown</dt>
                  <dd>{d().queue.showMetadata.length ? d().queue.showMetadata.join(', ') : 'none'}</dd>
                </div>
                <div>
                  <dt>Adjudication margin</dt>
                  <dd>{d().queue.adjudicationMargin}</dd>
                </div>
                <div>
                  <dt>Created</dt>
                  <dd>{formatDateTime(d().queue.createdAt)}</dd>
                </div>
              </dl>
              <Show when={d().queue.instructions}>
                {(text) => (
                  <details class="panel queue-instructions">
                    <summary>Instructions labelers read</summary>
                    <RichText text={text()} />
                  </details>
                )}
              </Show>
              <p class="queue-card-progress">
                <span class="queue-progress">{queueProgressText(d().queue)}</span>
                <progress max="100" value={percent(d().queue.complete, d().queue.items)} aria-hidden="true" />
              </p>
              <section aria-labelledby="labelers-heading">
                <h2 id="labelers-heading">Labelers</h2>
                <LabelersTable labelers={d().labelers} />
              </section>
              <section id="agreement" class="agreement" aria-labelledby="agreement-heading">
                <h2 id="agreement-heading">Agreement</h2>
                <p class="muted">Over the labels given in this queue, with the judge's value of the same transcripts where there is one.</p>
                <div class="agreement-traits">
                  <For each={d().queue.traits}>{(slug) => <AgreementPanel trait={slug} queue={d().queue.id} />}</For>
                </div>
              </section>
              <section aria-labelledby="items-heading">
                <h2 id="items-heading">Items</h2>
                <ItemsTable items={d().items} overlap={d().queue.overlap} />
              </section>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
