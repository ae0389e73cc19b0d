import { A } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { listComparisons, type Comparison, type ComparisonQuery } from '../api/client.ts';
import { relationText, sampleLabel, sideLabel, verdictCount, verdictRow, type VerdictRow, type VerdictSide } from '../lib/verdicts.ts';
import { ErrorPanel } from './ErrorPanel.tsx';

/** Verdicts per request: a transcript is in a handful, an MT-Bench question with many models in a few dozen. */
const PAGE_SIZE = 50;

function SideLink(props: { side: VerdictSide }) {
  return (
    <A href={`/transcripts/${encodeURIComponent(props.side.transcriptId)}`} title={sideLabel(props.side)}>
      {props.side.model} <span class="side-sample">{sampleLabel(props.side)}</span>
    </A>
  );
}

/** One verdict: trait and source, who won over whom, the order shown, who rated, and the rationale folded. */
function VerdictItem(props: { row: VerdictRow; fromSelf: boolean }) {
  return (
    <li class="verdict" data-trait={props.row.trait} data-outcome={props.row.outcome}>
      <div class="verdict-head">
        <span class="verdict-trait" title={props.row.trait}>
          {props.row.traitTitle}
        </span>
        <span class={`source source-${props.row.source}`}>{props.row.source}</span>
      </div>
      <p class="verdict-line">
        <Show
          when={props.fromSelf}
          fallback={
            <>
              <span class="verdict-lead" classList={{ winner: props.row.outcome === 'won' }}>
                <SideLink side={props.row.lead} />
              </span>{' '}
              {relationText(props.row.outcome)}{' '}
            </>
          }
        >
          <strong class={`verdict-outcome outcome-${props.row.outcome}`}>{relationText(props.row.outcome, true)}</strong>{' '}
        </Show>
        <SideLink side={props.row.other} />
      </p>
      <p class="verdict-meta muted">
        {props.row.order || 'order shown not recorded'}
        <Show when={props.row.labeler}> · {props.row.labeler}</Show>
        <Show when={props.row.judgeRunId}>
          {(run) => (
            <>
              {' · run '}
              <A href={`/judge/runs/${encodeURIComponent(run())}`} title="The judge run that gave this verdict">
                {run().slice(-8)}
              </A>
            </>
          )}
        </Show>
        {' · '}
        <A href={props.row.compareHref} title="Both transcripts side by side">
          compare
        </A>
      </p>
      <Show when={props.row.rationale}>
        {(text) => (
          <details class="verdict-rationale">
            <summary>Rationale</summary>
            <p class="rationale">{text()}</p>
          </details>
        )}
      </Show>
    </li>
  );
}

/**
 * The pairwise verdicts of a query (a transcript's, a scenario's), newest first, a page at a time. With
 * `self`, each is told from that transcript: "Lost to model-b · sample 0".
 */
export function PairwiseVerdicts(props: { query: ComparisonQuery; self?: string; empty: string }) {
  const [first] = createResource(
    () => props.query,
    (query) => listComparisons({ ...query, limit: PAGE_SIZE }),
  );
  const [later, setLater] = createSignal<Comparison[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [moreError, setMoreError] = createSignal<unknown>(null);
  const firstPage = () => (first.state === 'ready' ? first() : undefined);
  createEffect(
    on(firstPage, (page) => {
      setLater([]);
      setCursor(page?.nextCursor ?? null);
      setMoreError(null);
    }),
  );
  const rows = createMemo(() => [...(firstPage()?.items ?? []), ...later()].map((c) => verdictRow(c, props.self)));

  async function loadMore() {
    const from = cursor();
    const page = firstPage();
    if (!from || !page) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await listComparisons({ ...props.query, cursor: from, limit: PAGE_SIZE });
      // Another transcript opened meanwhile (j/k): this page belongs to the one before.
      if (firstPage() !== page) return;
      setLater((now) => [...now, ...next.items]);
      setCursor(next.nextCursor);
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <section class="verdicts" aria-label="Pairwise verdicts">
      <h2>
        Pairwise verdicts
        <Show when={rows().length > 0}>
          <span class="muted verdict-count">{verdictCount(rows().length, cursor() !== null)}</span>
        </Show>
      </h2>
      <Switch fallback={<p class="loading">Loading verdicts…</p>}>
        <Match when={first.state === 'errored'}>
          <ErrorPanel error={first.error} title="Could not load the verdicts" />
        </Match>
        <Match when={firstPage() && rows().length === 0}>
          <p class="muted verdicts-empty">{props.empty}</p>
        </Match>
        <Match when={firstPage()}>
          <ol class="verdict-list">
            <For each={rows()}>{(row) => <VerdictItem row={row} fromSelf={props.self !== undefined} />}</For>
          </ol>
          <Show when={moreError()}>{(err) => <ErrorPanel error={err()} title="Could not load more verdicts" />}</Show>
          <Show when={cursor()}>
            <button type="button" class="more-verdicts" disabled={loadingMore()} onClick={() => void loadMore()}>
              {loadingMore() ? 'Loading…' : 'More verdicts'}
            </button>
          </Show>
        </Match>
      </Switch>
    </section>
  );
}
