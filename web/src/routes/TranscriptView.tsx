import { A, useLocation, useNavigate, useParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { getScenario, loadTranscript, type Score, type Transcript } from '../api/client.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { MessageView } from '../components/MessageView.tsx';
import { PairwiseVerdicts } from '../components/PairwiseVerdicts.tsx';
import { ScoresPanel } from '../components/ScoresPanel.tsx';
import { SystemPrompt } from '../components/SystemPrompt.tsx';
import { compareHref, comparePartners } from '../lib/compare-links.ts';
import { quotesByMessage } from '../lib/evidence.ts';
import { focusEvidence, stepTurn } from '../lib/focus.ts';
import { formatCount, formatDateTime } from '../lib/format.ts';
import { useShortcuts } from '../lib/keys.ts';
import { marksByTurn, type TurnMark } from '../lib/lanes.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { lastListIds, lastListSearch, neighbourInList } from '../stores/last-list.ts';

/** Turns rendered in the first frame; the rest follow in slices, so a 400-turn transcript shows at once. */
const FIRST_TURNS = 24;
const TURNS_PER_FRAME = 40;

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

/** The same scenario under the other model versions: one click to put them side by side. */
function CompareLinks(props: { transcript: Transcript; onPartners: (ids: string[]) => void }) {
  const [scenario] = createResource(() => props.transcript.scenarioId, getScenario);
  const partners = createMemo(() => (scenario.state === 'ready' ? comparePartners(props.transcript, scenario().transcripts) : []));
  createEffect(() => props.onPartners(partners().map((p) => p.id)));
  return (
    <Show when={partners().length > 0}>
      <nav class="compare-links" aria-label="Compare with other models">
        <span class="muted">Compare with</span>
        <For each={partners()}>
          {(p, i) => (
            <A href={compareHref([props.transcript.id, p.id])} title={i() === 0 ? 'Shortcut: c' : undefined}>
              {p.model}
              <Show when={i() === 0}>
                {' '}
                <kbd>c</kbd>
              </Show>
            </A>
          )}
        </For>
        <Show when={partners().length > 1}>
          <A href={compareHref([props.transcript.id, ...partners().map((p) => p.id)])}>all {partners().length + 1}</A>
        </Show>
        <A href={`/scenarios/${encodeURIComponent(props.transcript.scenarioId)}`}>scenario matrix</A>
      </nav>
    </Show>
  );
}

export default function TranscriptView() {
  const params = useParams<{ id: string }>();
  const location = useLocation();
  const navigate = useNavigate();
  const [transcript] = createResource(() => params.id, loadTranscript);
  usePageTitle(() => (transcript.state === 'ready' ? `${transcript().scenario} · ${transcript().model}` : 'Transcript'));

  const ready = () => (transcript.state === 'ready' ? transcript() : undefined);
  const quotes = createMemo(() => quotesByMessage(ready()?.scores ?? []));
  const marks = createMemo(() => marksByTurn(ready()?.scores ?? []));
  const [selectedScore, setSelectedScore] = createSignal<string | null>(null);
  const [partnerIds, setPartnerIds] = createSignal<string[]>([]);
  const [notice, setNotice] = createSignal('');

  // Progressive rendering: the first turns (or up to a linked turn) now, the rest a slice per frame.
  const [rendered, setRendered] = createSignal(FIRST_TURNS);
  const targetTurn = () => {
    const m = /^#turn-(\d+)$/.exec(location.hash);
    return m ? Number(m[1]) : -1;
  };
  let frame = 0;
  createEffect(
    on(ready, (t) => {
      cancelAnimationFrame(frame);
      if (!t) return;
      setRendered(Math.max(FIRST_TURNS, targetTurn() + 6));
      const grow = () => {
        setRendered((n) => Math.min(t.messages.length, n + TURNS_PER_FRAME));
        if (rendered() < t.messages.length) frame = requestAnimationFrame(grow);
      };
      frame = requestAnimationFrame(grow);
    }),
  );
  onCleanup(() => cancelAnimationFrame(frame));
  const visibleMessages = () => ready()?.messages.slice(0, rendered()) ?? [];
  const allRendered = () => rendered() >= (ready()?.messages.length ?? 0);

  /** Runs `then` once every turn is in the page (scrolling to evidence needs its turn to exist). */
  function whenAllRendered(then: () => void) {
    const t = ready();
    if (!t) return;
    if (!allRendered()) setRendered(t.messages.length);
    requestAnimationFrame(then);
  }

  // The turns arrive after the page does, so the browser's own jump to #turn-N finds nothing: jump once they are in.
  createEffect(
    on([() => transcript.state, () => location.hash], ([state, hash]) => {
      if (state !== 'ready' || !hash) return;
      const id = decodeURIComponent(hash.slice(1));
      requestAnimationFrame(() => document.getElementById(id)?.scrollIntoView({ block: 'start' }));
    }),
  );

  /** Scrolls the trait panel (its own scroll box beside the text) so the chosen score's card shows. */
  function revealCard(scoreId: string) {
    const card = document.getElementById(`score-${scoreId}`);
    const side = card?.closest('.side');
    if (!card || !side) return;
    const c = card.getBoundingClientRect();
    const s = side.getBoundingClientRect();
    if (c.top < s.top || c.bottom > s.bottom) side.scrollTop += c.top - s.top - 16;
  }

  function focusScore(score: Score) {
    setSelectedScore(score.id);
    requestAnimationFrame(() => revealCard(score.id));
    const turn = score.evidence[0]?.message_index ?? score.turnStart;
    whenAllRendered(() => {
      const found = focusEvidence(document, score.id, turn === null || turn === undefined ? null : `turn-${turn}`);
      setNotice(found || score.evidence.length === 0 ? '' : 'This quote could not be found in the text; showing its turn.');
    });
  }

  function focusMark(mark: TurnMark) {
    const score = ready()?.scores.find((s) => s.id === mark.scoreId);
    if (score) focusScore(score);
  }

  function step(dir: 1 | -1) {
    const next = neighbourInList(lastListIds(), params.id, dir);
    if (next) navigate(`/transcripts/${encodeURIComponent(next)}`);
    else setNotice(dir > 0 ? 'This is the last transcript of the list you came from.' : 'This is the first transcript of the list you came from.');
  }

  useShortcuts({
    j: () => step(1),
    k: () => step(-1),
    ']': () => whenAllRendered(() => stepTurn(document, 1)),
    '[': () => whenAllRendered(() => stepTurn(document, -1)),
    c: () => {
      const t = ready();
      const partner = partnerIds()[0];
      if (t && partner) navigate(compareHref([t.id, partner]));
    },
  });

  return (
    <div class="transcript-page">
      <nav class="crumbs" aria-label="Breadcrumb">
        <A href={`/transcripts${lastListSearch()}`}>← Transcripts</A>
        <span class="muted keys-hint">
          <kbd>j</kbd>/<kbd>k</kbd> next/previous transcript · <kbd>[</kbd>/<kbd>]</kbd> previous/next turn · <kbd>c</kbd> compare
        </span>
      </nav>
      <Switch fallback={<p class="loading">Loading transcript…</p>}>
        <Match when={transcript.state === 'errored'}>
          <ErrorPanel error={transcript.error} title="Could not load this transcript" />
        </Match>
        <Match when={ready()}>
          {(t) => (
            <>
              <TranscriptHeader transcript={t()} />
              <CompareLinks transcript={t()} onPartners={setPartnerIds} />
              <Show when={notice()}>
                <p class="notice" role="status">
                  {notice()}
                </p>
              </Show>
              <div class="transcript-layout">
                <section class="conversation turn-stack" aria-label="Conversation" aria-busy={!allRendered()}>
                  <Show when={t().system}>{(system) => <SystemPrompt text={system()} />}</Show>
                  <For each={visibleMessages()}>
                    {(message) => (
                      <MessageView
                        message={message}
                        targeted={location.hash === `#turn-${message.index}`}
                        quotes={quotes().get(message.index)}
                        marks={marks().get(message.index)}
                        onMark={focusMark}
                      />
                    )}
                  </For>
                  <Show when={!allRendered()}>
                    <p class="loading">Rendering {formatCount(t().messages.length - rendered(), 'more turn', 'more turns')}…</p>
                  </Show>
                </section>
                <aside class="side">
                  <ScoresPanel scores={t().scores} values={t().traitValues} selectedId={selectedScore()} onFocus={focusScore} />
                  <PairwiseVerdicts query={{ transcript: t().id }} self={t().id} empty="No pairwise verdict includes this transcript." />
                </aside>
              </div>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
