import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { getScenario, getTranscript, type Transcript } from '../api/client.ts';
import { CompareColumns } from '../components/CompareColumns.tsx';
import { CompareTraitTable } from '../components/CompareTraitTable.tsx';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { KeysOverlay } from '../components/KeysOverlay.tsx';
import { ReaderTextContext } from '../components/ReaderText.tsx';
import { TraitLanes, type Lane } from '../components/TraitLanes.tsx';
import '../components/trait-colour.css';
import { compareHref, readCompareIds } from '../lib/compare-links.ts';
import { allVersionIds, baselineColumn, replaceColumn, samplesOf } from '../lib/compare-samples.ts';
import { quotesByMessage } from '../lib/evidence.ts';
import { focusEvidence, stepTurn } from '../lib/focus.ts';
import { useShortcuts, type KeyRow } from '../lib/keys.ts';
import { defaultSplitThreshold, laneCells, pooledSampleSd, rangeTraits, sampleCells, type LaneCell } from '../lib/lanes.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { evidenceTitle } from '../lib/scores.ts';
import { searchPattern, searchTerms } from '../lib/search-hits.ts';
import { thinkingLine, thought } from '../lib/thinking.ts';
import { traitColourClass, traitColourSlots } from '../lib/trait-colour.ts';
import { traitCatalogue, useTraitCatalogue } from '../stores/trait-catalogue.ts';

/** A version's other samples are fetched for the "all samples" row up to this many. */
const MAX_SAMPLES = 12;

/** The lane shown first: pushback where there is one, else the most scored range trait. */
function defaultLaneTrait(traits: string[]): string {
  return traits.find((t) => t.endsWith('pushback')) ?? traits[0] ?? '';
}

function columnLabel(t: Transcript, all: readonly Transcript[]): string {
  // Two samples of one model side by side: tell them apart by sample.
  return all.filter((x) => x.model === t.model).length > 1 ? `${t.model} #${t.sample}` : t.model;
}

export default function Compare() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const catalogue = useTraitCatalogue();
  const ids = createMemo(() => readCompareIds(params['ids']), undefined, { equals: (a, b) => a.join(',') === b.join(',') });

  // `?scenario=ID` (the scenario page, the reader's "every version"): every version of it, first sample each.
  const scenarioParam = () => (typeof params['scenario'] === 'string' ? params['scenario'] : '');
  const [leftOut, setLeftOut] = createSignal(0);
  const [fromScenario] = createResource(() => (ids().length === 0 && scenarioParam()) || undefined, getScenario);
  createEffect(() => {
    if (fromScenario.state !== 'ready') return;
    const all = allVersionIds(fromScenario().transcripts);
    setLeftOut(all.left);
    navigate(compareHref(all.ids), { replace: true });
  });

  const [transcripts] = createResource(ids, (list) => (list.length ? Promise.all(list.map(getTranscript)) : Promise.resolve([])));
  const ready = () => (transcripts.state === 'ready' ? transcripts() : undefined);
  const [scenario] = createResource(() => ready()?.[0]?.scenarioId, getScenario);
  const siblings = () => (scenario.state === 'ready' ? scenario().transcripts : []);
  // Every sample of each shown version, for its "all samples" row (the shown one is already loaded).
  const [allSamples] = createResource(
    () => {
      const shown = ready();
      if (!shown || !siblings().length) return undefined;
      return shown.map((t) => samplesOf(siblings(), t.model).slice(0, MAX_SAMPLES).map((s) => s.id));
    },
    async (perColumn) => {
      const cache = new Map((ready() ?? []).map((t) => [t.id, t]));
      const need = [...new Set(perColumn.flat())].filter((id) => !cache.has(id));
      for (const t of await Promise.all(need.map(getTranscript))) cache.set(t.id, t);
      return perColumn.map((list) => list.flatMap((id) => cache.get(id) ?? []));
    },
  );
  const sync = () => params['sync'] !== 'off';
  usePageTitle(() => {
    const t = ready();
    return t ? `Compare ${t.map((x) => x.model).join(' · ')}` : 'Compare';
  });

  const query = () => (typeof params['q'] === 'string' ? params['q'] : '');
  const pattern = createMemo(() => searchPattern(searchTerms(query())));
  const allTraits = createMemo(() => rangeTraits((ready() ?? []).flatMap((t) => t.scores)));
  const laneTrait = () => (typeof params['trait'] === 'string' && params['trait'] ? params['trait'] : defaultLaneTrait(allTraits()));
  const slots = createMemo(() => traitColourSlots((ready() ?? []).flatMap((t) => t.scores.map((s) => s.trait))));
  const colourOf = (slug: string) => traitColourClass(slots(), slug);
  const labels = createMemo(() => (ready() ?? []).map((t, _, all) => columnLabel(t, all)));
  const samplesPerColumn = () => (allSamples.state === 'ready' ? allSamples() : undefined);
  const sampleLanes = createMemo(() => (samplesPerColumn() ?? []).map((list) => list.map((t) => laneCells(t.scores, laneTrait()))));
  const pooledSd = createMemo(() => pooledSampleSd(sampleLanes()));
  const defaultThreshold = () => defaultSplitThreshold(pooledSd());
  const threshold = () => {
    const n = Number(params['th']);
    return typeof params['th'] === 'string' && params['th'] !== '' && Number.isFinite(n) && n >= 0 ? n : defaultThreshold();
  };
  const lanes = createMemo((): Lane[] =>
    (ready() ?? []).map((t, i) => {
      const samples = sampleLanes()[i];
      return {
        label: labels()[i] ?? t.model,
        cells: laneCells(t.scores, laneTrait()),
        samples: samples && samples.length > 1 ? sampleCells(samples) : null,
        thought: t.messages.filter((m) => m.role === 'assistant').map((m) => ({ index: m.index, thought: thought(m.thinking), line: m.thinking ? thinkingLine(m.thinking) : 'not measured yet' })),
      };
    }),
  );
  const baseline = () => baselineColumn(params['base'], (ready() ?? []).length);
  // Evidence of the trait in focus only: side by side, every trait's marks at once would drown the text.
  const quotes = createMemo(() =>
    (ready() ?? []).map((t) =>
      quotesByMessage(
        t.scores.filter((s) => s.trait === laneTrait()),
        (s) => colourOf(s.trait),
        (s) => evidenceTitle(traitCatalogue.label(s.trait).short, traitCatalogue.label(s.trait).scale, s),
      ),
    ),
  );

  const [help, setHelp] = createSignal(false);
  const [showAll, setShowAll] = createSignal<(() => void) | null>(null);
  function showCell(column: number, cell: LaneCell) {
    // Its turn may not be rendered yet: render everything, then look.
    showAll()?.();
    requestAnimationFrame(() => focusEvidence(document, cell.scoreId, `c${column}-turn-${cell.start}`));
  }
  const keys: KeyRow[] = [
    { keys: [']', '['], what: 'Next / previous turn' },
    { keys: ['?'], what: 'This list of keys (Esc closes it)' },
  ];
  useShortcuts({
    ']': () => {
      showAll()?.();
      requestAnimationFrame(() => stepTurn(document, 1));
    },
    '[': () => stepTurn(document, -1),
    '?': () => setHelp((h) => !h),
    Escape: () => setHelp(false),
  });

  // The column heads stick just under the lane strip, which sticks to the top: they need its height.
  let page: HTMLDivElement | undefined;
  let observer: ResizeObserver | undefined;
  const watchStrip = (el: HTMLElement) => {
    observer?.disconnect();
    observer = new ResizeObserver(() => page?.style.setProperty('--strip-height', `${getComputedStyle(el).position === 'sticky' ? el.offsetHeight : 0}px`));
    observer.observe(el);
  };
  onCleanup(() => observer?.disconnect());

  return (
    <ReaderTextContext.Provider value={{ search: pattern, traitColour: colourOf }}>
      <div class="compare-page" ref={page}>
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
          <span class="muted keys-hint">
            <kbd>[</kbd>/<kbd>]</kbd> previous/next turn ·{' '}
            <button type="button" class="link-button" onClick={() => setHelp(true)}>
              <kbd>?</kbd> all keys
            </button>
          </span>
        </nav>
        <Show when={help()}>
          <KeysOverlay title="Keys of compare" keys={keys} onClose={() => setHelp(false)} />
        </Show>
        <Switch fallback={<p class="loading">Loading transcripts…</p>}>
          <Match when={ids().length < 2 && !scenarioParam()}>
            <div class="panel">
              <h1>Compare</h1>
              <p>
                Name two to four transcripts, <code>/compare?ids=A,B</code>, or a scenario, <code>/compare?scenario=ID</code> (every version of it). From a transcript, “Compare with”
                puts it beside the same scenario under another model version.
              </p>
            </div>
          </Match>
          <Match when={fromScenario.state === 'errored' && fromScenario.error}>{(error) => <ErrorPanel error={error()} title="Could not load this scenario" />}</Match>
          <Match when={transcripts.state === 'errored'}>
            <ErrorPanel error={transcripts.error} title="Could not load these transcripts" />
          </Match>
          <Match when={ready()?.length ? ready() : undefined}>
            {(list) => (
              <>
                <header class="compare-head">
                  <h1>{list()[0]?.scenarioTitle || list()[0]?.scenario}</h1>
                  <Show when={new Set(list().map((t) => t.scenarioId)).size > 1}>
                    <p class="notice">These transcripts are of different scenarios: turns line up by index only.</p>
                  </Show>
                  <Show when={leftOut() > 0}>
                    <p class="notice">This scenario has {leftOut() + list().length} versions; compare shows four at a time. Remove a column and pick another on the scenario page.</p>
                  </Show>
                  <div class="compare-controls">
                    <label class="check">
                      <input type="checkbox" checked={sync()} onChange={(e) => setParams({ sync: e.currentTarget.checked ? undefined : 'off' }, { replace: true })} />
                      Synchronized scrolling (turns side by side)
                    </label>
                    <label class="inline">
                      Lane
                      <select onChange={(e) => setParams({ trait: e.currentTarget.value }, { replace: true })}>
                        {allTraits().map((t) => (
                          <option value={t} selected={t === laneTrait()}>
                            {catalogue.label(t).text}
                          </option>
                        ))}
                      </select>
                    </label>
                  </div>
                </header>

                <TraitLanes
                    stripRef={watchStrip}
                    trait={laneTrait()}
                    lanes={lanes()}
                    colour={`sticky ${colourOf(laneTrait())}`}
                    threshold={threshold()}
                    defaultThreshold={defaultThreshold()}
                    pooledSd={pooledSd()}
                    onThreshold={(v) => setParams({ th: v === null ? undefined : String(v) }, { replace: true })}
                    onCell={showCell}
                  />

                <details class="compare-traits-wrap" open>
                  <summary>Trait table</summary>
                  <CompareTraitTable
                    labels={labels()}
                    summaries={list().map((t) => t.traitValues)}
                    selectedTrait={laneTrait()}
                    baseline={baseline()}
                    onBaseline={(i) => setParams({ base: i === 0 ? undefined : String(i) }, { replace: true })}
                    onTrait={(trait) => setParams({ trait }, { replace: true })}
                  />
                </details>

                <CompareColumns
                  transcripts={list()}
                  labels={labels()}
                  ids={ids()}
                  siblings={siblings()}
                  quotes={quotes()}
                  sync={sync()}
                  onSample={(column, id) => setParams({ ids: replaceColumn(ids(), column, id).join(',') }, { replace: true })}
                  exposeShowAll={(f) => setShowAll(() => f)}
                />
              </>
            )}
          </Match>
        </Switch>
      </div>
    </ReaderTextContext.Provider>
  );
}
