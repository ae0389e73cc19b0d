import { A, useLocation, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { getScenario, loadTranscript, type Scenario, type Score, type Transcript } from '../api/client.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { KeysOverlay } from '../components/KeysOverlay.tsx';
import { MessageView } from '../components/MessageView.tsx';
import { PairwiseVerdicts } from '../components/PairwiseVerdicts.tsx';
import { ReaderTextContext } from '../components/ReaderText.tsx';
import { ScoresPanel } from '../components/ScoresPanel.tsx';
import { createSearchHits, SearchHitBar } from '../components/SearchHitBar.tsx';
import { SystemPrompt } from '../components/SystemPrompt.tsx';
import { TraitLegend } from '../components/TraitLegend.tsx';
import '../components/trait-colour.css';
import { compareHref, comparePartners } from '../lib/compare-links.ts';
import { quotesByMessage } from '../lib/evidence.ts';
import { focusEvidence, stepTurn } from '../lib/focus.ts';
import { formatCount, formatDateTime } from '../lib/format.ts';
import { useShortcuts, type KeyRow } from '../lib/keys.ts';
import { marksByTurn, type TurnMark } from '../lib/lanes.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { readerHref, readerNeighbour } from '../lib/reader-links.ts';
import { evidenceTitle } from '../lib/scores.ts';
import { searchPattern, searchTerms } from '../lib/search-hits.ts';
import { traitColourClass, traitColourSlots } from '../lib/trait-colour.ts';
import { lastListIds, lastListSearch } from '../stores/last-list.ts';
import { traitCatalogue } from '../stores/trait-catalogue.ts';

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
function CompareLinks(props: { transcript: Transcript; scenario: Scenario | undefined; onPartners: (ids: string[]) => void }) {
  const partners = createMemo(() => (props.scenario ? comparePartners(props.transcript, props.scenario.transcripts) : []));
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
        <A href={`/compare?scenario=${encodeURIComponent(props.transcript.scenarioId)}`} title="Every version of this scenario, with a switcher for each one's samples">
          every version
        </A>
        <A href={`/scenarios/${encodeURIComponent(props.transcript.scenarioId)}`}>scenario matrix</A>
      </nav>
    </Show>
  );
}

export default function TranscriptView() {
  const params = useParams<{ id: string }>();
  const [search] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [transcript] = createResource(() => params.id, loadTranscript);
  usePageTitle(() => (transcript.state === 'ready' ? `${transcript().scenario} · ${transcript().model}` : 'Transcript'));

  const ready = () => (transcript.state === 'ready' ? transcript() : undefined);
  const [scenario] = createResource(() => ready()?.scenarioId, getScenario);
  const scenarioReady = () => (scenario.state === 'ready' ? scenario() : undefined);
  // The search that opened this transcript (the list passes `?q=`): its words are marked in the text.
  const query = () => (typeof search['q'] === 'string' ? search['q'] : '');
  const pattern = createMemo(() => searchPattern(searchTerms(query())));
  // One colour per trait on this page: the marks beside turns, the highlights and the legend share it.
  const slots = createMemo(() => traitColourSlots((ready()?.scores ?? []).filter((s) => s.status === 'valid').map((s) => s.trait)));
  const colourOf = (slug: string) => traitColourClass(slots(), slug);
  const quotes = createMemo(() =>
    quotesByMessage(
      ready()?.scores ?? [],
      (s) => colourOf(s.trait),
      (s) => evidenceTitle(traitCatalogue.label(s.trait).short, traitCatalogue.label(s.trait).scale, s),
    ),
  );
  const marks = createMemo(() => {
    const roles = new Map((ready()?.messages ?? []).map((m) => [m.index, m.role]));
    return marksByTurn(ready()?.scores ?? [], (i) => roles.get(i));
  });
  // The legend names the traits that have a colour on screen: marks beside turns and highlighted evidence.
  const legendTraits = createMemo(() => {
    const shown = new Set<string>();
    for (const list of marks().values()) for (const m of list) if (m.value !== 0) shown.add(m.trait);
    for (const s of ready()?.scores ?? []) if (s.status === 'valid' && s.evidence.length > 0) shown.add(s.trait);
    return [...slots().keys()].filter((t) => shown.has(t));
  });
  const [help, setHelp] = createSignal(false);
  let conversation: HTMLElement | undefined;
  const hits = createSearchHits(() => conversation);
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

  // j/k: the list this reader was opened from, when it is known; else this scenario's transcripts, by model and sample.
  const fromList = () => lastListIds().includes(params.id);
  async function step(dir: 1 | -1) {
    // Keys pressed before the scenario's list has arrived still go somewhere: ask for it now.
    const scenarioId = ready()?.scenarioId;
    const siblings = scenarioReady()?.transcripts ?? (fromList() || !scenarioId ? [] : (await getScenario(scenarioId)).transcripts);
    const next = readerNeighbour(params.id, dir, lastListIds(), siblings);
    if (next.id) navigate(readerHref(next.id, { q: query() }));
    else if (next.order === 'list') setNotice(dir > 0 ? 'This is the last transcript of the list you came from.' : 'This is the first transcript of the list you came from.');
    else setNotice(dir > 0 ? 'This is the last transcript of this scenario (by model, then sample).' : 'This is the first transcript of this scenario (by model, then sample).');
  }

  // With a search, every turn is rendered at once, so the hit counter counts them all.
  createEffect(
    on([ready, pattern], ([t, p]) => {
      if (!t || !p) return;
      whenAllRendered(() => requestAnimationFrame(() => hits.recount()));
    }),
  );

  const keys = (): KeyRow[] => [
    { keys: ['j', 'k'], what: fromList() ? 'Next / previous transcript of the list you came from' : 'Next / previous transcript of this scenario (by model, then sample)' },
    { keys: [']', '['], what: 'Next / previous turn' },
    ...(query() ? [{ keys: ['n', 'N'], what: 'Next / previous search hit' }] : []),
    { keys: ['c'], what: 'Compare with the same scenario under another version' },
    { keys: ['?'], what: 'This list of keys (Esc closes it)' },
  ];

  useShortcuts({
    j: () => void step(1),
    k: () => void step(-1),
    ']': () => whenAllRendered(() => stepTurn(document, 1)),
    '[': () => whenAllRendered(() => stepTurn(document, -1)),
    n: () => whenAllRendered(() => hits.step(1)),
    N: () => whenAllRendered(() => hits.step(-1)),
    c: () => {
      const t = ready();
      const partner = partnerIds()[0];
      if (t && partner) navigate(compareHref([t.id, partner]));
    },
    '?': () => setHelp((h) => !h),
    Escape: () => setHelp(false),
  });

  return (
    <ReaderTextContext.Provider value={{ search: pattern, traitColour: colourOf }}>
    <div class="transcript-page">
      <nav class="crumbs" aria-label="Breadcrumb">
        <A href={`/transcripts${lastListSearch()}`}>← Transcripts</A>
        <span class="muted keys-hint">
          <kbd>j</kbd>/<kbd>k</kbd> next/previous transcript{fromList() ? '' : ' of this scenario'} · <kbd>[</kbd>/<kbd>]</kbd> previous/next turn
          <Show when={query()}>
            {' '}
            · <kbd>n</kbd>/<kbd>N</kbd> next/previous hit
          </Show>{' '}
          · <kbd>c</kbd> compare ·{' '}
          <button type="button" class="link-button" onClick={() => setHelp(true)}>
            <kbd>?</kbd> all keys
          </button>
        </span>
      </nav>
      <Show when={help()}>
        <KeysOverlay title="Keys of the reader" keys={keys()} onClose={() => setHelp(false)} />
      </Show>
      <Switch fallback={<p class="loading">Loading transcript…</p>}>
        <Match when={transcript.state === 'errored'}>
          <ErrorPanel error={transcript.error} title="Could not load this transcript" />
        </Match>
        <Match when={ready()}>
          {(t) => (
            <>
              <TranscriptHeader transcript={t()} />
              <CompareLinks transcript={t()} scenario={scenarioReady()} onPartners={setPartnerIds} />
              <Show when={query()}>
                <SearchHitBar query={query()} count={hits.count()} current={hits.current()} onStep={(d) => whenAllRendered(() => hits.step(d))} clearHref={`${location.pathname}${location.hash}`} />
              </Show>
              <TraitLegend traits={legendTraits()} colourOf={colourOf} />
              <Show when={notice()}>
                <p class="notice" role="status">
                  {notice()}
                </p>
              </Show>
              <div class="transcript-layout">
                <section class="conversation turn-stack" aria-label="Conversation" aria-busy={!allRendered()} ref={conversation}>
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
                  <ScoresPanel scores={t().scores} values={t().traitValues} selectedId={selectedScore()} onFocus={focusScore} colourOf={colourOf} />
                  <PairwiseVerdicts query={{ transcript: t().id }} self={t().id} empty="No pairwise verdict includes this transcript." />
                </aside>
              </div>
            </>
          )}
        </Match>
      </Switch>
    </div>
    </ReaderTextContext.Provider>
  );
}
