import { A, useSearchParams } from '@solidjs/router';
import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { traitSummaries } from '../../api/client.ts';
import { getAgreement, type Agreement as AgreementAnswer } from '../../api/stats.ts';
import { DotWhiskerChart } from '../../components/charts/DotWhiskerChart.tsx';
import { ChartFigure } from '../../components/dashboard/ChartFigure.tsx';
import { ConfusionMatrix, confusionRows } from '../../components/dashboard/ConfusionMatrix.tsx';
import { DashboardTabs } from '../../components/dashboard/DashboardTabs.tsx';
import { ExportButtons } from '../../components/dashboard/ExportButtons.tsx';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { TraitName } from '../../components/TraitName.tsx';
import { param } from '../../lib/dashboard-params.ts';
import type { ExportRow } from '../../lib/export-rows.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { labelHrefForStats } from '../../lib/queue-form.ts';
import { formatCi, formatStat } from '../../lib/stat-format.ts';
import { useTraitCatalogue } from '../../stores/trait-catalogue.ts';

type Alpha = AgreementAnswer['alpha'];

function alphaText(a: Alpha): string {
  return a.value === null ? (a.reason ?? '—') : `${formatStat(a.value)} ${formatCi(a.ciLow, a.ciHigh)}`;
}

function agreementRows(list: readonly AgreementAnswer[], labelOf: (a: AgreementAnswer) => string): ExportRow[] {
  return list.map((a) => ({
    trait: labelOf(a),
    slug: a.trait.slug,
    level: a.alpha.level,
    alpha: a.alpha.value,
    alphaCiLow: a.alpha.ciLow,
    alphaCiHigh: a.alpha.ciHigh,
    alphaUnits: a.alpha.units,
    alphaWithJudge: a.alphaWithJudge.value,
    alphaWithJudgeCiLow: a.alphaWithJudge.ciLow,
    alphaWithJudgeCiHigh: a.alphaWithJudge.ciHigh,
    kappaJudgeHumans: a.kappa.value,
    kappaN: a.kappa.n,
    spearman: a.spearman.value,
    spearmanN: a.spearman.n,
  }));
}

/**
 * How far raters agree, trait by trait: Krippendorff's alpha across human labelers (and with the judge as
 * one more rater) with bootstrap CIs; for one trait, the judge–human confusion matrix and each rater's kappa
 * against the others.
 */
export default function Agreement() {
  usePageTitle(() => 'Agreement');
  const [params, setParams] = useSearchParams();
  const catalogue = useTraitCatalogue();
  // Agreement needs human labels: the traits that have some.
  const [human] = createResource(() => traitSummaries({ source: 'human' }));
  const slugs = createMemo(() => (human.state === 'ready' ? [...new Set(human().items.filter((i) => i.n > 0).map((i) => i.trait.slug))].sort() : []));
  const [answers] = createResource(
    () => (human.state === 'ready' ? slugs().join(',') || 'none' : false),
    async (key) => (key === 'none' ? [] : Promise.all(key.split(',').map((slug) => getAgreement(slug).then((a) => ({ slug, a, error: null }), (error: unknown) => ({ slug, a: null, error }))))),
  );
  const ok = createMemo(() => (answers.latest ?? []).flatMap((x) => (x.a ? [x.a] : [])));
  const labelOf = (a: AgreementAnswer) => catalogue.label(a.trait.slug, { known: a.trait });
  const focus = createMemo(() => ok().find((a) => a.trait.slug === param(params, 'trait').replace(/:.*$/, '')) ?? ok()[0]);
  const alphaDomain = (): [number, number] => [Math.min(0, ...ok().flatMap((a) => [a.alpha.ciLow ?? 0, a.alphaWithJudge.ciLow ?? 0])), 1];

  return (
    <div class="dashboard-page agreement-page">
      <div class="page-head">
        <h1>Agreement</h1>
      </div>
      <DashboardTabs current="agreement" />
      <Switch fallback={<p class="loading">Loading agreement…</p>}>
        <Match when={human.state === 'errored'}>
          <ErrorPanel error={human.error} title="Could not load the human labels" />
        </Match>
        <Match when={answers.state === 'ready' && slugs().length === 0}>
          <p class="panel">No human labels yet: agreement compares labelers with each other and with the judge.</p>
        </Match>
        <Match when={answers.state === 'ready'}>
          <For each={(answers.latest ?? []).filter((x) => x.error !== null)}>{(x) => <ErrorPanel error={x.error} title={`Could not measure agreement on ${x.slug}`} />}</For>
          <section class="dashboard-section" aria-labelledby="alpha-heading">
            <div class="section-head">
              <h2 id="alpha-heading">Krippendorff’s alpha per trait</h2>
              <ExportButtons name={['agreement']} rows={() => agreementRows(ok(), (a) => labelOf(a).text)} what="the agreement table" />
            </div>
            <p class="muted section-note">
              Each labeler’s latest label per transcript; 95% CIs by bootstrap over transcripts. 1 is perfect agreement, 0 what chance gives. Kappa
              (quadratic) and Spearman compare the judge with the humans’ mean on the transcripts both rated.
            </p>
            <div class="table-wrap">
              <table class="matrix agreement-table">
                <thead>
                  <tr>
                    <th scope="col">Trait</th>
                    <th scope="col" class="num">α humans [95% CI]</th>
                    <th scope="col" class="num">α with the judge</th>
                    <th scope="col" class="num">κ judge vs humans</th>
                    <th scope="col" class="num">Spearman ρ</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={ok()}>
                    {(a) => (
                      <tr classList={{ selected: focus() === a }}>
                        <th scope="row">
                          <button type="button" class="link-button" onClick={() => setParams({ trait: a.trait.slug }, { replace: true })}>
                            <TraitName label={labelOf(a)} />
                          </button>
                        </th>
                        <td class="num" title={`${a.alpha.level} alpha over ${a.alpha.units} transcripts rated at least twice`}>
                          {alphaText(a.alpha)} <span class="muted">{a.alpha.units ? `n=${a.alpha.units}` : ''}</span>
                        </td>
                        <td class="num">{alphaText(a.alphaWithJudge)}</td>
                        <td class="num">{a.kappa.value === null ? <span class="muted">{a.kappa.reason ?? '—'}</span> : `${formatStat(a.kappa.value)} (n=${a.kappa.n})`}</td>
                        <td class="num">{a.spearman.value === null ? <span class="muted">—</span> : `${formatStat(a.spearman.value)} (n=${a.spearman.n})`}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <ChartFigure
              title="Alpha across human labelers"
              titleText="alpha across human labelers per trait"
              exportName={['alpha']}
              rows={ok().map((a) => ({ trait: labelOf(a).text, level: a.alpha.level, alpha: a.alpha.value, ciLow: a.alpha.ciLow, ciHigh: a.alpha.ciHigh, units: a.alpha.units }))}
            >
              <DotWhiskerChart
                rows={ok().map((a) => ({ key: a.trait.slug, label: labelOf(a).title, mean: a.alpha.value, ciLow: a.alpha.ciLow, ciHigh: a.alpha.ciHigh, title: `${labelOf(a).text}: alpha ${alphaText(a.alpha)}` }))}
                domain={alphaDomain()}
                axisTitle="Krippendorff’s alpha (1 = perfect agreement)"
                ariaLabel="Alpha with 95% CI per trait"
              />
            </ChartFigure>
          </section>
          <Show when={focus()}>
            {(a) => (
              <section class="dashboard-section" aria-labelledby="detail-heading">
                <h2 id="detail-heading">
                  Raters of <TraitName label={labelOf(a())} />
                </h2>
                <div class="section-head">
                  <h3>Judge vs humans</h3>
                  <Show when={a().confusion}>{(c) => <ExportButtons name={['confusion', a().trait.slug]} rows={() => confusionRows(c(), labelOf(a()).text)} what="the confusion matrix" />}</Show>
                </div>
                <Show when={a().confusion} fallback={<p class="muted">{a().kappa.reason ?? 'No transcript has both a judge value and a human label.'}</p>}>
                  {(c) => <ConfusionMatrix confusion={c()} />}
                </Show>
                <p class="dashboard-actions">
                  <A href={labelHrefForStats('judge_human_gap', a().trait.slug)}>Send the largest judge–human gaps to a labeling queue</A>
                  {' · '}
                  <A href={labelHrefForStats('judge_spread', a().trait.slug)}>the largest judge spreads</A>
                </p>
                <div class="section-head">
                  <h3>Each rater against the others</h3>
                  <ExportButtons name={['raters', a().trait.slug]} rows={() => a().raters.map((r) => ({ trait: labelOf(a()).text, rater: r.rater, kind: r.kind, units: r.units, kappaWithRest: r.kappaWithRest }))} what="the raters" />
                </div>
                <div class="table-wrap">
                  <table class="matrix">
                    <thead>
                      <tr>
                        <th scope="col">Rater</th>
                        <th scope="col">Kind</th>
                        <th scope="col" class="num">Transcripts rated</th>
                        <th scope="col" class="num" title="Quadratic kappa against the mean of the other raters on the same transcripts">
                          κ with the rest
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={a().raters}>
                        {(r) => (
                          <tr>
                            <th scope="row">{r.rater}</th>
                            <td>{r.kind}</td>
                            <td class="num">{r.units}</td>
                            <td class="num">{formatStat(r.kappaWithRest)}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </section>
            )}
          </Show>
        </Match>
      </Switch>
    </div>
  );
}
