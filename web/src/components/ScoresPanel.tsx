import { createMemo, For, Match, Show, Switch } from 'solid-js';
import type { Score } from '../api/client.ts';
import { scoreOutcome, supersededIds, turnRangeLabel, type ScoreOutcome } from '../lib/scores.ts';

function TurnLink(props: { index: number }) {
  return <a href={`#turn-${props.index}`}>{props.index}</a>;
}

/** One renderer per outcome kind: a number, a category, N/A with its reason, or a failure. */
function OutcomeView(props: { outcome: ScoreOutcome }) {
  return (
    <Switch>
      <Match when={props.outcome.kind === 'value' && props.outcome}>{(o) => <strong class="value">{o().text}</strong>}</Match>
      <Match when={props.outcome.kind === 'category' && props.outcome}>{(o) => <strong class="category">{o().text}</strong>}</Match>
      <Match when={props.outcome.kind === 'na' && props.outcome}>
        {(o) => (
          <>
            <strong class="na">N/A</strong>
            <Show when={o().reason}>
              <span class="muted"> · {o().reason}</span>
            </Show>
          </>
        )}
      </Match>
      <Match when={props.outcome.kind === 'failed' && props.outcome}>
        {(o) => (
          <>
            <strong class="failed">Failed</strong>
            <span class="muted">
              {' '}
              · {o().status}
              {o().reason ? `: ${o().reason}` : ''}
            </span>
          </>
        )}
      </Match>
    </Switch>
  );
}

function ScoreCard(props: { score: Score; superseded: boolean }) {
  const outcome = createMemo(() => scoreOutcome(props.score));
  const range = () => turnRangeLabel(props.score.turnStart, props.score.turnEnd);
  return (
    <article class="score" classList={{ superseded: props.superseded }} aria-label={`${props.score.traitTitle} score`}>
      <header class="score-head">
        <h3 title={props.score.trait}>{props.score.traitTitle}</h3>
        <span class={`source source-${props.score.source}`}>{props.score.source}</span>
      </header>
      <p class="score-value">
        <OutcomeView outcome={outcome()} />
        <Show when={props.superseded}>
          <span class="muted"> · superseded</span>
        </Show>
      </p>
      <dl class="score-meta">
        <Show when={range()}>
          <dt>Turns</dt>
          <dd>
            <TurnLink index={props.score.turnStart ?? 0} />
            <Show when={props.score.turnEnd !== null && props.score.turnEnd !== props.score.turnStart}>
              –<TurnLink index={props.score.turnEnd ?? 0} />
            </Show>
          </dd>
        </Show>
        <Show when={props.score.labeler}>
          <dt>Labeler</dt>
          <dd>{props.score.labeler}</dd>
        </Show>
        <Show when={props.score.sampleIndex > 0}>
          <dt>Sample</dt>
          <dd>{props.score.sampleIndex}</dd>
        </Show>
      </dl>
      <Show when={props.score.rationale}>
        <p class="rationale">{props.score.rationale}</p>
      </Show>
      <Show when={props.score.evidence.length > 0}>
        <ul class="evidence" aria-label="Evidence">
          <For each={props.score.evidence}>
            {(e) => (
              <li classList={{ unverified: !e.verified }}>
                <blockquote>{e.quote}</blockquote>
                <span class="evidence-meta">
                  <Show
                    when={e.verified}
                    fallback={
                      <span class="unverified-mark" title="This quote was not found in the turn it cites">
                        ⚠ unverified
                      </span>
                    }
                  >
                    <span class="verified-mark" title="This quote was found in the turn it cites">
                      ✓ verified
                    </span>
                  </Show>{' '}
                  · <a href={`#turn-${e.message_index}`}>turn {e.message_index}</a>
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </article>
  );
}

/** Every score of the transcript, in the order the server gives (trait, then turn, then time). */
export function ScoresPanel(props: { scores: Score[] }) {
  const superseded = createMemo(() => supersededIds(props.scores));
  return (
    <section class="scores-panel" aria-labelledby="scores-heading">
      <h2 id="scores-heading">Scores</h2>
      <Show when={props.scores.length > 0} fallback={<p class="muted">No scores yet.</p>}>
        <For each={props.scores}>{(score) => <ScoreCard score={score} superseded={superseded().has(score.id)} />}</For>
      </Show>
    </section>
  );
}
