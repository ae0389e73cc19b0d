import { useNavigate } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { listModels, listTraits, type Trait } from '../../api/client.ts';
import { createQueue } from '../../api/labeling.ts';
import { parseEmails, queueRequestBody, type QueueSelection } from '../../lib/queue-form.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { LabelerPicker } from './LabelerPicker.tsx';
import { QueueSelectionFields } from './QueueSelectionFields.tsx';

/** Rubric traits first (they come with a rubric and anchors for the labeler), then the rest by name. */
function labelableTraits(traits: readonly Trait[], pairwise: boolean): Trait[] {
  // A score queue needs a scale to label on; a comparison needs none (the server refuses the rest).
  return traits
    .filter((t) => pairwise || t.scale !== null)
    .sort((a, b) => Number(b.currentRubricVersion !== null) - Number(a.currentRubricVersion !== null) || a.title.localeCompare(b.title));
}

/** A new labeling queue; on success, its page. Refusals show in the server's words. */
export function QueueForm(props: { initial: QueueSelection; admin: boolean }) {
  const navigate = useNavigate();
  const [traits] = createResource(listTraits);
  const [models] = createResource(listModels);
  const [name, setName] = createSignal('');
  const [chosen, setChosen] = createSignal<readonly string[]>([]);
  const [selection, setSelection] = createSignal<QueueSelection>(props.initial);
  const [overlap, setOverlap] = createSignal('1');
  const [blind, setBlind] = createSignal(true);
  const [pairwise, setPairwise] = createSignal(false);
  const [instructions, setInstructions] = createSignal('');
  const [picked, setPicked] = createSignal<readonly string[]>([]);
  const [typedEmails, setTypedEmails] = createSignal('');
  const [showMetadata, setShowMetadata] = createSignal('');
  const [margin, setMargin] = createSignal('1');
  const [gold, setGold] = createSignal('');
  const [problem, setProblem] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);

  const offered = createMemo(() => (traits.state === 'ready' ? labelableTraits(traits(), pairwise()) : []));
  const toggleTrait = (slug: string, on: boolean) => setChosen((now) => (on ? [...now.filter((s) => s !== slug), slug] : now.filter((s) => s !== slug)));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const request = queueRequestBody({
      name: name(),
      traits: chosen().filter((slug) => offered().some((t) => t.slug === slug)),
      selection: selection(),
      overlap: overlap(),
      blind: blind(),
      pairwise: pairwise(),
      instructions: instructions(),
      labelers: [...new Set([...picked(), ...parseEmails(typedEmails())])],
      showMetadata: showMetadata(),
      adjudicationMargin: margin(),
      gold: pairwise() ? '' : gold(),
    });
    if (!request.ok) return setProblem(new Error(request.error));
    setBusy(true);
    setProblem(null);
    try {
      const created = await createQueue(request.body);
      navigate(`/queues/${encodeURIComponent(created.id)}`);
    } catch (err) {
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="panel queue-form" onSubmit={(e) => void submit(e)}>
      <label>
        <span>Name</span>
        <input name="name" value={name()} onInput={(e) => setName(e.currentTarget.value)} maxLength={200} />
      </label>
      <fieldset class="queue-traits-choice">
        <legend>Traits</legend>
        <Switch fallback={<p class="loading">Loading traits…</p>}>
          <Match when={traits.state === 'errored'}>
            <ErrorPanel error={traits.error} title="Could not load the traits" />
          </Match>
          <Match when={traits.state === 'ready' && offered().length === 0}>
            <p class="muted">No trait on this server has a scale to label on.</p>
          </Match>
          <Match when={traits.state === 'ready'}>
            <div class="trait-options">
              <For each={offered()}>
                {(t) => (
                  <label class="check">
                    <input type="checkbox" name="trait" value={t.slug} checked={chosen().includes(t.slug)} onChange={(e) => toggleTrait(t.slug, e.currentTarget.checked)} />
                    <span>
                      {t.title} <code class="muted">{t.slug}</code>
                      {t.currentRubricVersion ? '' : ' · no rubric'}
                    </span>
                  </label>
                )}
              </For>
            </div>
          </Match>
        </Switch>
      </fieldset>
      <QueueSelectionFields initial={props.initial} selection={selection()} traits={offered()} models={models.state === 'ready' ? models() : []} onChange={setSelection} />
      <LabelerPicker admin={props.admin} picked={picked()} typed={typedEmails()} onPick={setPicked} onType={setTypedEmails} />
      <fieldset class="queue-settings">
        <legend>How</legend>
        <label>
          <span>
            Overlap <span class="hint">· labelers per item</span>
          </span>
          <input name="overlap" type="number" min="1" max="20" value={overlap()} onInput={(e) => setOverlap(e.currentTarget.value)} />
        </label>
        <label>
          <span>
            Adjudication margin <span class="hint">· labels this far apart go to adjudication</span>
          </span>
          <input name="margin" type="number" min="0.5" step="0.5" value={margin()} onInput={(e) => setMargin(e.currentTarget.value)} />
        </label>
        <label class="check">
          <input type="checkbox" name="blind" checked={blind()} onChange={(e) => setBlind(e.currentTarget.checked)} />
          <span>
            Blind <span class="hint">· labelers see no model, transcript id, score or other labeler</span>
          </span>
        </label>
        <label class="check">
          <input type="checkbox" name="pairwise" checked={pairwise()} onChange={(e) => setPairwise(e.currentTarget.checked)} />
          <span>
            Pairwise <span class="hint">· two models' transcripts of one scenario side by side; the labeler picks the better</span>
          </span>
        </label>
        <label>
          <span>
            Metadata to show <span class="hint">· keys, separated by commas; a blind queue shows no other metadata</span>
          </span>
          <input name="show-metadata" value={showMetadata()} onInput={(e) => setShowMetadata(e.currentTarget.value)} />
        </label>
        <Show when={!pairwise()}>
          <label class="wide">
            <span>
              Gold items <span class="hint">· optional, one per line: transcript id, then trait=answer (e.g. <code>01J… pushback=4</code>); each labeler's accuracy on them is shown to researchers only</span>
            </span>
            <textarea name="gold" rows="3" value={gold()} onInput={(e) => setGold(e.currentTarget.value)} spellcheck={false} />
          </label>
        </Show>
        <label class="wide">
          <span>
            Instructions <span class="hint">· shown above every item (Markdown)</span>
          </span>
          <textarea name="instructions" rows="4" value={instructions()} onInput={(e) => setInstructions(e.currentTarget.value)} />
        </label>
      </fieldset>
      <Show when={problem()}>{(err) => <ErrorPanel error={err()} title="The queue was not created" />}</Show>
      <div>
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? 'Creating…' : 'Create queue'}
        </button>
      </div>
    </form>
  );
}
