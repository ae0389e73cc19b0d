import { For, Show } from 'solid-js';
import type { QueueTrait } from '../../api/labeling.ts';
import { WINNER_KEYS, winnerLabel, type Choice, type Winner } from '../../lib/label-choice.ts';
import { digitHint, isTypedScale, scalePoints } from '../../lib/label-keys.ts';
import { RichText } from '../RichText.tsx';

/** A mouse click must not leave focus on the button, or the next Enter would press it again instead of saving. */
function clickThenBlur(pick: () => void): (event: MouseEvent & { currentTarget: HTMLButtonElement }) => void {
  return (event) => {
    pick();
    event.currentTarget.blur();
  };
}

const WINNERS: readonly { key: string; winner: Winner }[] = Object.entries(WINNER_KEYS).map(([key, winner]) => ({ key, winner }));

function same(a: Choice | null, b: Choice): boolean {
  if (!a || a.kind !== b.kind) return false;
  if (a.kind === 'value' && b.kind === 'value') return a.value === b.value;
  if (a.kind === 'winner' && b.kind === 'winner') return a.winner === b.winner;
  return true;
}

/**
 * The current trait: its scale points with their keys and anchor text (or, pairwise, the two sides and a tie),
 * and N/A with the rubric's rule for it. Each point is also a button, for a phone.
 */
export function TraitChoice(props: { trait: QueueTrait; pairwise: boolean; choice: Choice | null; typed: string; step: string; onPick: (choice: Choice) => void }) {
  const points = () => scalePoints(props.trait.scale);
  return (
    <section class="trait-choice-panel" aria-labelledby="trait-heading">
      <h2 id="trait-heading">
        {props.trait.title} <Show when={props.step}><span class="muted trait-step">· {props.step}</span></Show>
      </h2>
      <Show
        when={!props.pairwise}
        fallback={
          <>
            <p class="muted choose-hint">
              Which side is better on {props.trait.title.toLowerCase()}? <kbd>a</kbd> first · <kbd>b</kbd> second · <kbd>t</kbd> tie
            </p>
            <div class="winner-choices" role="group" aria-label="Which is better">
              <For each={WINNERS}>
                {(w) => (
                  <button type="button" class="winner-choice" classList={{ chosen: same(props.choice, { kind: 'winner', winner: w.winner }) }} aria-pressed={same(props.choice, { kind: 'winner', winner: w.winner })} onClick={clickThenBlur(() => props.onPick({ kind: 'winner', winner: w.winner }))}>
                    <kbd>{w.key}</kbd> {w.winner === 'tie' ? 'Tie' : winnerLabel(w.winner)}
                  </button>
                )}
              </For>
            </div>
          </>
        }
      >
        <p class="muted choose-hint">
          Score: <kbd>{digitHint(props.trait.scale)}</kbd> · <kbd>n</kbd> not applicable
          <Show when={isTypedScale(props.trait.scale) && props.typed}>
            {' '}
            · typed <strong class="typed">{props.typed}</strong>
          </Show>
        </p>
      </Show>
      <Show when={points().length > 0}>
        <ol class="scale-points" aria-label={props.pairwise ? 'Scale points, for reference' : 'Scale points'}>
          <For each={points()}>
            {(p) => (
              <li>
                <Show
                  when={!props.pairwise}
                  fallback={
                    <div class="scale-point">
                      <span class="point-head">
                        <strong class="point-label">{p.label}</strong>
                      </span>
                      <span class="anchor">{p.anchor ?? ''}</span>
                    </div>
                  }
                >
                  <button type="button" class="scale-point" classList={{ chosen: same(props.choice, { kind: 'value', value: p.value }) }} aria-pressed={same(props.choice, { kind: 'value', value: p.value })} onClick={clickThenBlur(() => props.onPick({ kind: 'value', value: p.value }))}>
                    <span class="point-head">
                      <Show when={p.key}>{(key) => <kbd>{key()}</kbd>}</Show>
                      {/* A 1–5 point's key is its value: said once. On 1–10, key 0 is the point 10. */}
                      <Show when={p.key !== p.label}>
                        <strong class="point-label">{p.label}</strong>
                      </Show>
                    </span>
                    <span class="anchor">{p.anchor ?? ''}</span>
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={!props.pairwise}>
        <button type="button" class="scale-point na-choice" classList={{ chosen: same(props.choice, { kind: 'na' }) }} aria-pressed={same(props.choice, { kind: 'na' })} onClick={clickThenBlur(() => props.onPick({ kind: 'na' }))}>
          <span class="point-head">
            <kbd>n</kbd>
            <strong class="point-label">N/A</strong>
          </span>
          <span class="anchor">{props.trait.notApplicableWhen ?? 'Not applicable to this transcript.'}</span>
        </button>
      </Show>
    </section>
  );
}

/** The trait's whole rubric, folded: the anchors above are what a labeler reads on every item. */
export function RubricText(props: { text: string }) {
  return (
    <details class="rubric-text">
      <summary>The full rubric</summary>
      <RichText text={props.text} />
    </details>
  );
}
