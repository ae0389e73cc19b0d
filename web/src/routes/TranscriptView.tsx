import { A, useLocation, useParams } from '@solidjs/router';
import { createEffect, createResource, For, Match, on, Show, Switch } from 'solid-js';
import { getTranscript, type Transcript } from '../api/client.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { MessageView } from '../components/MessageView.tsx';
import { ScoresPanel } from '../components/ScoresPanel.tsx';
import { formatCount, formatDateTime } from '../lib/format.ts';
import { countChars } from '../lib/message-blocks.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { lastListSearch } from '../stores/last-list.ts';

/** System prompts up to this long start open; longer ones would push the conversation off the first screen. */
const OPEN_SYSTEM_PROMPT_CHARS = 600;

function TranscriptHeader(props: { transcript: Transcript }) {
  return (
    <header class="transcript-head">
      <h1>{props.transcript.scenarioTitle || props.transcript.scenario}</h1>
      <dl class="meta">
        <div>
          <dt>Model</dt>
          <dd class="model">{props.transcript.model}</dd>
        </div>
        <div>
          <dt>Scenario</dt>
          <dd>
            <code>{props.transcript.scenario}</code>
          </dd>
        </div>
        <div>
          <dt>Sample</dt>
          <dd>{props.transcript.sample}</dd>
        </div>
        <div>
          <dt>Turns</dt>
          <dd>{props.transcript.messageCount}</dd>
        </div>
        <Show when={props.transcript.tags.length > 0}>
          <div>
            <dt>Tags</dt>
            <dd>
              <For each={props.transcript.tags}>
                {(tag) => (
                  <A class="tag" href={`/transcripts?tag=${encodeURIComponent(tag)}`}>
                    {tag}
                  </A>
                )}
              </For>
            </dd>
          </div>
        </Show>
        <div>
          <dt>External id</dt>
          <dd>
            <code>{props.transcript.externalId}</code>
          </dd>
        </div>
        <div>
          <dt>Uploaded</dt>
          <dd>
            <time datetime={props.transcript.createdAt}>{formatDateTime(props.transcript.createdAt)}</time>
          </dd>
        </div>
      </dl>
    </header>
  );
}

function SystemPrompt(props: { text: string }) {
  const chars = () => countChars(props.text);
  return (
    <details class="system-prompt" open={chars() <= OPEN_SYSTEM_PROMPT_CHARS}>
      <summary>
        System prompt <span class="muted">· {formatCount(chars(), 'character', 'characters')}</span>
      </summary>
      <div class="text">{props.text}</div>
    </details>
  );
}

export default function TranscriptView() {
  const params = useParams<{ id: string }>();
  const location = useLocation();
  const [transcript] = createResource(() => params.id, getTranscript);
  usePageTitle(() => (transcript.state === 'ready' ? `${transcript().scenario} · ${transcript().model}` : 'Transcript'));

  // The turns arrive after the page does, so the browser's own jump to #turn-N finds nothing: jump once they are in.
  createEffect(
    on([() => transcript.state, () => location.hash], ([state, hash]) => {
      if (state !== 'ready' || !hash) return;
      requestAnimationFrame(() => document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView({ block: 'start' }));
    }),
  );

  return (
    <div class="transcript-page">
      <nav class="crumbs" aria-label="Breadcrumb">
        <A href={`/transcripts${lastListSearch()}`}>← Transcripts</A>
      </nav>
      <Switch fallback={<p class="loading">Loading transcript…</p>}>
        <Match when={transcript.state === 'errored'}>
          <ErrorPanel error={transcript.error} title="Could not load this transcript" />
        </Match>
        <Match when={transcript.state === 'ready' && transcript()}>
          {(t) => (
            <>
              <TranscriptHeader transcript={t()} />
              <div class="transcript-layout">
                <section class="conversation" aria-label="Conversation">
                  <Show when={t().system}>{(system) => <SystemPrompt text={system()} />}</Show>
                  <For each={t().messages}>
                    {(message) => <MessageView message={message} targeted={location.hash === `#turn-${message.index}`} />}
                  </For>
                </section>
                <aside class="side">
                  <ScoresPanel scores={t().scores} />
                </aside>
              </div>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
