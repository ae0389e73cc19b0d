import { EvidenceList } from '../EvidenceList.tsx';
import { For, Match, Show, Switch } from 'solid-js';
import type { Score } from '../../api/client.ts';
import type { AnswerBlock, PromptBlock } from '../../lib/judge-audit.ts';
import { scoreOutcome } from '../../lib/scores.ts';

/** The pieces of a job's audit trail: prompt blocks, answer blocks, the scores as stored. */

export function PromptBlocks(props: { blocks: PromptBlock[]; label: string }) {
  return (
    <For each={props.blocks}>
      {(b) => (
        <div class="prompt-block">
          <pre class="audit-text" aria-label={props.label}>
            {b.text}
          </pre>
          <Show when={b.cached}>
            <span class="cache-mark" title="A cache_control breakpoint: later requests read this block and everything before it from the prompt cache">
              ↑ cached prefix ends here
            </span>
          </Show>
        </div>
      )}
    </For>
  );
}

export function AnswerBlockView(props: { block: AnswerBlock }) {
  return (
    <Switch>
      <Match when={props.block.kind === 'text' && props.block}>{(b) => <pre class="audit-text">{b().text}</pre>}</Match>
      <Match when={props.block.kind === 'thinking' && props.block}>
        {(b) => (
          <details class="thinking">
            <summary>Thinking</summary>
            <pre class="audit-text">{b().text}</pre>
          </details>
        )}
      </Match>
      <Match when={props.block.kind === 'tool_use' && props.block}>
        {(b) => (
          <div class="tool">
            <div class="tool-head">
              tool call <strong class="tool-name">{b().name}</strong>
            </div>
            <pre class="json">{JSON.stringify(b().input, null, 2)}</pre>
          </div>
        )}
      </Match>
      <Match when={props.block.kind === 'other' && props.block}>
        {(b) => (
          <div class="tool">
            <div class="tool-head">{b().type}</div>
            <pre class="json">{b().json}</pre>
          </div>
        )}
      </Match>
    </Switch>
  );
}

/** The scores this job wrote, as stored: the server checked each quote against the message it cites. */
export function RecordedScores(props: { scores: Score[]; transcriptId: string }) {
  return (
    <For each={props.scores}>
      {(s) => {
        const outcome = () => scoreOutcome(s);
        return (
          <article class="recorded-score" data-score={s.id}>
            <p class="score-value">
              <Switch>
                <Match when={outcome().kind === 'value' || outcome().kind === 'category'}>
                  <span class="muted">Score </span>
                  <strong class="value">{(() => { const o = outcome(); return o.kind === 'value' || o.kind === 'category' ? o.text : ''; })()}</strong>
                </Match>
                <Match when={outcome().kind === 'na'}>
                  <strong class="na">N/A</strong> <span class="muted">{s.naReason}</span>
                </Match>
                <Match when={outcome().kind === 'failed'}>
                  <strong class="failed">{s.status}</strong>
                </Match>
              </Switch>
              <Show when={s.turnStart !== null}>
                <span class="muted"> · turn {s.turnStart}</span>
              </Show>
            </p>
            <Show when={s.rationale}>
              <p class="rationale">{s.rationale}</p>
            </Show>
            <EvidenceList evidence={s.evidence} transcriptId={props.transcriptId} />
          </article>
        );
      }}
    </For>
  );
}
