import { A, useNavigate, useParams } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { getScenario } from '../api/client.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { PairwiseVerdicts } from '../components/PairwiseVerdicts.tsx';
import { TraitName } from '../components/TraitName.tsx';
import { TraitValueChips } from '../components/TraitValueChips.tsx';
import { compareHref } from '../lib/compare-links.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { useTraitCatalogue } from '../stores/trait-catalogue.ts';

/** How many columns may be compared at once. */
const MAX_COMPARE = 4;

/** Every transcript of one scenario across models and samples, with a score matrix, and a compare of any two to four. */
export default function ScenarioView() {
  const params = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [scenario] = createResource(() => params.id, getScenario);
  const catalogue = useTraitCatalogue();
  usePageTitle(() => (scenario.state === 'ready' ? `Scenario ${scenario().key}` : 'Scenario'));
  const traits = createMemo(() => {
    if (scenario.state !== 'ready') return [];
    const set = new Set<string>();
    for (const t of scenario().transcripts) for (const v of t.traitValues) if (v.trait !== 'spiral.chunk') set.add(v.trait);
    return [...set].sort();
  });
  // One per model by default: the first sample of each, the usual comparison.
  const [picked, setPicked] = createSignal<string[] | null>(null);
  const chosen = () => {
    const p = picked();
    if (p) return p;
    if (scenario.state !== 'ready') return [];
    const seen = new Set<string>();
    return scenario()
      .transcripts.filter((t) => !seen.has(t.model) && seen.add(t.model))
      .slice(0, MAX_COMPARE)
      .map((t) => t.id);
  };
  function toggle(id: string, on: boolean) {
    const now = chosen();
    setPicked(on ? [...now, id].slice(-MAX_COMPARE) : now.filter((x) => x !== id));
  }

  return (
    <div class="scenario-page">
      <nav class="crumbs" aria-label="Breadcrumb">
        <A href="/transcripts">← Transcripts</A> · <A href="/scenarios">All scenarios</A>
      </nav>
      <Switch fallback={<p class="loading">Loading scenario…</p>}>
        <Match when={scenario.state === 'errored'}>
          <ErrorPanel error={scenario.error} title="Could not load this scenario" />
        </Match>
        <Match when={scenario.state === 'ready' && scenario()}>
          {(s) => (
            <>
              <header class="transcript-head">
                <h1>{s().title || s().key}</h1>
                <dl class="meta">
                  <div>
                    <dt>Scenario</dt>
                    <dd>
                      <code>{s().key}</code>
                    </dd>
                  </div>
                  <Show when={s().category}>
                    <div>
                      <dt>Category</dt>
                      <dd>{s().category}</dd>
                    </div>
                  </Show>
                  <div>
                    <dt>Transcripts</dt>
                    <dd>{s().transcripts.length}</dd>
                  </div>
                </dl>
              </header>
              <div class="actions-row">
                <button type="button" class="primary" disabled={chosen().length < 2} onClick={() => navigate(compareHref(chosen()))}>
                  Compare {chosen().length} selected
                </button>
                <span class="muted">Tick two to four rows, or</span> <A href={`/compare?scenario=${encodeURIComponent(s().id)}`}>compare every version, with each one's samples</A>
              </div>
              <div class="table-wrap">
                <table class="matrix">
                  <thead>
                    <tr>
                      <th scope="col">
                        <span class="visually-hidden">Compare</span>
                      </th>
                      <th scope="col">Model</th>
                      <th scope="col" class="num">
                        Sample
                      </th>
                      <th scope="col" class="num">
                        Turns
                      </th>
                      <For each={traits()}>
                        {(t) => (
                          <th scope="col" class="num trait-col" data-trait={t}>
                            <TraitName label={catalogue.label(t)} stacked />
                          </th>
                        )}
                      </For>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={s().transcripts}>
                      {(t) => (
                        <tr>
                          <td>
                            <input type="checkbox" aria-label={`Compare ${t.model} sample ${t.sample}`} checked={chosen().includes(t.id)} onChange={(e) => toggle(t.id, e.currentTarget.checked)} />
                          </td>
                          <th scope="row" class="model">
                            <A href={`/transcripts/${encodeURIComponent(t.id)}`}>{t.model}</A>
                          </th>
                          <td class="num">{t.sample}</td>
                          <td class="num">{t.messageCount}</td>
                          <For each={traits()}>
                            {(trait) => (
                              <td class="num trait">
                                <TraitValueChips values={t.traitValues.filter((v) => v.trait === trait)} />
                              </td>
                            )}
                          </For>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <PairwiseVerdicts query={{ scenario: s().key }} empty="No pairwise verdicts on this scenario." />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
