import { createResource, For, Match, Show, Switch } from 'solid-js';
import { getAgreement } from '../../api/labeling.ts';
import { alphaText, kappaText, maybeTwo } from '../../lib/agreement-format.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';

/** One trait's agreement in one queue: alpha among the humans and with the judge (with their CIs), kappa, and each rater. */
export function AgreementPanel(props: { trait: string; queue: string }) {
  const [agreement] = createResource(() => ({ trait: props.trait, queue: props.queue }), getAgreement);
  return (
    <section class="agreement-trait" data-trait={props.trait} aria-label={`Agreement on ${props.trait}`}>
      <Switch fallback={<p class="loading">Computing agreement on {props.trait}…</p>}>
        <Match when={agreement.state === 'errored'}>
          <ErrorPanel error={agreement.error} title={`Could not compute agreement on ${props.trait}`} />
        </Match>
        <Match when={agreement.state === 'ready' && agreement()}>
          {(a) => (
            <>
              <h3>
                {a().trait.title} <span class="muted">· alpha {a().alpha.level}</span>
              </h3>
              <dl class="agreement-figures">
                <div>
                  <dt>Alpha, humans</dt>
                  <dd class="alpha-humans">{alphaText(a().alpha)}</dd>
                </div>
                <div>
                  <dt>Alpha, humans and judge</dt>
                  <dd class="alpha-judge">{alphaText(a().alphaWithJudge)}</dd>
                </div>
                <div>
                  <dt>Kappa, judge vs humans</dt>
                  <dd class="kappa">{kappaText(a().kappa)}</dd>
                </div>
              </dl>
              <p class="agreement-json">
                {/* The API's own answer (confusion matrix and Spearman too); rel=external: the server serves it, not the app's router. */}
                <a href={`/api/v1/stats/agreement?trait=${encodeURIComponent(props.trait)}&queue=${encodeURIComponent(props.queue)}`} rel="external">
                  All the figures (JSON)
                </a>
              </p>
              <Show when={a().raters.length > 0}>
                <table class="matrix raters-table">
                  <thead>
                    <tr>
                      <th scope="col">Rater</th>
                      <th scope="col" class="num">
                        Transcripts
                      </th>
                      <th scope="col" class="num" title="Quadratic kappa against the mean of the other raters on the same transcripts">
                        Kappa with the rest
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={a().raters}>
                      {(r) => (
                        <tr>
                          <td class="rater">{r.kind === 'judge' ? 'judge' : r.rater}</td>
                          <td class="num">{r.units}</td>
                          <td class="num">{maybeTwo(r.kappaWithRest)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
