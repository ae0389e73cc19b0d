import { A, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, Match, on, onMount, Show, Switch } from 'solid-js';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { EvidenceKept } from '../components/labeling/EvidenceKept.tsx';
import { KeysHelp } from '../components/labeling/KeysHelp.tsx';
import { LabelProgressBars } from '../components/labeling/LabelProgressBars.tsx';
import { LabelSide } from '../components/labeling/LabelSide.tsx';
import { RubricText, TraitChoice } from '../components/labeling/TraitChoice.tsx';
import { RichText } from '../components/RichText.tsx';
import type { EvidenceQuote } from '../lib/evidence.ts';
import { choiceText, labelRequest, WINNER_KEYS, type Choice } from '../lib/label-choice.ts';
import { evidenceFromSelection, keepEvidence, messageTexts, type KeptEvidence, type Side, type TurnRef } from '../lib/label-evidence.ts';
import { digitHint, pressDigit } from '../lib/label-keys.ts';
import { traitStepText } from '../lib/label-progress.ts';
import { useShortcuts } from '../lib/keys.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { createLabelSession } from '../stores/label-session.ts';
import './label-queue.css';

/**
 * `/label/:queueId`: one item at a time, keyboard first — digits score, `n` is N/A, `a`/`b`/`t` pick a side,
 * `e` keeps the selected text as evidence, Enter saves, `u` undoes, `?` lists the keys. Only what the server
 * sent for this labeler is shown.
 */
export default function LabelQueue() {
  const params = useParams<{ queueId: string }>();
  // A page per queue: going from one queue to another (back, forward) starts a new session, undo history and all.
  return (
    <Show when={params.queueId} keyed>
      {(queueId) => <LabelQueuePage queueId={queueId} />}
    </Show>
  );
}

function LabelQueuePage(props: { queueId: string }) {
  const session = createLabelSession(() => props.queueId);
  onMount(() => void session.loadNext());
  usePageTitle(() => session.queue()?.name ?? 'Labeling');

  const [choice, setChoice] = createSignal<Choice | null>(null);
  const [typed, setTyped] = createSignal('');
  const [evidence, setEvidence] = createSignal<KeptEvidence[]>([]);
  const [comment, setComment] = createSignal('');
  const [notice, setNotice] = createSignal('');
  const [help, setHelp] = createSignal(false);
  let commentBox: HTMLTextAreaElement | undefined;

  const pairwise = () => session.queue()?.pairwise ?? false;
  const item = () => session.current()?.item ?? null;
  const titleOf = (slug: string) => session.queue()?.traits.find((t) => t.slug === slug)?.title ?? slug;

  // A new trait or item starts a new label: nothing chosen, kept or written yet.
  createEffect(
    on([() => item()?.id, () => session.trait()?.slug], ([itemId], previous) => {
      setChoice(null);
      setTyped('');
      setEvidence([]);
      setComment('');
      if (itemId !== previous?.[0]) window.scrollTo({ top: 0 });
    }),
  );

  const quotesBySide = createMemo(() => {
    const by = new Map<Side, Map<number, EvidenceQuote[]>>([
      ['first', new Map()],
      ['second', new Map()],
    ]);
    evidence().forEach((e, i) => {
      const side = by.get(e.side);
      side?.set(e.message_index, [...(side.get(e.message_index) ?? []), { id: `kept:${i}`, quote: e.quote, colour: '', label: 'Kept as your evidence' }]);
    });
    return by;
  });

  function textsOf(turn: TurnRef): string[] {
    const side = turn.side === 'first' ? item()?.first : item()?.second;
    const message = side?.messages.find((m) => m.index === turn.index);
    return message ? messageTexts(message.content) : [];
  }

  function keepSelection() {
    const selection = window.getSelection();
    const pick = evidenceFromSelection({ text: selection?.toString() ?? '', anchor: selection?.anchorNode ?? null, focus: selection?.focusNode ?? null }, textsOf);
    if (!pick.ok) return setNotice(pick.reason);
    const kept = keepEvidence(evidence(), pick.evidence);
    if (!kept.ok) return setNotice(kept.reason);
    setEvidence(kept.kept);
    selection?.removeAllRanges();
    setNotice(`Kept a quote from message ${pick.evidence.message_index}.`);
  }

  function digit(key: string) {
    const trait = session.trait();
    if (!trait) return;
    if (pairwise()) return setNotice('This queue compares two sides: a (first), b (second) or t (tie).');
    const result = pressDigit(trait.scale, typed(), key);
    setTyped(result.typed);
    if (result.value === null) return setNotice(`${key} is not a point of this scale (${digitHint(trait.scale)}).`);
    setChoice({ kind: 'value', value: result.value });
    setNotice('');
  }

  function pickWinner(key: string) {
    const winner = WINNER_KEYS[key];
    if (!winner || !session.trait()) return;
    if (!pairwise()) return setNotice('This queue scores one transcript: use the digits, or n for N/A.');
    setChoice({ kind: 'winner', winner });
    setNotice('');
  }

  async function save() {
    const trait = session.trait();
    const queue = session.queue();
    const chosen = choice();
    if (!trait || !queue || session.busy()) return;
    if (!chosen) return setNotice(queue.pairwise ? 'Choose a side first: a, b or t.' : `Choose a score first (${digitHint(trait.scale)}), or n for N/A.`);
    const request = labelRequest(trait, chosen, evidence(), comment(), queue.pairwise);
    if (!request.ok) return setNotice(request.error);
    if (await session.submit(request.body, chosen)) setNotice(`Saved ${trait.title}: ${choiceText(chosen)}.`);
  }

  async function undo() {
    const trait = await session.undo();
    if (trait) setNotice(`Withdrew your ${titleOf(trait)} label: label it again.`);
    else if (!session.problem()) setNotice('There is no label of yours to undo here.');
  }

  const labeledHere = () => (session.current()?.labels ?? []).map((l) => `${titleOf(l.trait)} ${l.text}`).join(' · ');

  const working = () => !help() && !session.problem()?.needsNext;
  useShortcuts({
    ...Object.fromEntries(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => [d, () => working() && digit(d)])),
    n: () => {
      if (!working() || !session.trait()) return;
      if (pairwise()) return setNotice('A pairwise label is a side: a, b or t.');
      setChoice({ kind: 'na' });
      setNotice('');
    },
    a: () => working() && pickWinner('a'),
    b: () => working() && pickWinner('b'),
    t: () => working() && pickWinner('t'),
    e: () => working() && keepSelection(),
    c: () => working() && commentBox?.focus(),
    Enter: () => working() && void save(),
    u: () => working() && void undo(),
    '?': () => setHelp((h) => !h),
    Escape: () => setHelp(false),
  });

  function onCommentKey(event: KeyboardEvent) {
    if (event.key === 'Escape') commentBox?.blur();
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  }

  return (
    <div class="label-page" classList={{ pairwise: pairwise() }}>
      <header class="label-head">
        <A href="/labeling" class="back">
          ← Queues
        </A>
        <h1>{session.queue()?.name ?? 'Labeling'}</h1>
        <Show when={session.queue()?.blind}>
          <span class="blind-badge" title="You see only the messages and the metadata this queue shows: no model, no transcript id, no scores, no other labeler.">
            Blind
          </span>
        </Show>
        <button type="button" class="link-button keys-button" onClick={() => setHelp(true)}>
          Keys <kbd>?</kbd>
        </button>
      </header>
      <Show when={session.progress()}>{(p) => <LabelProgressBars progress={p()} />}</Show>
      <Show when={session.problem()}>
        {(p) => (
          <div class="panel error-panel label-problem" role="alert">
            <h2>{p().title}</h2>
            <p>{p().message}</p>
            <Show when={p().needsNext}>
              <button type="button" class="primary" ref={(el) => requestAnimationFrame(() => el.focus())} onClick={() => void session.loadNext()}>
                Get the next item
              </button>
            </Show>
          </div>
        )}
      </Show>
      <Show when={session.queue()?.instructions}>
        {(text) => (
          <details class="panel label-instructions" open>
            <summary>Instructions</summary>
            <RichText text={text()} />
          </details>
        )}
      </Show>

      <Switch fallback={<p class="loading">Loading your next item…</p>}>
        <Match when={session.loadError()}>{(err) => <ErrorPanel error={err()} title="Could not load the queue" />}</Match>
        <Match when={session.loaded() && !item()}>
          <section class="panel label-done">
            <h2>Nothing left for you in this queue</h2>
            <p>Every item you can label here is labeled. Thank you.</p>
            <p class="muted">
              <Show when={session.finished().length > 0}>
                <kbd>u</kbd> undoes your last label. ·{' '}
              </Show>
              <A href="/labeling">Back to your queues</A>
            </p>
            <Show when={notice()}>
              <p class="label-notice" role="status">
                {notice()}
              </p>
            </Show>
          </section>
        </Match>
        <Match when={item()}>
          {(it) => (
            <div class="label-layout">
              <div class="label-sides">
                <LabelSide side={it().first} which="first" heading={it().second ? 'First' : null} quotes={quotesBySide().get('first') ?? new Map()} />
                <Show when={it().second}>{(second) => <LabelSide side={second()} which="second" heading="Second" quotes={quotesBySide().get('second') ?? new Map()} />}</Show>
              </div>
              <aside class="label-panel" aria-label="Label">
                {/* At the top of the panel, which stays in view: what a key did, or why it did nothing. */}
                <Show when={notice()}>
                  <p class="label-notice" role="status">
                    {notice()}
                  </p>
                </Show>
                <Show when={session.trait()}>
                  {(trait) => (
                    <>
                      <TraitChoice
                        trait={trait()}
                        pairwise={pairwise()}
                        choice={choice()}
                        typed={typed()}
                        step={traitStepText(session.queue()?.traits ?? [], trait().slug)}
                        onPick={(c) => {
                          setChoice(c);
                          setTyped('');
                        }}
                      />
                      <EvidenceKept evidence={evidence()} pairwise={pairwise()} onKeep={keepSelection} onRemove={(i) => setEvidence((list) => list.filter((_, n) => n !== i))} />
                      <label class="comment-box">
                        <span>
                          Comment <span class="hint">· optional · <kbd>c</kbd> to write, Esc to leave</span>
                        </span>
                        <textarea ref={commentBox} rows="3" value={comment()} onInput={(e) => setComment(e.currentTarget.value)} onKeyDown={onCommentKey} />
                      </label>
                      <div class="label-actions">
                        <button type="button" class="primary" disabled={session.busy()} onClick={() => void save()}>
                          Save <kbd>Enter</kbd>
                        </button>
                        <button type="button" disabled={session.busy()} onClick={() => void undo()}>
                          Undo <kbd>u</kbd>
                        </button>
                        <span class="chosen-text" aria-live="polite">
                          <Show when={choice()} fallback="Nothing chosen yet">
                            {(c) => (
                              <>
                                Chosen: <strong>{choiceText(c())}</strong>
                              </>
                            )}
                          </Show>
                        </span>
                      </div>
                    </>
                  )}
                </Show>
                <Show when={(session.current()?.labels.length ?? 0) > 0}>
                  <p class="muted labeled-here">Labeled on this item: {labeledHere()}</p>
                </Show>
                <Show when={session.trait()?.rubric}>{(text) => <RubricText text={text()} />}</Show>
              </aside>
            </div>
          )}
        </Match>
      </Switch>
      <Show when={help()}>
        <KeysHelp pairwise={pairwise()} digits={digitHint(session.trait()?.scale ?? null)} onClose={() => setHelp(false)} />
      </Show>
    </div>
  );
}
