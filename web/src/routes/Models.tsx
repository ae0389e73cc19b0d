import { A } from '@solidjs/router';
import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { listModels } from '../api/client.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { formatNumber } from '../lib/format.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { formatScoreValue } from '../lib/scores.ts';
import { traitLabel } from '../lib/traits.ts';

/** Model versions with their transcript counts and, per trait and source, the mean score. */
export default function Models() {
  usePageTitle(() => 'Models');
  const [models] = createResource(listModels);
  const columns = createMemo(() => {
    if (models.state !== 'ready') return [];
    const keys = new Map<string, { trait: string; source: string }>();
    for (const m of models()) for (const t of m.traitMeans) if (t.trait !== 'spiral.chunk') keys.set(`${t.trait}\u0000${t.source}`, { trait: t.trait, source: t.source });
    return [...keys.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, v]) => ({ key, ...v }));
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
                  <For each={columns()}>
                    {(c) => (
                      <tr>
                        <th scope="row" title={c.trait}>
                          {traitLabel(c.trait)}
                        </th>
                        <td>
                          <span class={`source source-${c.source}`}>{c.source}</span>
                        </td>
                        <For each={list()}>
                          {(m) => {
                            const mean = () => m.traitMeans.find((t) => t.trait === c.trait && t.source === c.source);
                            return (
                              <td class="num" title={mean() ? `mean of ${mean()?.n} scores` : 'not scored'}>
                                {mean() ? formatScoreValue(mean()?.mean ?? 0) : <span class="muted">·</span>}
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
