import { useSearchParams } from '@solidjs/router';
import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { getRatings, traitsWithVerdicts, type Ratings as RatingsAnswer } from '../../api/stats.ts';
import { DotWhiskerChart } from '../../components/charts/DotWhiskerChart.tsx';
import { RampLegend } from '../../components/charts/RampLegend.tsx';
import { ChartFigure } from '../../components/dashboard/ChartFigure.tsx';
import { DashboardTabs } from '../../components/dashboard/DashboardTabs.tsx';
import { ExportButtons } from '../../components/dashboard/ExportButtons.tsx';
import { TraitSelect } from '../../components/dashboard/Pickers.tsx';
import { winRateRows, WinRateMatrix } from '../../components/dashboard/WinRateMatrix.tsx';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { TraitName } from '../../components/TraitName.tsx';
import { niceDomain } from '../../lib/chart-scale.ts';
import { asSource, param, readTraitKey, traitKeyText } from '../../lib/dashboard-params.ts';
import type { ExportRow } from '../../lib/export-rows.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { formatCi, formatStat } from '../../lib/stat-format.ts';
import { identityFromSlug } from '../../lib/trait-label.ts';
import { useTraitCatalogue } from '../../stores/trait-catalogue.ts';

function ratingRows(r: RatingsAnswer, label: string): ExportRow[] {
  return r.models.map((m) => ({ trait: label, source: r.source, model: m.model, rating: m.rating, ciLow: m.ciLow, ciHigh: m.ciHigh, wins: m.wins, losses: m.losses, ties: m.ties, battles: m.battles, winRate: m.winRate }));
}

function orderRows(r: RatingsAnswer, label: string): ExportRow[] {
  return r.byOrder.map((o) => ({ trait: label, modelA: o.modelA, modelB: o.modelB, shownOrder: o.shownOrder, winsA: o.winsA, winsB: o.winsB, ties: o.ties }));
}

function biasRows(r: RatingsAnswer, label: string): ExportRow[] {
  const p = r.positionBias;
  return [{ trait: label, decided: p.decided, firstWins: p.firstWins, firstWinShare: p.firstWinShare, ciLow: p.ciLow, ciHigh: p.ciHigh, ties: p.ties, pairsInBothOrders: p.pairsInBothOrders, agreeing: p.agreeing, agreementRate: p.agreementRate, positionFlips: p.positionFlips }];
}

const ORDER_WORDS: Record<'ab' | 'ba' | 'unknown', string> = { ab: 'A shown first', ba: 'B shown first', unknown: 'order not recorded' };

/** Pairwise verdicts as Bradley–Terry ratings with CIs, a win-rate matrix, counts per order shown, and position bias. */
export default function Ratings() {
  usePageTitle(() => 'Pairwise ratings');
  const [params, setParams] = useSearchParams();
  const catalogue = useTraitCatalogue();
  const [available] = createResource(traitsWithVerdicts);
  const labelOf = (slug: string, title: string, source: RatingsAnswer['source']) => catalogue.label(slug, { known: identityFromSlug(slug, title), scoreSource: source, pairwise: true });
  const choices = createMemo(() => (available.latest ?? []).map((t) => ({ value: `${t.trait}:${t.source}`, text: labelOf(t.trait, t.title, t.source).text })));
  const focus = createMemo(() => readTraitKey(param(params, 'trait'), asSource(param(params, 'source'))) ?? readTraitKey(choices()[0]?.value ?? '', null));
  const [ratings] = createResource(
    () => focus() ?? false,
    (f) => getRatings({ trait: f.slug, source: f.source }),
  );
  const label = () => (ratings.state === 'ready' ? catalogue.label(ratings().trait.slug, { known: ratings().trait, scoreSource: ratings().source, pairwise: true }) : null);

  return (
    <div class="dashboard-page ratings-page">
      <div class="page-head">
        <h1>Pairwise ratings</h1>
      </div>
      <DashboardTabs current="ratings" />
      <Switch fallback={<p class="loading">Loading verdicts…</p>}>
        <Match when={available.state === 'errored'}>
          <ErrorPanel error={available.error} title="Could not load the pairwise verdicts" />
        </Match>
        <Match when={available.state === 'ready' && choices().length === 0 && !focus()}>
          <p class="panel">No pairwise verdicts yet. Import MT-Bench pairwise judgments or hh-rlhf preferences, or run the judge in pairwise mode.</p>
        </Match>
        <Match when={available.state === 'ready'}>
          <div class="dashboard-controls">
            <TraitSelect label="Verdicts on" choices={choices()} value={focus() ? traitKeyText(focus() ?? { slug: '', source: 'import' }) : ''} onChange={(v) => setParams({ trait: v, source: undefined }, { replace: true })} />
          </div>
          <Switch fallback={<p class="loading">Computing ratings…</p>}>
            <Match when={ratings.state === 'errored'}>
              <ErrorPanel error={ratings.error} title="Could not rate these verdicts" />
            </Match>
            <Match when={ratings.state === 'ready' && label() && ratings()}>
              {(r) => (
                <>
                  <section class="dashboard-section" aria-labelledby="bt-heading">
                    <h2 id="bt-heading">
                      Bradley–Terry ratings: <TraitName label={label() ?? catalogue.label(r().trait.slug)} />
                    </h2>
                    <p class="muted section-note">
                      {r().comparisons} verdicts between different versions{r().sameModel ? `; ${r().sameModel} between transcripts of one version count only in the position figures` : ''}. Ratings on the
                      Chatbot Arena scale (400·log10 strength, averaging 1000), 95% CIs by bootstrap over verdicts.
                      <Show when={!r().connected}> The versions do not all meet, directly or through others: ratings of separate groups do not compare.</Show>
                      <Show when={r().reason}> {r().reason}</Show>
                    </p>
                    <ChartFigure title="Ratings" titleText={`ratings of ${label()?.text ?? ''}`} exportName={['ratings', r().trait.slug, r().source]} rows={ratingRows(r(), label()?.text ?? '')}>
                      <DotWhiskerChart
                        rows={[...r().models].sort((x, y) => (y.rating ?? -Infinity) - (x.rating ?? -Infinity)).map((m) => ({ key: m.model, label: m.model, mean: m.rating, ciLow: m.ciLow, ciHigh: m.ciHigh, title: `${m.model}: rating ${formatStat(m.rating, 0)} ${formatCi(m.ciLow, m.ciHigh, (n) => formatStat(n, 0))}; ${m.wins} wins, ${m.losses} losses, ${m.ties} ties` }))}
                        domain={niceDomain(Math.min(...r().models.map((m) => m.ciLow ?? m.rating ?? 1000)), Math.max(...r().models.map((m) => m.ciHigh ?? m.rating ?? 1000)))}
                        axisTitle="Bradley–Terry rating (Arena scale)"
                        ariaLabel="Ratings with 95% CIs"
                        format={(n) => formatStat(n, 0)}
                      />
                      <div class="table-wrap">
                        <table class="matrix">
                          <thead>
                            <tr>
                              <th scope="col">Version</th>
                              <th scope="col" class="num">Rating [95% CI]</th>
                              <th scope="col" class="num">Wins</th>
                              <th scope="col" class="num">Losses</th>
                              <th scope="col" class="num">Ties</th>
                              <th scope="col" class="num">Win rate</th>
                            </tr>
                          </thead>
                          <tbody>
                            <For each={r().models}>
                              {(m) => (
                                <tr>
                                  <th scope="row">{m.model}</th>
                                  <td class="num">
                                    {formatStat(m.rating, 0)} <span class="muted">{formatCi(m.ciLow, m.ciHigh, (n) => formatStat(n, 0))}</span>
                                  </td>
                                  <td class="num">{m.wins}</td>
                                  <td class="num">{m.losses}</td>
                                  <td class="num">{m.ties}</td>
                                  <td class="num" title="(wins + ties / 2) / verdicts">
                                    {Math.round(m.winRate * 100)}% <span class="muted">of {m.battles}</span>
                                  </td>
                                </tr>
                              )}
                            </For>
                          </tbody>
                        </table>
                      </div>
                    </ChartFigure>
                  </section>
                  <section class="dashboard-section" aria-labelledby="wr-heading">
                    <div class="section-head">
                      <h2 id="wr-heading">Win rates</h2>
                      <ExportButtons name={['win-rates', r().trait.slug, r().source]} rows={() => winRateRows(r().winRates, label()?.text ?? '')} what="the win rates" />
                    </div>
                    <RampLegend domain={[0, 1]} title="Share won, ties as half" />
                    <WinRateMatrix winRates={r().winRates} />
                  </section>
                  <section class="dashboard-section" aria-labelledby="pb-heading">
                    <div class="section-head">
                      <h2 id="pb-heading">Position bias</h2>
                      <ExportButtons name={['position-bias', r().trait.slug, r().source]} rows={() => [...biasRows(r(), label()?.text ?? ''), ...orderRows(r(), label()?.text ?? '')]} what="the position figures" />
                    </div>
                    <dl class="figures">
                      <div>
                        <dt>Won by the side shown first</dt>
                        <dd>
                          {r().positionBias.firstWinShare === null ? '—' : `${Math.round((r().positionBias.firstWinShare ?? 0) * 100)}%`}{' '}
                          <span class="muted">
                            {formatCi(r().positionBias.ciLow, r().positionBias.ciHigh, (n) => `${Math.round(n * 100)}%`)} of {r().positionBias.decided} decided (Wilson 95%); 50% is no bias
                          </span>
                        </dd>
                      </div>
                      <div>
                        <dt>Pairs judged in both orders</dt>
                        <dd>
                          {r().positionBias.pairsInBothOrders}; {r().positionBias.agreeing} agree
                          {r().positionBias.agreementRate === null ? '' : ` (${Math.round((r().positionBias.agreementRate ?? 0) * 100)}%)`}, {r().positionBias.positionFlips} picked the same position both times
                        </dd>
                      </div>
                      <div>
                        <dt>Ties</dt>
                        <dd>{r().positionBias.ties}</dd>
                      </div>
                    </dl>
                    <Show when={r().positionBias.reason}>
                      <p class="muted">{r().positionBias.reason}</p>
                    </Show>
                    <div class="table-wrap">
                      <table class="matrix">
                        <caption class="visually-hidden">Verdicts per pair of versions and order shown</caption>
                        <thead>
                          <tr>
                            <th scope="col">A</th>
                            <th scope="col">B</th>
                            <th scope="col">Order shown</th>
                            <th scope="col" class="num">A won</th>
                            <th scope="col" class="num">B won</th>
                            <th scope="col" class="num">Ties</th>
                          </tr>
                        </thead>
                        <tbody>
                          <For each={r().byOrder}>
                            {(o) => (
                              <tr>
                                <td>{o.modelA}</td>
                                <td>{o.modelB}</td>
                                <td>{ORDER_WORDS[o.shownOrder]}</td>
                                <td class="num">{o.winsA}</td>
                                <td class="num">{o.winsB}</td>
                                <td class="num">{o.ties}</td>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                    </div>
                  </section>
                </>
              )}
            </Match>
          </Switch>
        </Match>
      </Switch>
    </div>
  );
}
