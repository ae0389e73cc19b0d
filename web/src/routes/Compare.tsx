import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Index, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { getTranscript, type Transcript } from '../api/client.ts';
import { CompareTraitTable } from '../components/CompareTraitTable.tsx';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { MessageView } from '../components/MessageView.tsx';
import { TraitLanes, type Lane } from '../components/TraitLanes.tsx';
import { alignByTurn, firstUserDivergence } from '../lib/align.ts';
import { compareHref, readCompareIds } from '../lib/compare-links.ts';
import { quotesByMessage } from '../lib/evidence.ts';
import { focusEvidence, stepTurn } from '../lib/focus.ts';
import { useShortcuts } from '../lib/keys.ts';
import { laneCells, rangeTraits, type LaneCell } from '../lib/lanes.ts';
import { plainText } from '../lib/message-blocks.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { useTraitCatalogue } from '../stores/trait-catalogue.ts';

/** Turn rows rendered in the first frame; the rest follow a slice per frame, so long transcripts show at once. */
const FIRST_ROWS = 16;
const ROWS_PER_FRAME = 24;

/** The lane shown first: pushback where there is one, else the most scored range trait. */
function defaultLaneTrait(traits: string[]): string {
  return traits.find((t) => t.endsWith('pushback')) ?? traits[0] ?? '';
}

function columnLabel(t: Transcript, all: Transcript[]): string {
  // Two samples of one model: tell them apart by sample.
  return all.filter((x) => x.model === t.model).length > 1 ? `${t.model} #${t.sample}` : t.model;
}

export default function Compare() {
  const [params, setParams] = useSearchParams();
  const catalogue = useTraitCatalogue();
  const ids = createMemo(() => readCompareIds(params['ids']), undefined, { equals: (a, b) => a.join(',') === b.join(',') });
  const [transcripts] = createResource(ids, (list) => Promise.all(list.map(getTranscript)));
  const ready = () => (transcripts.state === 'ready' ? transcripts() : undefined);
  const sync = () => params['sync'] !== 'off';
  usePageTitle(() => {
    const t = ready();
    return t ? `Compare ${t.map((x) => x.model).join(' · ')}` : 'Compare';
  });

  const allTraits = createMemo(() => rangeTraits((ready() ?? []).flatMap((t) => t.scores)));
  const laneTrait = () => (typeof params['trait'] === 'string' && params['trait'] ? params['trait'] : defaultLaneTrait(allTraits()));
  const labels = createMemo(() => (ready() ?? []).map((t, _, all) => columnLabel(t, all)));
  const lanes = createMemo((): Lane[] => (ready() ?? []).map((t, i) => ({ label: labels()[i] ?? t.model, cells: laneCells(t.scores, laneTrait()) })));
  const summaries = createMemo(() => (ready() ?? []).map((t) => t.traitValues));
  // Evidence of the trait in focus only: side by side, every trait's marks at once would drown the text.
  const quotes = createMemo(() => (ready() ?? []).map((t) => quotesByMessage(t.scores.filter((s) => s.trait === laneTrait()))));
  const rows = createMemo(() => alignByTurn((ready() ?? []).map((t) => t.messages)));
  const divergence = createMemo(() => firstUserDivergence((ready() ?? []).map((t) => t.messages.map((m) => ({ index: m.index, role: m.role, text: plainText(m.content) })))));
  const sameScenario = () => new Set((ready() ?? []).map((t) => t.scenarioId)).size <= 1;

  const [rendered, setRendered] = createSignal(FIRST_ROWS);
  let frame = 0;
  createEffect(
    on(rows, (all) => {
      cancelAnimationFrame(frame);
      setRendered(FIRST_ROWS);
      const grow = () => {
        setRendered((n) => Math.min(all.length, n + ROWS_PER_FRAME));
        if (rendered() < all.length) frame = requestAnimationFrame(grow);
      };
      frame = requestAnimationFrame(grow);
    }),
  );
  onCleanup(() => cancelAnimationFrame(frame));
  const visibleRows = () => rows().slice(0, rendered());

  function showCell(column: number, cell: LaneCell) {
    // Its turn may not be rendered yet: render everything, then look.
    setRendered(rows().length);
    requestAnimationFrame(() => focusEvidence(document, cell.scoreId, `c${column}-turn-${cell.start}`));
  }

  useShortcuts({
    ']': () => {
      setRendered(rows().length);
      requestAnimationFrame(() => stepTurn(document, 1));
    },
    '[': () => stepTurn(document, -1),
  });

  return (
    <div class="compare-page">
      <nav class="crumbs" aria-label="Breadcrumb">
        <A href="/transcripts">← Transcripts</A>
        <Show when={ready()?.[0]}>
          {(t) => (
            <>
              {' · '}
              <A href={`/scenarios/${encodeURIComponent(t().scenarioId)}`}>Scenario {t().scenario}</A>
            </>
          )}
        </Show>
      </nav>
      <Switch fallback={<p class="loading">Loading transcripts…</p>}>
        <Match when={ids().length < 2}>
          <div class="panel">
            <h1>Compare</h1>
            <p>
              Name two to four transcripts: <code>/compare?ids=A,B</code>. From a transcript, “Compare with” puts it beside the same scenario under another
              model version.
            </p>
          </div>
        </Match>
        <Match when={transcripts.state === 'errored'}>
          <ErrorPanel error={transcripts.error} title="Could not load these transcripts" />
        </Match>
        <Match when={ready()}>
          {(list) => (
            <>
              <header class="compare-head">
                <h1>{list()[0]?.scenarioTitle || list()[0]?.scenario}</h1>
                <Show when={!sameScenario()}>
                  <p class="notice">These transcripts are of different scenarios: turns line up by index only.</p>
                </Show>
                <div class="compare-controls">
                  <label class="check">
                    <input type="checkbox" checked={sync()} onChange={(e) => setParams({ sync: e.currentTarget.checked ? undefined : 'off' }, { replace: true })} />
                    Synchronized scrolling (turns side by side)
                  </label>
                  <label class="inline">
                    Lane
                    <select onChange={(e) => setParams({ trait: e.currentTarget.value }, { replace: true })}>
                      <For each={allTraits()}>
                        {(t) => (
                          <option value={t} selected={t === laneTrait()}>
                            {catalogue.label(t).text}
                          </option>
                        )}
                      </For>
                    </select>
                  </label>
                </div>
              </header>

              <TraitLanes trait={laneTrait()} lanes={lanes()} onCell={showCell} />

              <details class="compare-traits-wrap" open>
                <summary>Trait table</summary>
                <CompareTraitTable labels={labels()} summaries={summaries()} selectedTrait={laneTrait()} onTrait={(trait) => setParams({ trait }, { replace: true })} />
              </details>

              <div class="compare-columns" classList={{ synced: sync(), free: !sync() }} style={{ '--columns': String(list().length) }}>
                <Index each={list()}>
                  {(t, i) => (
                    <div class="column-head" style={{ 'grid-column': String(i + 1) }}>
                      <A class="model" href={`/transcripts/${encodeURIComponent(t().id)}`}>
                        {labels()[i]}
                      </A>
                      <span class="muted"> · sample {t().sample} · {t().messageCount} turns</span>
                      <Show when={list().length > 2}>
                        {' '}
                        <A class="remove" href={compareHref(ids().filter((id) => id !== t().id))} title="Remove this column">
                          ✕
                        </A>
                      </Show>
                    </div>
                  )}
                </Index>
                <Show
                  when={sync()}
                  fallback={
                    <Index each={list()}>
                      {(t, col) => (
                        <div class="free-column turn-stack" style={{ 'grid-column': String(col + 1) }}>
                          <For each={t().messages.slice(0, rendered())}>
                            {(m) => (
                              <>
                                <Show when={m.index === divergence()}>
                                  <p class="divergence">The user side first differs here</p>
                                </Show>
                                <MessageView message={m} targeted={false} idPrefix={`c${col}-`} quotes={quotes()[col]?.get(m.index)} />
                              </>
                            )}
                          </For>
                        </div>
                      )}
                    </Index>
                  }
                >
                  <For each={visibleRows()}>
                    {(row) => (
                      <>
                        <Show when={row.index === divergence()}>
                          <p class="divergence" style={{ 'grid-column': `1 / span ${list().length}` }}>
                            ↓ The user side first differs at turn {row.index}: from here on each version answers a different conversation
                          </p>
                        </Show>
                        <Index each={row.cells}>
                          {(m, col) => (
                            // A turn stack like the reader's conversation: the turn takes the cell's width, whatever its longest line.
                            <div class="cell turn-stack" style={{ 'grid-column': String(col + 1) }}>
                              <Show when={m()} fallback={<p class="placeholder">no turn {row.index}</p>}>
                                {(message) => <MessageView message={message()} targeted={false} idPrefix={`c${col}-`} quotes={quotes()[col]?.get(row.index)} />}
                              </Show>
                            </div>
                          )}
                        </Index>
                      </>
                    )}
                  </For>
                </Show>
              </div>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
