import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { estimateThemeRun, listThemeRuns, startThemeRun, type ThemeRunBody } from '../../api/themes.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { param } from '../../lib/list-query.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { pollWhile } from '../../lib/poll.ts';
import { isFinalStatus } from '../../lib/run-progress.ts';
import { groupBySelection } from '../../lib/themes.ts';
import './themes.css';

type Source = 'filter' | 'judge_spread' | 'judge_human_gap' | 'none';
type ScoreSource = 'any' | 'judge' | 'human' | 'import';
const parseScoreSource = (v: string): ScoreSource => (v === 'judge' || v === 'human' || v === 'import' ? v : 'any');

/** `/themes`: start a theme run over a selection (and feedback), and every run, grouped by selection into versions. */
export default function Themes() {
  usePageTitle(() => 'Themes');
  const [params] = useSearchParams();
  const [source, setSource] = createSignal<Source>('filter');
  const [model, setModel] = createSignal(param(params, 'model'));
  const [tag, setTag] = createSignal(param(params, 'tag'));
  const [trait, setTrait] = createSignal(param(params, 'trait') || 'pushback');
  const [max, setMax] = createSignal(param(params, 'max') || '2');
  const [q, setQ] = createSignal(param(params, 'q'));
  // The trait's values of one source, or of any (DESIGN.md keeps judge, human and import scores apart).
  const [scoreSource, setScoreSource] = createSignal<ScoreSource>(parseScoreSource(param(params, 'source')));
  const [limit, setLimit] = createSignal('50');
  const [withFeedback, setWithFeedback] = createSignal(false);
  const [feedbackTag, setFeedbackTag] = createSignal('');
  const [budget, setBudget] = createSignal('5');
  const [mode, setMode] = createSignal<'sync' | 'batch'>('sync');
  const [estimate, setEstimate] = createSignal<Awaited<ReturnType<typeof estimateThemeRun>> | null>(null);
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const navigate = useNavigate();
  const [runs, { refetch }] = createResource(listThemeRuns);
  pollWhile(runs, refetch, () => (runs() ?? []).some((r) => !isFinalStatus(r.status)), 4000);

  function body(): ThemeRunBody {
    const selection: ThemeRunBody['selection'] = {};
    const s = source();
    if (s === 'filter') {
      const where: Record<string, string | number> = {};
      if (model()) where['model'] = model();
      if (tag()) where['tag'] = tag();
      if (q()) where['q'] = q();
      if (trait()) {
        where['trait'] = trait();
        if (max() !== '') where['max'] = Number(max());
        if (scoreSource() !== 'any') where['source'] = scoreSource();
      }
      selection.where = where;
    } else if (s !== 'none') selection.statsSelection = { kind: s, trait: trait(), limit: Number(limit()), ...(model() ? { model: model() } : {}) };
    if (withFeedback()) selection.feedback = feedbackTag() ? { tag: feedbackTag() } : {};
    return { selection, budgetUsd: Number(budget()), mode: mode(), reduceChunkChars: 80_000, assignBatchSize: 25 };
  }

  async function act(start: boolean) {
    setBusy(true);
    setError(null);
    try {
      if (start) {
        const created = await startThemeRun(body());
        navigate(`/themes/runs/${created.id}`);
      } else setEstimate(await estimateThemeRun(body()));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="themes-page">
      <div class="page-head">
        <h1>Themes</h1>
        <span class="muted">From transcripts that went wrong (and user feedback) to named failure themes, to an eval for each.</span>
      </div>
      <form
        class="panel theme-run-form"
        aria-label="New theme run"
        onSubmit={(e) => {
          e.preventDefault();
          void act(true);
        }}
      >
        <h2>New theme run</h2>
        <fieldset>
          <legend>Transcripts</legend>
          <div class="form-row">
            <label>
              Select by
              <select value={source()} onChange={(e) => setSource(e.currentTarget.value === 'judge_spread' || e.currentTarget.value === 'judge_human_gap' || e.currentTarget.value === 'none' ? e.currentTarget.value : 'filter')}>
                <option value="filter">A list filter (trait range, model, tag, search)</option>
                <option value="judge_spread">Largest judge spread</option>
                <option value="judge_human_gap">Largest judge–human gap</option>
                <option value="none">No transcripts (feedback only)</option>
              </select>
            </label>
            <Show when={source() !== 'none'}>
              <label>
                Model <span class="hint">(exact name; all when empty)</span>
                <input name="model" value={model()} onInput={(e) => setModel(e.currentTarget.value)} />
              </label>
              <label>
                Trait
                <input name="trait" value={trait()} onInput={(e) => setTrait(e.currentTarget.value)} />
              </label>
            </Show>
            <Show when={source() === 'filter'}>
              <label>
                At most <span class="hint">(per-transcript value)</span>
                <input name="max" inputMode="decimal" value={max()} onInput={(e) => setMax(e.currentTarget.value)} />
              </label>
              <label>
                Scores from
                <select name="source" value={scoreSource()} onChange={(e) => setScoreSource(parseScoreSource(e.currentTarget.value))}>
                  <option value="any">Any source</option>
                  <option value="judge">The judge</option>
                  <option value="human">Human labels</option>
                  <option value="import">Imported scores</option>
                </select>
              </label>
              <label>
                Tag
                <input name="tag" value={tag()} onInput={(e) => setTag(e.currentTarget.value)} />
              </label>
              <label>
                Search
                <input name="q" value={q()} onInput={(e) => setQ(e.currentTarget.value)} />
              </label>
            </Show>
            <Show when={source() === 'judge_spread' || source() === 'judge_human_gap'}>
              <label>
                How many
                <input name="limit" inputMode="numeric" value={limit()} onInput={(e) => setLimit(e.currentTarget.value)} />
              </label>
            </Show>
          </div>
        </fieldset>
        <fieldset>
          <legend>Feedback</legend>
          <div class="form-row">
            <label class="checkbox">
              <input type="checkbox" checked={withFeedback()} onChange={(e) => setWithFeedback(e.currentTarget.checked)} /> Read uploaded feedback too
            </label>
            <Show when={withFeedback()}>
              <label>
                Feedback tag <span class="hint">(all when empty)</span>
                <input name="feedbackTag" value={feedbackTag()} onInput={(e) => setFeedbackTag(e.currentTarget.value)} />
              </label>
            </Show>
          </div>
        </fieldset>
        <div class="form-row">
          <label>
            Budget (USD)
            <input name="budget" inputMode="decimal" value={budget()} onInput={(e) => setBudget(e.currentTarget.value)} />
          </label>
          <label>
            Mode
            <select value={mode()} onChange={(e) => setMode(e.currentTarget.value === 'batch' ? 'batch' : 'sync')}>
              <option value="sync">Now</option>
              <option value="batch">Message Batches (half price, slower)</option>
            </select>
          </label>
        </div>
        <Show when={estimate()}>
          {(est) => (
            <p class="estimate" role="status">
              Version {est().version} of “{est().description}”: {est().items} items, about {est().estimate.requests} requests, about ${est().estimate.costUsd.toFixed(2)} with {est().model}
              {est().overBudget ? ' — over the budget' : ''}.
            </p>
          )}
        </Show>
        <Show when={error()}>{(err) => <ErrorPanel error={err()} title="The run was not started" />}</Show>
        <div class="actions">
          <button type="button" disabled={busy()} onClick={() => void act(false)}>
            Estimate
          </button>
          <button type="submit" class="primary" disabled={busy()}>
            Find themes
          </button>
        </div>
      </form>

      <section aria-labelledby="theme-runs-heading">
        <h2 id="theme-runs-heading">Runs</h2>
        <Switch fallback={<p class="loading">Loading runs…</p>}>
          <Match when={runs.state === 'errored'}>
            <ErrorPanel error={runs.error} title="Could not load the theme runs" />
          </Match>
          <Match when={runs.state !== 'unresolved' && runs.latest}>
            {(list) => (
              <Show when={list().length > 0} fallback={<p class="muted">No theme runs yet.</p>}>
                <For each={groupBySelection(list())}>
                  {(group) => (
                    <article class="panel selection-group">
                      <h3>{group.runs[0]?.description}</h3>
                      <ul class="versions">
                        <For each={group.runs}>
                          {(r) => (
                            <li>
                              <A href={`/themes/runs/${r.id}`}>Version {r.version}</A>
                              <span class={`job-status job-${r.status}`}>{r.status === 'running' ? `${r.phase}…` : r.status}</span>
                              <span class="muted">
                                {r.themeCount} themes · {r.itemCount} items · ${r.costUsd.toFixed(2)} · {r.model} · {formatDateTime(r.createdAt)}
                              </span>
                            </li>
                          )}
                        </For>
                      </ul>
                    </article>
                  )}
                </For>
              </Show>
            )}
          </Match>
        </Switch>
      </section>
    </div>
  );
}
