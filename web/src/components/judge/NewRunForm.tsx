import { A, useNavigate } from '@solidjs/router';
import { createMemo, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { listModels, listTraits, type Trait } from '../../api/client.ts';
import { estimateRun, startRun, type Estimate } from '../../api/judge.ts';
import { formatCount } from '../../lib/format.ts';
import { bodyKey, describeListFilters, runRequestBody, selectionOf, type RunFormState, type SelectionChoice } from '../../lib/judge-selection.ts';
import { emptyFilters, listSearch } from '../../lib/list-query.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { ConfirmStart, EstimatePanel } from './EstimatePanel.tsx';
import { RubricPreview } from './RubricPreview.tsx';
import './new-run.css';

function isRubricTrait(t: Trait): boolean {
  return t.currentRubricVersion !== null;
}

/**
 * A new judge run: traits, transcripts, settings; then the estimate, and only for the exact form it was made
 * for, a start that asks first.
 */
export function NewRunForm(props: { initial: SelectionChoice; /** Null until the server has said. */ apiKeyConfigured: boolean | null }) {
  const navigate = useNavigate();
  const [traits] = createResource(listTraits);
  const [models] = createResource(listModels);
  const rubricTraits = createMemo(() => (traits.state === 'ready' ? traits().filter(isRubricTrait) : []));
  const otherTraits = createMemo(() => (traits.state === 'ready' ? traits().filter((t) => !isRubricTrait(t)) : []));

  const init = props.initial;
  // The fields start from the list's model, scenario and tag, so "a filter instead" keeps what they can say.
  const initialFields = (): { model: string; scenario: string; tag: string } => (init.kind === 'where' ? init : init.kind === 'list' ? init.filters : { model: '', scenario: '', tag: '' });
  const [chosen, setChosen] = createSignal<readonly string[]>([]);
  const [preview, setPreview] = createSignal<string | null>(null);
  // `given`: the ids or the list's filter the page was opened with; `where`: the form's own fields.
  const [by, setBy] = createSignal<'given' | 'where'>(init.kind === 'where' ? 'where' : 'given');
  const [model, setModel] = createSignal(initialFields().model);
  const [scenario, setScenario] = createSignal(initialFields().scenario);
  const [tag, setTag] = createSignal(initialFields().tag);
  const [samples, setSamples] = createSignal('1');
  const [mode, setMode] = createSignal<'sync' | 'batch'>('sync');
  const [pairwise, setPairwise] = createSignal(false);
  const [budget, setBudget] = createSignal('5');
  const [judgeModel, setJudgeModel] = createSignal('');

  const form = (): RunFormState => ({
    traits: chosen(),
    selection: by() === 'given' ? selectionOf(init) : { where: { ...emptyFilters, model: model(), scenario: scenario(), tag: tag() } },
    samples: samples(),
    mode: mode(),
    pairwise: pairwise(),
    budgetUsd: budget(),
    judgeModel: judgeModel(),
  });
  const request = createMemo(() => runRequestBody(form()));
  const requestError = () => {
    const r = request();
    return r.ok ? '' : r.error;
  };
  const currentKey = () => {
    const r = request();
    return r.ok ? bodyKey(r.body) : null;
  };

  const [estimate, setEstimate] = createSignal<{ key: string; result: Estimate } | null>(null);
  const [busy, setBusy] = createSignal<'' | 'estimating' | 'starting'>('');
  const [problem, setProblem] = createSignal<unknown>(null);
  const [confirming, setConfirming] = createSignal(false);
  const fresh = () => {
    const e = estimate();
    return e !== null && e.key === currentKey() ? e.result : null;
  };
  // The runs list says it up front; an estimate says it again (a server restarted with a key in between).
  const noApiKey = () => {
    const latest = estimate()?.result.apiKeyConfigured;
    return latest === undefined ? props.apiKeyConfigured === false : !latest;
  };

  function toggleTrait(slug: string, on: boolean) {
    setChosen((now) => (on ? [...now.filter((s) => s !== slug), slug] : now.filter((s) => s !== slug)));
    setConfirming(false);
  }

  async function runEstimate() {
    const r = request();
    setConfirming(false);
    if (!r.ok) {
      setProblem(new Error(r.error));
      return;
    }
    setBusy('estimating');
    setProblem(null);
    try {
      setEstimate({ key: bodyKey(r.body), result: await estimateRun(r.body) });
    } catch (err) {
      setEstimate(null);
      setProblem(err);
    } finally {
      setBusy('');
    }
  }

  async function start() {
    const r = request();
    if (!r.ok || !fresh()) return;
    setBusy('starting');
    setProblem(null);
    try {
      const created = await startRun(r.body);
      navigate(`/judge/runs/${encodeURIComponent(created.id)}`);
    } catch (err) {
      setProblem(err);
      setConfirming(false);
    } finally {
      setBusy('');
    }
  }

  return (
    <section class="panel new-run" aria-labelledby="new-run-heading">
      <h2 id="new-run-heading">New run</h2>
      <Show when={noApiKey()}>
        <div class="panel no-api-key" role="note">
          <strong>This server has no Anthropic API key, so a run cannot start.</strong> Estimates still work: tokens are counted offline (characters ÷ 4) and
          priced. To judge, set <code>ANTHROPIC_API_KEY</code> where the server runs and restart it.
        </div>
      </Show>
      <form
        class="new-run-form"
        onSubmit={(e) => {
          e.preventDefault();
          void runEstimate();
        }}
        onInput={() => setConfirming(false)}
      >
        <fieldset class="trait-choice">
          <legend>Traits</legend>
          <Switch fallback={<p class="loading">Loading traits…</p>}>
            <Match when={traits.state === 'errored'}>
              <ErrorPanel error={traits.error} title="Could not load the traits" />
            </Match>
            <Match when={traits.state === 'ready' && rubricTraits().length === 0}>
              <p class="muted">No rubric is loaded on this server, so there is nothing the judge can score.</p>
            </Match>
            <Match when={traits.state === 'ready'}>
              <div class="trait-options">
                <For each={rubricTraits()}>
                  {(t) => (
                    <div class="trait-option-wrap">
                      <label class="check trait-option">
                        <input type="checkbox" name="trait" value={t.slug} checked={chosen().includes(t.slug)} onChange={(e) => toggleTrait(t.slug, e.currentTarget.checked)} />
                        <span>
                          <span class="trait-title">{t.title}</span>
                          <span class="trait-version muted" title={`Current rubric version ${t.currentRubricVersion?.contentHash ?? ''}`}>
                            <code>{t.slug}</code> · rubric <code>{t.currentRubricVersion?.contentHash.slice(0, 8)}</code>
                            {t.unit === 'turns' ? ' · per turn' : ''}
                          </span>
                        </span>
                      </label>
                      <button type="button" class="link-button rubric-toggle" aria-expanded={preview() === t.slug} aria-label={`Read the ${t.title} rubric`} onClick={() => setPreview((p) => (p === t.slug ? null : t.slug))}>
                        read
                      </button>
                    </div>
                  )}
                </For>
              </div>
              <Show when={preview()}>{(slug) => <RubricPreview trait={slug()} onClose={() => setPreview(null)} />}</Show>
              <Show when={otherTraits().length > 0}>
                <details class="other-traits">
                  <summary class="muted">{formatCount(otherTraits().length, 'imported trait has', 'imported traits have')} no rubric and cannot be judged</summary>
                  <p class="muted">
                    <For each={otherTraits()}>{(t, i) => <>{i() > 0 ? ', ' : ''}<code>{t.slug}</code></>}</For>
                  </p>
                </details>
              </Show>
            </Match>
          </Switch>
        </fieldset>

        <fieldset class="selection-choice">
          <legend>Transcripts</legend>
          <Show when={init.kind !== 'where'}>
            <label class="check">
              <input type="radio" name="by" value="given" checked={by() === 'given'} onChange={() => setBy('given')} />
              <span class="given-selection">
                <Switch>
                  <Match when={init.kind === 'ids' && init}>
                    {(given) => (
                      <>
                        <strong class="selection-count">{formatCount(given().ids.length, 'transcript', 'transcripts')}</strong> <span class="muted">given by id</span>
                      </>
                    )}
                  </Match>
                  <Match when={init.kind === 'list' && init}>
                    {(list) => (
                      <>
                        From the list: <strong class="selection-filter">{describeListFilters(list().filters)}</strong>{' '}
                        <span class="muted">
                          (<A href={`/transcripts${listSearch(list().filters)}`}>open</A>; the estimate counts them)
                        </span>
                      </>
                    )}
                  </Match>
                </Switch>
              </span>
            </label>
          </Show>
          <Show when={init.kind !== 'where'}>
            <label class="check">
              <input type="radio" name="by" value="where" checked={by() === 'where'} onChange={() => setBy('where')} />
              <span>Matching a filter instead</span>
            </label>
          </Show>
          <div class="where-fields" classList={{ disabled: by() !== 'where' }}>
            <label>
              Model
              <select name="model" disabled={by() !== 'where'} onChange={(e) => setModel(e.currentTarget.value)}>
                <option value="" selected={model() === ''}>
                  All models
                </option>
                <For each={models.state === 'ready' ? models() : []}>
                  {(m) => (
                    <option value={m.name} selected={m.name === model()}>
                      {m.name} ({m.transcriptCount})
                    </option>
                  )}
                </For>
                <Show when={model() && models.state === 'ready' && !models().some((m) => m.name === model())}>
                  <option value={model()} selected>
                    {model()}
                  </option>
                </Show>
              </select>
            </label>
            <label>
              Scenario
              <input type="text" name="scenario" size={12} autocomplete="off" disabled={by() !== 'where'} value={scenario()} onInput={(e) => setScenario(e.currentTarget.value)} />
            </label>
            <label>
              Tag
              <input type="text" name="tag" size={10} autocomplete="off" disabled={by() !== 'where'} value={tag()} onInput={(e) => setTag(e.currentTarget.value)} />
            </label>
          </div>
        </fieldset>

        <fieldset class="run-settings">
          <legend>Settings</legend>
          <label>
            <span>
              Samples <span class="hint">per transcript</span>
            </span>
            <input type="number" name="samples" min="1" max="20" step="1" size={4} value={samples()} onInput={(e) => setSamples(e.currentTarget.value)} />
          </label>
          <div class="radio-group" role="radiogroup" aria-label="Mode">
            <span class="group-label">Mode</span>
            <label class="check">
              <input type="radio" name="mode" value="sync" checked={mode() === 'sync'} onChange={() => setMode('sync')} />
              sync
            </label>
            <label class="check" title="The Message Batches API: half price, results within 24 hours">
              <input type="radio" name="mode" value="batch" checked={mode() === 'batch'} onChange={() => setMode('batch')} />
              batch <span class="hint">(half price, slower)</span>
            </label>
          </div>
          <label class="check pairwise" title="Two transcripts of different models on one scenario, judged in both orders; agreeing verdicts give a winner">
            <input type="checkbox" name="pairwise" checked={pairwise()} onChange={(e) => setPairwise(e.currentTarget.checked)} />
            <span>
              Pairwise <span class="hint">(both orders)</span>
            </span>
          </label>
          <label>
            Budget (USD)
            <input type="number" name="budget" min="0.01" step="any" size={6} value={budget()} onInput={(e) => setBudget(e.currentTarget.value)} />
          </label>
          <label>
            <span>
              Judge model <span class="hint">(optional)</span>
            </span>
            <input type="text" name="judgeModel" placeholder="the server's default" autocomplete="off" value={judgeModel()} onInput={(e) => setJudgeModel(e.currentTarget.value)} />
          </label>
        </fieldset>

        <div class="actions-row run-actions">
          <button type="submit" disabled={busy() !== ''}>
            {busy() === 'estimating' ? 'Estimating…' : 'Estimate'}
          </button>
          <button
            type="button"
            class="primary"
            disabled={!fresh() || busy() !== '' || noApiKey()}
            title={noApiKey() ? 'No API key on this server: runs cannot start' : fresh() ? undefined : 'Estimate first: a run starts only after you have seen what it costs'}
            onClick={() => setConfirming(true)}
          >
            Start
          </button>
          <Show when={chosen().length > 0 && requestError()}>{(why) => <span class="muted">{why()}</span>}</Show>
        </div>
      </form>

      <Show when={problem()}>{(err) => <ErrorPanel error={err()} title="The judge did not accept this" />}</Show>

      <Show when={estimate()}>{(e) => <EstimatePanel result={e().result} fresh={fresh() !== null} budgetUsd={Number(budget())} />}</Show>

      <Show when={confirming() && fresh()}>
        {(est) => <ConfirmStart result={est()} budgetUsd={Number(budget())} busy={busy() === 'starting'} onConfirm={() => void start()} onCancel={() => setConfirming(false)} />}
      </Show>
    </section>
  );
}
