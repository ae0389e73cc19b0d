import { EvidenceList } from './EvidenceList.tsx';
import { A } from '@solidjs/router';
import { createMemo, For, Match, Show, Switch } from 'solid-js';
import type { Score, TraitValue } from '../api/client.ts';
import { valueLine } from '../lib/score-summary.ts';
import { scoreOutcome, supersededIds, turnRangeLabel, type ScoreOutcome } from '../lib/scores.ts';
import { identityFromSlug } from '../lib/trait-label.ts';
import { traitCatalogue } from '../stores/trait-catalogue.ts';
import { TraitName } from './TraitName.tsx';

/** Groups of more scores than this start closed: a Spiral-Bench trait has one per judged turn. */
const OPEN_GROUP_MAX = 3;

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

function ScoreCard(props: { score: Score; superseded: boolean; selected: boolean; onFocus: (score: Score) => void; colour: string }) {
  const outcome = createMemo(() => scoreOutcome(props.score));
  const label = () => traitCatalogue.label(props.score.trait, { known: identityFromSlug(props.score.trait, props.score.traitTitle) });
  const range = () => turnRangeLabel(props.score.turnStart, props.score.turnEnd);
  const canFocus = () => props.score.evidence.length > 0 || props.score.turnStart !== null;
  return (
    <article
      id={`score-${props.score.id}`}
      class="score"
      classList={{ superseded: props.superseded, selected: props.selected }}
      aria-label={`${props.score.traitTitle} score`}
      data-trait={props.score.trait}
    >
      <header class="score-head">
        <h3 class={props.colour}>
          <span class="trait-swatch" aria-hidden="true" />
          <TraitName label={label()} />
        </h3>
        <span class={`source source-${props.score.source}`}>{props.score.source}</span>
      </header>
      <p class="score-value">
        <OutcomeView outcome={outcome()} />
        <Show when={outcome().kind === 'value'}>
          <span class="muted scale-note"> on {label().scale}</span>
        </Show>
        <Show when={props.superseded}>
          <span class="muted"> · superseded</span>
        </Show>
        <Show when={canFocus()}>
          <button type="button" class="show-evidence" onClick={() => props.onFocus(props.score)}>
            {props.score.evidence.length > 0 ? 'Show evidence' : 'Show turn'}
          </button>
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
        <Show when={props.score.judgeRunId}>
          {(run) => (
            <>
              <dt>Run</dt>
              <dd>
                <A href={`/judge/runs/${encodeURIComponent(run())}`} title="The judge run that gave this score, with its prompt and raw answer">
                  {run().slice(-8)}
                </A>
              </dd>
            </>
          )}
        </Show>
        <Show when={props.score.rubricVersionId}>
          {(v) => (
            <>
              <dt>Rubric</dt>
              <dd>
                <code title={v()}>{v().slice(0, 10)}</code>
              </dd>
            </>
          )}
        </Show>
      </dl>
      <Show when={props.score.rationale}>
        <p class="rationale">{props.score.rationale}</p>
      </Show>
      <EvidenceList evidence={props.score.evidence} />
    </article>
  );
}

interface Group {
  key: string;
  trait: string;
  title: string;
  source: string;
  scores: Score[];
  value: TraitValue | undefined;
}

/**
 * The trait panel: one group per trait and source with its summary (mean and spread over samples or
 * turn ranges), each score inside with source, rubric version, rationale and evidence. A click on a score
 * brings its evidence into view in the conversation.
 */
export function ScoresPanel(props: { scores: Score[]; values: TraitValue[]; selectedId: string | null; onFocus: (score: Score) => void; colourOf?: (trait: string) => string }) {
  const colour = (trait: string) => props.colourOf?.(trait) ?? '';
  const superseded = createMemo(() => supersededIds(props.scores));
  const groups = createMemo((): Group[] => {
    // Only valid values count; a group of failed chunks has a value row with nothing in it.
    const summaries = new Map(props.values.filter((v) => v.value !== null || v.category !== null || v.na > 0).map((v) => [`${v.trait}\u0000${v.source}`, v]));
    const byKey = new Map<string, Group>();
    for (const score of props.scores) {
      const key = `${score.trait}\u0000${score.source}`;
      const group = byKey.get(key) ?? { key, trait: score.trait, title: score.traitTitle, source: score.source, scores: [], value: summaries.get(key) };
      group.scores.push(score);
      byKey.set(key, group);
    }
    // Groups with nothing valid (failed judge chunks) go last: visible, but not in the way.
    return [...byKey.values()].sort((a, b) => Number(a.value === undefined) - Number(b.value === undefined));
  });
  const selectedGroup = () => groups().find((g) => g.scores.some((s) => s.id === props.selectedId))?.key;
  return (
    <section class="scores-panel" aria-labelledby="scores-heading">
      <h2 id="scores-heading">Traits</h2>
      <Show when={props.scores.length > 0} fallback={<p class="muted">No scores yet.</p>}>
        <For each={groups()}>
          {(group) => (
            <section class="trait-group" data-trait={group.trait} aria-label={`${group.title} (${group.source})`}>
              <Show
                when={group.scores.length > 1}
                fallback={
                  <For each={group.scores}>
                    {(score) => <ScoreCard score={score} superseded={superseded().has(score.id)} selected={props.selectedId === score.id} onFocus={props.onFocus} colour={colour(score.trait)} />}
                  </For>
                }
              >
                <details open={group.scores.length <= OPEN_GROUP_MAX || selectedGroup() === group.key}>
                  <summary>
                    <span class={`group-title ${colour(group.trait)}`}>
                      <span class="trait-swatch" aria-hidden="true" />
                      <TraitName label={traitCatalogue.label(group.trait, { known: identityFromSlug(group.trait, group.title) })} />
                    </span>{' '}
                    <span class={`source source-${group.source}`}>{group.source}</span>
                    <span class="group-summary">{group.value ? valueLine(group.value) : `${group.scores.length} failed`}</span>
                  </summary>
                  <For each={group.scores}>
                    {(score) => <ScoreCard score={score} superseded={superseded().has(score.id)} selected={props.selectedId === score.id} onFocus={props.onFocus} colour={colour(score.trait)} />}
                  </For>
                </details>
              </Show>
            </section>
          )}
        </For>
      </Show>
    </section>
  );
}
