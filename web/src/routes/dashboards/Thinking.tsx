import { useSearchParams } from '@solidjs/router';
import { createMemo, createResource, For, Match, Show, Switch, type JSX } from 'solid-js';
import { ApiRequestError, listModels, traitSummaries, type TraitSummary } from '../../api/client.ts';
import { compareThinking, getThinking, type ModelThinking } from '../../api/stats.ts';
import { DotWhiskerChart } from '../../components/charts/DotWhiskerChart.tsx';
import { ChartFigure } from '../../components/dashboard/ChartFigure.tsx';
import { DashboardTabs } from '../../components/dashboard/DashboardTabs.tsx';
import { ExportButtons } from '../../components/dashboard/ExportButtons.tsx';
import { NumbersTable } from '../../components/dashboard/NumbersTable.tsx';
import { TraitSelect, VersionSelect } from '../../components/dashboard/Pickers.tsx';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { TraitName } from '../../components/TraitName.tsx';
import { asSource, orderVersions, param, pickVersion, readTraitKey, traitKeyText } from '../../lib/dashboard-params.ts';
import type { ExportRow } from '../../lib/export-rows.ts';
import { overviewRows } from '../../lib/overview.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { formatCi, formatDelta, formatDeltaEnd, formatP, formatStat } from '../../lib/stat-format.ts';
import { APPROPRIATENESS_GRID, formatPercent, lengthBinShares, shareRows, shareText } from '../../lib/thinking-rows.ts';
import { useTraitCatalogue } from '../../stores/trait-catalogue.ts';
import './thinking.css';

const TRANSITIONS = [
  { key: 'both', text: 'both thought' },
  { key: 'onlyA', text: 'only the baseline thought' },
  { key: 'onlyB', text: 'only the newer thought' },
  { key: 'neither', text: 'neither thought' },
] as const;

/** A change of a share in percentage points. */
function asPoints(delta: number | null): number | null {
  return delta === null ? null : delta * 100;
}

/**
 * Did the model think where it mattered? Per version: how often it thought (with the scenario-bootstrap CI and
 * n), how long, on which kinds of scenario and at which turn; a trait split by thought vs not; the
 * thinking_appropriateness 2×2 where the rubric was judged; and two versions paired on shared scenarios.
 */
type ShareCell = { share: Parameters<typeof shareText>[0]; thoughtTurns: number; assistantTurns: number };

/** Versions across, one row per category or turn position: each cell the share that thought [95% CI] n. */
function ShareTable<R>(props: { class: string; head: string; rows: readonly R[]; rowLabel: (row: R) => JSX.Element; versions: readonly ModelThinking[]; cell: (m: ModelThinking, row: R) => ShareCell | undefined }) {
  return (
    <div class="table-wrap">
      <table class={`matrix ${props.class}`}>
        <thead>
          <tr>
            <th scope="col">{props.head}</th>
            <For each={props.versions}>{(m) => <th scope="col" class="num">{m.model}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr>
                <th scope="row">{props.rowLabel(row)}</th>
                <For each={props.versions}>
                  {(m) => {
                    const c = () => props.cell(m, row);
                    return <td class="num" title={c() ? `${c()?.thoughtTurns} of ${c()?.assistantTurns} assistant turns thought` : 'no turns'}>{c() ? shareText(c()?.share ?? { mean: null, ciLow: null, ciHigh: null, scenarios: 0 }) : '·'}</td>;
                  }}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

export default function Thinking() {
  usePageTitle(() => 'Thinking');
  const [params, setParams] = useSearchParams();
  const catalogue = useTraitCatalogue();
  const [models] = createResource(listModels);
  const [summaries] = createResource(() => traitSummaries());
  const traitRows = createMemo(() => (summaries.state === 'ready' ? overviewRows(summaries().items) : []));
  const labelOfRow = (row: { trait: TraitSummary['trait']; source: TraitSummary['source'] }) => catalogue.label(row.trait.slug, { known: row.trait, scoreSource: row.source });
  const traitChoices = createMemo(() => [{ value: '', text: 'none' }, ...traitRows().map((r) => ({ value: r.key, text: labelOfRow(r).text })).sort((x, y) => x.text.localeCompare(y.text))]);
  const traitKey = createMemo(() => readTraitKey(param(params, 'trait'), asSource(param(params, 'source'))));
  const traitRow = createMemo(() => {
    const k = traitKey();
    return k ? traitRows().find((r) => r.key === traitKeyText(k)) : undefined;
  });

  const [thinking] = createResource(
    () => ({ trait: traitKey()?.slug, source: traitKey()?.source }),
    (q) => getThinking(q),
  );
  const items = createMemo(() => {
    if (thinking.state !== 'ready' && !thinking.latest) return [];
    const all = thinking.latest?.items ?? [];
    const order = orderVersions(models.latest ?? []).map((m) => m.name);
    return [...all].sort((x, y) => order.indexOf(x.model) - order.indexOf(y.model));
  });
  const versions = createMemo(() => items().map((m) => m.model));
  const a = createMemo(() => pickVersion(param(params, 'a'), versions(), versions()[0]));
  // The next version after the baseline: the usual question is "what did the next release change".
  const b = createMemo(() => pickVersion(param(params, 'b'), versions(), versions()[versions().indexOf(a()) + 1] ?? versions()[0]));
  const [paired] = createResource(
    () => (a() && b() && a() !== b() ? { a: a(), b: b(), trait: traitKey()?.slug, source: traitKey()?.source } : false),
    (q) => compareThinking(q),
  );
  const traitLabel = () => {
    const r = traitRow();
    return r ? labelOfRow(r) : null;
  };

  const shareDots = () =>
    items().map((m) => ({ key: m.model, label: m.model, mean: m.share.mean, ciLow: m.share.ciLow, ciHigh: m.share.ciHigh, title: `${m.model}: ${shareText(m.share)} — ${thinking.latest?.unit ?? ''}` }));
  const lengthRows = (): ExportRow[] =>
    items().map((m) => ({ version: m.model, turns: m.length?.turns ?? 0, mean: m.length?.mean ?? null, p25: m.length?.p25 ?? null, median: m.length?.median ?? null, p75: m.length?.p75 ?? null, p90: m.length?.p90 ?? null, max: m.length?.max ?? null, tokenTurns: m.tokens?.turns ?? 0, tokensMedian: m.tokens?.median ?? null }));
  const binRows = (): ExportRow[] => items().flatMap((m) => (m.length?.histogram ?? []).map((bin) => ({ version: m.model, low: bin.low, high: bin.high, count: bin.count })));
  const categories = createMemo(() => [...new Set(items().flatMap((m) => m.byCategory.map((c) => c.category)))]);
  const positions = createMemo(() => [...new Set(items().flatMap((m) => m.byPosition.map((p) => p.position)))].sort((x, y) => x - y));
  const lastPosition = () => Math.max(0, ...positions());
  const categoryRows = (): ExportRow[] =>
    items().flatMap((m) => m.byCategory.map((c) => ({ version: m.model, category: c.category, assistantTurns: c.assistantTurns, thoughtTurns: c.thoughtTurns, share: c.share.mean, ciLow: c.share.ciLow, ciHigh: c.share.ciHigh, scenarios: c.share.scenarios })));
  const positionRows = (): ExportRow[] =>
    items().flatMap((m) => m.byPosition.map((p) => ({ version: m.model, position: p.position, assistantTurns: p.assistantTurns, thoughtTurns: p.thoughtTurns, share: p.share.mean, ciLow: p.share.ciLow, ciHigh: p.share.ciHigh, scenarios: p.share.scenarios })));
  const traitSplitRows = (): ExportRow[] =>
    items().flatMap((m) =>
      m.trait
        ? [
            {
              version: m.model,
              thoughtMean: m.trait.thought.mean,
              thoughtCiLow: m.trait.thought.ciLow,
              thoughtCiHigh: m.trait.thought.ciHigh,
              thoughtTranscripts: m.trait.thought.transcripts,
              notThoughtMean: m.trait.notThought.mean,
              notThoughtCiLow: m.trait.notThought.ciLow,
              notThoughtCiHigh: m.trait.notThought.ciHigh,
              notThoughtTranscripts: m.trait.notThought.transcripts,
              withinScenarioDelta: m.trait.withinScenario.meanDelta,
              withinScenarioCiLow: m.trait.withinScenario.ciLow,
              withinScenarioCiHigh: m.trait.withinScenario.ciHigh,
              withinScenarioN: m.trait.withinScenario.n,
              pValue: m.trait.withinScenario.pValue,
            },
          ]
        : [],
    );
  const appropriatenessRows = (): ExportRow[] =>
    items().flatMap((m) => {
      const ap = m.appropriateness;
      return ap ? [{ version: m.model, ...ap.counts, na: ap.na, thoughtWhenWarranted: ap.thoughtWhenWarranted.mean, thoughtWhenUnneeded: ap.thoughtWhenUnneeded.mean }] : [];
    });
  const withAppropriateness = () => items().filter((m): m is ModelThinking & { appropriateness: NonNullable<ModelThinking['appropriateness']> } => m.appropriateness !== null);

  return (
    <div class="dashboard-page thinking-page">
      <div class="page-head">
        <h1>Thinking</h1>
      </div>
      <DashboardTabs current="thinking" />
      <Switch fallback={<p class="loading">Loading thinking…</p>}>
        <Match when={thinking.state === 'errored'}>
          <ErrorPanel error={thinking.error} title="Could not load the thinking figures" />
        </Match>
        <Match when={thinking.latest && items().length === 0}>
          <p class="panel">No version has assistant messages yet.</p>
        </Match>
        <Match when={thinking.latest}>
          {(t) => (
            <>
              <p class="muted section-note measure">{t().definition}</p>
              <section class="dashboard-section" aria-labelledby="share-heading">
                <ChartFigure
                  title={<span id="share-heading">Share of assistant turns that thought</span>}
                  titleText="Share of assistant turns that thought"
                  exportName={['thinking-share']}
                  rows={shareRows(items())}
                  description={<>Each dot: {t().unit}. Whiskers: 95% CI (bootstrap over scenarios); n = scenarios.</>}
                >
                  <DotWhiskerChart rows={shareDots()} domain={[0, 1]} axisTitle="Share of assistant turns that thought" ariaLabel="Share of assistant turns that thought, per version" format={(n) => formatPercent(n)} />
                  <div class="table-wrap">
                    <table class="matrix thinking-shares">
                      <thead>
                        <tr>
                          <th scope="col">Version</th>
                          <th scope="col" class="num">Share [95% CI] n</th>
                          <th scope="col" class="num">Turns thought</th>
                          <th scope="col" class="num">Redacted</th>
                          <th scope="col" class="num">Interleaved blocks</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={items()}>
                          {(m) => (
                            <tr data-version={m.model}>
                              <th scope="row" class="model">
                                {m.model}
                              </th>
                              <td class="num share-cell" data-share={m.share.mean ?? ''}>
                                {shareText(m.share)}
                              </td>
                              <td class="num">
                                {m.thoughtTurns} of {m.assistantTurns}
                              </td>
                              <td class="num">{m.redactedTurns}</td>
                              <td class="num">{m.interleavedBlocks}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </ChartFigure>
              </section>

              <section class="dashboard-section" aria-labelledby="length-heading">
                <div class="section-head">
                  <h2 id="length-heading">How long it thought</h2>
                  <ExportButtons name={['thinking-length']} rows={lengthRows} what="the thinking lengths per version" />
                </div>
                <p class="muted section-note">Characters of thinking text per assistant turn that thought (quantiles: Hyndman &amp; Fan type 6). Bars: share of those turns in each length bin.</p>
                <div class="table-wrap">
                  <table class="matrix thinking-lengths">
                    <thead>
                      <tr>
                        <th scope="col">Version</th>
                        <th scope="col" class="num">Turns</th>
                        <th scope="col" class="num">p25</th>
                        <th scope="col" class="num">Median</th>
                        <th scope="col" class="num">p75</th>
                        <th scope="col" class="num">p90</th>
                        <th scope="col" class="num">Max</th>
                        <th scope="col">Length bins (characters, lower edge)</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={items()}>
                        {(m) => (
                          <tr>
                            <th scope="row" class="model">
                              {m.model}
                            </th>
                            <Show when={m.length} fallback={<td colSpan={7} class="muted">no thinking text</td>}>
                              {(l) => (
                                <>
                                  <td class="num">{l().turns}</td>
                                  <td class="num">{formatStat(l().p25, 0)}</td>
                                  <td class="num">{formatStat(l().median, 0)}</td>
                                  <td class="num">{formatStat(l().p75, 0)}</td>
                                  <td class="num">{formatStat(l().p90, 0)}</td>
                                  <td class="num">{l().max}</td>
                                  <td>
                                    <div class="length-bins" role="list" aria-label={`${m.model}: thinking length bins`}>
                                      <For each={lengthBinShares(l().histogram)}>
                                        {(bin) => (
                                          <div class="length-bin" role="listitem" title={`${bin.label} characters: ${bin.count} turns (${formatPercent(bin.share)})`}>
                                            <span class="bin-bar" style={{ height: `${Math.round(bin.share * 100)}%` }} />
                                            <span class="bin-label">{bin.short}</span>
                                          </div>
                                        )}
                                      </For>
                                    </div>
                                  </td>
                                </>
                              )}
                            </Show>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
                <NumbersTable rows={binRows()} caption="Thinking length bins per version" />
              </section>

              <section class="dashboard-section" aria-labelledby="where-heading">
                <div class="section-head">
                  <h2 id="where-heading">Where it thought</h2>
                </div>
                <p class="muted section-note">Share [95% CI] n scenarios, by the scenario’s category and by the assistant turn’s position ({lastPosition()} = that turn and every later one).</p>
                <div class="figure-head">
                  <h3>By scenario category</h3>
                  <ExportButtons name={['thinking-by-category']} rows={categoryRows} what="the share by scenario category" />
                </div>
                <ShareTable
                  class="thinking-by-category"
                  head="Category"
                  rows={categories()}
                  rowLabel={(category) => category ?? <span class="muted">no category</span>}
                  versions={items()}
                  cell={(m, category) => m.byCategory.find((c) => c.category === category)}
                />
                <div class="figure-head">
                  <h3>By assistant turn</h3>
                  <ExportButtons name={['thinking-by-turn']} rows={positionRows} what="the share by turn position" />
                </div>
                <ShareTable
                  class="thinking-by-position"
                  head="Assistant turn"
                  rows={positions()}
                  rowLabel={(position) => (position === lastPosition() ? `${position} and later` : position)}
                  versions={items()}
                  cell={(m, position) => m.byPosition.find((p) => p.position === position)}
                />
              </section>

              <section class="dashboard-section" aria-labelledby="trait-split-heading">
                <div class="section-head">
                  <h2 id="trait-split-heading">A trait, thought vs not</h2>
                  <Show when={traitSplitRows().length > 0}>
                    <ExportButtons name={['thinking-trait-split', traitKey() ? traitKeyText(traitKey() ?? { slug: '', source: 'judge' }) : '']} rows={traitSplitRows} what="the trait split by thinking" />
                  </Show>
                </div>
                <div class="dashboard-controls">
                  <TraitSelect choices={traitChoices()} value={traitRow()?.key ?? ''} onChange={(v) => setParams({ trait: v || undefined, source: undefined }, { replace: true })} />
                </div>
                <Show when={traitLabel()} fallback={<p class="muted">Pick a trait to split its per-transcript values by whether the transcript thought.</p>}>
                  {(l) => (
                    <>
                      <p class="muted section-note">
                        <TraitName label={l()} />: mean over scenarios of the transcripts that thought (some assistant turn did) and of those that did not, each with its 95% CI; within scenario: the
                        paired difference on scenarios with both, which controls for how hard a scenario is.
                      </p>
                      <div class="table-wrap">
                        <table class="matrix thinking-trait-split">
                          <thead>
                            <tr>
                              <th scope="col">Version</th>
                              <th scope="col" class="num">Thought</th>
                              <th scope="col" class="num">Did not think</th>
                              <th scope="col" class="num">Within scenario (thought − not)</th>
                            </tr>
                          </thead>
                          <tbody>
                            <For each={items()}>
                              {(m) => (
                                <tr>
                                  <th scope="row" class="model">
                                    {m.model}
                                  </th>
                                  <Show when={m.trait} fallback={<td colSpan={3} class="muted">no values</td>}>
                                    {(s) => (
                                      <>
                                        <td class="num">
                                          {formatStat(s().thought.mean)} {formatCi(s().thought.ciLow, s().thought.ciHigh)} <span class="muted">n={s().thought.scenarios}</span>
                                        </td>
                                        <td class="num">
                                          {formatStat(s().notThought.mean)} {formatCi(s().notThought.ciLow, s().notThought.ciHigh)} <span class="muted">n={s().notThought.scenarios}</span>
                                        </td>
                                        <td class="num" title={s().withinScenario.reason ?? `p = ${formatP(s().withinScenario.pValue)} (sign-flip permutation)`}>
                                          {formatDelta(s().withinScenario.meanDelta)} {formatCi(s().withinScenario.ciLow, s().withinScenario.ciHigh, formatDeltaEnd)} <span class="muted">n={s().withinScenario.n}</span>
                                        </td>
                                      </>
                                    )}
                                  </Show>
                                </tr>
                              )}
                            </For>
                          </tbody>
                        </table>
                      </div>
                    </>
                  )}
                </Show>
              </section>

              <section class="dashboard-section" aria-labelledby="appropriateness-heading">
                <div class="section-head">
                  <h2 id="appropriateness-heading">Was thinking warranted?</h2>
                  <Show when={withAppropriateness().length > 0}>
                    <ExportButtons name={['thinking-appropriateness']} rows={appropriatenessRows} what="the warranted × thought counts" />
                  </Show>
                </div>
                <Show
                  when={withAppropriateness().length > 0}
                  fallback={
                    <p class="muted">
                      No <code>thinking_appropriateness</code> scores yet. Judge that rubric (per assistant turn) on the Judge page to see, per version, whether it thought where thinking was
                      warranted.
                    </p>
                  }
                >
                  <p class="muted section-note">Assistant turns by the judge’s category (the rubric <code>thinking_appropriateness</code>); the diagonal is the right call.</p>
                  <div class="appropriateness-grid">
                    <For each={withAppropriateness()}>
                      {(m) => (
                        <figure class="appropriateness" data-version={m.model}>
                          <figcaption>
                            <strong>{m.model}</strong> <span class="muted">· {m.appropriateness.turns} turns, {m.appropriateness.na} N/A</span>
                          </figcaption>
                          <table class="matrix two-by-two">
                            <thead>
                              <tr>
                                <th scope="col">
                                  <span class="visually-hidden">Thinking was</span>
                                </th>
                                <th scope="col" class="num">Thought</th>
                                <th scope="col" class="num">Did not think</th>
                              </tr>
                            </thead>
                            <tbody>
                              <For each={APPROPRIATENESS_GRID}>
                                {(row) => (
                                  <tr>
                                    <th scope="row">{row.warranted}</th>
                                    <For each={row.cells}>
                                      {(cell) => (
                                        <td class="num" classList={{ 'right-call': cell.good, 'wrong-call': !cell.good }} data-category={cell.category} title={cell.category}>
                                          {m.appropriateness.counts[cell.category] ?? 0}
                                        </td>
                                      )}
                                    </For>
                                  </tr>
                                )}
                              </For>
                            </tbody>
                          </table>
                          <p class="muted small">
                            Thought when warranted: {shareText(m.appropriateness.thoughtWhenWarranted)}; when not needed: {shareText(m.appropriateness.thoughtWhenUnneeded)}
                          </p>
                        </figure>
                      )}
                    </For>
                  </div>
                </Show>
              </section>

              <Show when={versions().length > 1}>
                <section class="dashboard-section" aria-labelledby="paired-heading">
                  <div class="section-head">
                    <h2 id="paired-heading">Two versions on shared scenarios</h2>
                  </div>
                  <div class="dashboard-controls">
                    <VersionSelect label="Baseline" name="a" versions={versions()} value={a()} onChange={(v) => setParams({ a: v }, { replace: true })} />
                    <VersionSelect label="Against" name="b" versions={versions()} value={b()} onChange={(v) => setParams({ b: v }, { replace: true })} />
                  </div>
                  <Switch fallback={<p class="loading">Pairing…</p>}>
                    <Match when={a() === b()}>
                      <p class="muted">Pick two different versions.</p>
                    </Match>
                    {/* Two versions without a shared scenario are an answer, not a failure. */}
                    <Match when={paired.state === 'errored' && paired.error instanceof ApiRequestError && paired.error.status === 422 && paired.error}>
                      {(err) => <p class="muted no-pairs">{err().message}</p>}
                    </Match>
                    <Match when={paired.state === 'errored'}>
                      <ErrorPanel error={paired.error} title="Could not pair the versions" />
                    </Match>
                    <Match when={paired.latest}>
                      {(p) => (
                        <div class="paired-thinking">
                          <p>
                            On <strong>{p().shared}</strong> shared scenarios, the share of turns that thought changed by{' '}
                            <strong class="share-delta">
                              {formatDelta(asPoints(p().share.meanDelta), 0)} points
                            </strong>{' '}
                            <span class="muted">
                              {formatCi(p().share.ciLow, p().share.ciHigh, (n) => formatDeltaEnd(Math.round(n * 100)))} · p = {formatP(p().share.pValue)}
                            </span>{' '}
                            ({p().b} − {p().a}).
                          </p>
                          <p class="muted small">{p().thoughtScenario}.</p>
                          <div class="table-wrap">
                            <table class="matrix thinking-transitions">
                              <thead>
                                <tr>
                                  <th scope="col">Scenarios where</th>
                                  <th scope="col" class="num">Scenarios</th>
                                  <Show when={p().trait}>
                                    <th scope="col" class="num">Trait change there (b − a) [95% CI]</th>
                                  </Show>
                                </tr>
                              </thead>
                              <tbody>
                                <For each={TRANSITIONS}>
                                  {(tr) => (
                                    <tr>
                                      <th scope="row">{tr.text}</th>
                                      <td class="num">{p().transitions[tr.key]}</td>
                                      <Show when={p().trait}>
                                        {(pt) => (
                                          <td class="num" title={pt().byTransition[tr.key].reason ?? `p = ${formatP(pt().byTransition[tr.key].pValue)}`}>
                                            {formatDelta(pt().byTransition[tr.key].meanDelta)} {formatCi(pt().byTransition[tr.key].ciLow, pt().byTransition[tr.key].ciHigh, formatDeltaEnd)}{' '}
                                            <span class="muted">n={pt().byTransition[tr.key].n}</span>
                                          </td>
                                        )}
                                      </Show>
                                    </tr>
                                  )}
                                </For>
                              </tbody>
                            </table>
                          </div>
                        </div>
                      )}
                    </Match>
                  </Switch>
                </section>
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
