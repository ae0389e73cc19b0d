import { A } from '@solidjs/router';
import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { listModels, traitSummaries, type TraitSummary } from '../api/client.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { formatNumber } from '../lib/format.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { formatScoreValue } from '../lib/scores.ts';
import { TraitName } from '../components/TraitName.tsx';
import { useTraitCatalogue } from '../stores/trait-catalogue.ts';

function cellTitle(s: TraitSummary | undefined): string {
  if (!s) return 'not scored';
  const dropped = [s.na ? `${s.na} N/A` : '', s.invalid ? `${s.invalid} invalid` : '', s.failed ? `${s.failed} failed scores` : ''].filter(Boolean).join(', ');
  return `Mean over ${s.scenarios} scenarios of the mean of their transcripts (${s.n} transcripts); 95% CI ${ciText(s)} by bootstrap over scenarios${dropped ? `; not counted: ${dropped}` : ''}`;
}

function ciText(s: TraitSummary): string {
  return s.ciLow !== null && s.ciHigh !== null ? `${formatScoreValue(s.ciLow)}–${formatScoreValue(s.ciHigh)}` : 'no interval';
}

/**
 * Model versions with their counts and, per trait and source, the mean over scenarios with its 95% CI and n
 * (GET /stats/traits: the one aggregation rule, the scenario-bootstrap interval).
 */
export default function Models() {
  usePageTitle(() => 'Models');
  const [models] = createResource(listModels);
  const [summaries] = createResource(() => traitSummaries());
  const catalogue = useTraitCatalogue();
  const rows = createMemo(() => {
    if (summaries.state !== 'ready') return [];
    const keys = new Map<string, { key: string; trait: TraitSummary['trait']; source: string; cells: Map<string, TraitSummary> }>();
    for (const s of summaries().items) {
      if (s.trait.slug === 'spiral.chunk') continue;
      const key = `${s.trait.slug}\u0000${s.source}`;
      const row = keys.get(key) ?? { key, trait: s.trait, source: s.source, cells: new Map() };
      row.cells.set(s.model, s);
      keys.set(key, row);
    }
    return [...keys.values()].sort((a, b) => a.key.localeCompare(b.key));
  });
  return (
    <div class="models-page">
      <div class="page-head">
        <h1>Models</h1>
      </div>
      <Switch fallback={<p class="loading">Loading models…</p>}>
        <Match when={models.state === 'errored'}>
          <ErrorPanel error={models.error} title="Could not load models" />
        </Match>
        <Match when={models.state === 'ready' && models().length === 0}>
          <p class="panel">
            No model versions yet. <A href="/upload">Upload transcripts</A> to see them here.
          </p>
        </Match>
        <Match when={models.state === 'ready' && models()}>
          {(list) => (
            // Traits down, versions across: there are many traits and a few versions to read across.
            <div class="table-wrap">
              <table class="matrix models-matrix">
                <thead>
                  <tr>
                    <th scope="col">Trait</th>
                    <th scope="col">Source</th>
                    <For each={list()}>
                      {(m) => (
                        <th scope="col" class="num model-col">
                          <A href={`/transcripts?model=${encodeURIComponent(m.name)}`}>{m.name}</A>
                          <Show when={m.family || m.releaseDate}>
                            <span class="model-sub">{[m.family, m.releaseDate].filter(Boolean).join(' · ')}</span>
                          </Show>
                        </th>
                      )}
                    </For>
                  </tr>
                </thead>
                <tbody>
                  <tr class="counts">
                    <th scope="row" colSpan={2}>
                      Transcripts
                    </th>
                    <For each={list()}>{(m) => <td class="num">{formatNumber(m.transcriptCount)}</td>}</For>
                  </tr>
                  <tr class="counts">
                    <th scope="row" colSpan={2}>
                      Scenarios
                    </th>
                    <For each={list()}>{(m) => <td class="num">{formatNumber(m.scenarioCount)}</td>}</For>
                  </tr>
                  <For each={rows()}>
                    {(row) => (
                      <tr>
                        <th scope="row" data-trait={row.trait.slug}>
                          <TraitName label={catalogue.label(row.trait.slug, { known: row.trait })} />
                        </th>
                        <td>
                          <span class={`source source-${row.source}`}>{row.source}</span>
                        </td>
                        <For each={list()}>
                          {(m) => {
                            const cell = () => row.cells.get(m.name);
                            return (
                              <td class="num" title={cellTitle(cell())}>
                                <Show when={cell()} fallback={<span class="muted">·</span>}>
                                  {(s) => (
                                    <Show when={s().mean !== null} fallback={<span class="muted">{s().reason ?? 'no value'}</span>}>
                                      <span class="mean">{formatScoreValue(s().mean ?? 0)}</span> <span class="ci">[{ciText(s())}]</span> <span class="n">n={s().scenarios}</span>
                                    </Show>
                                  )}
                                </Show>
                              </td>
                            );
                          }}
                        </For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}
