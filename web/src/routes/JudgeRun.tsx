import { A, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createResource, createSignal, For, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { cancelRun, getRun, resumeRun, watchRun, type RunView, type WatchMode } from '../api/judge.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { JobAudit } from '../components/judge/JobAudit.tsx';
import { JobsTable } from '../components/judge/JobsTable.tsx';
import { RunProgressBar } from '../components/judge/RunProgressBar.tsx';
import { formatDateTime } from '../lib/format.ts';
import { describeSelection, filtersOfWhere } from '../lib/judge-selection.ts';
import { listSearch } from '../lib/list-query.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { asProgress, isFinalStatus, isSettled, type RunProgress } from '../lib/run-progress.ts';

/** While a run works, the jobs table follows its counts, but not more often than this. */
const JOBS_REFRESH_MS = 1000;

function RunHeader(props: { run: RunView }) {
  const where = () => props.run.selection.where;
  return (
    <header class="run-head">
      <h1>
        Judge run <code class="run-id">{props.run.id}</code>
      </h1>
      <dl class="meta">
        <div>
          <dt>Traits</dt>
          <dd>
            <For each={props.run.traits}>
              {(t) => (
                <span class="tag" title={`rubric version ${t.contentHash}`}>
                  {t.slug} <span class="muted">@{t.contentHash.slice(0, 8)}</span>
                </span>
              )}
            </For>
          </dd>
        </div>
        <div>
          <dt>Transcripts</dt>
          <dd>
            <Show when={where()} fallback={describeSelection(props.run.selection)}>
              {(w) => <A href={`/transcripts${listSearch(filtersOfWhere(w()))}`}>{describeSelection(props.run.selection)}</A>}
            </Show>
          </dd>
        </div>
        <div>
          <dt>Judge model</dt>
          <dd>
            <code>{props.run.judgeModel}</code>
          </dd>
        </div>
        <div>
          <dt>Mode</dt>
          <dd>
            {props.run.mode}
            {props.run.pairwise ? ' · pairwise' : ''} · {props.run.samples} sample{props.run.samples === 1 ? '' : 's'}
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <time datetime={props.run.createdAt}>{formatDateTime(props.run.createdAt)}</time>
          </dd>
        </div>
        <Show when={props.run.finishedAt}>
          {(at) => (
            <div>
              <dt>Finished</dt>
              <dd>
                <time datetime={at()}>{formatDateTime(at())}</time>
              </dd>
            </div>
          )}
        </Show>
      </dl>
    </header>
  );
}

/** Cancel while it works; resume when it stopped (cancelled, paused, out of budget) or has failed jobs to retry. */
function RunControls(props: { run: RunView; progress: RunProgress; onChanged: (run: RunView) => void }) {
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<unknown>(null);
  const [budget, setBudget] = createSignal('');
  const [retryFailed, setRetryFailed] = createSignal(false);
  const status = () => props.progress.status;
  const canCancel = () => !isFinalStatus(status());
  const canResume = () => status() === 'cancelled' || status() === 'paused' || status() === 'budget_exhausted' || (status() === 'done' && props.progress.counts.failed > 0);

  async function act(action: () => Promise<RunView>) {
    setBusy(true);
    setProblem(null);
    try {
      props.onChanged(await action());
    } catch (err) {
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }

  function resume() {
    const b = budget().trim();
    const budgetUsd = b ? Number(b) : undefined;
    if (budgetUsd !== undefined && !(budgetUsd > 0)) {
      setProblem(new Error('A new budget must be a number above 0.'));
      return;
    }
    void act(() => resumeRun(props.run.id, { retryFailed: retryFailed() || status() === 'done', ...(budgetUsd === undefined ? {} : { budgetUsd }) }));
  }

  return (
    <Show when={canCancel() || canResume()}>
      <div class="run-controls">
        <Show when={canCancel()}>
          <button type="button" disabled={busy()} onClick={() => void act(() => cancelRun(props.run.id))} title="Stops claiming jobs; jobs already sent are still recorded">
            Cancel run
          </button>
        </Show>
        <Show when={canResume()}>
          <form
            class="resume-form"
            onSubmit={(e) => {
              e.preventDefault();
              resume();
            }}
          >
            <label class="inline">
              New budget (USD)
              <input type="number" name="resume-budget" min="0.01" step="any" size={6} placeholder={String(props.run.budgetUsd)} value={budget()} onInput={(e) => setBudget(e.currentTarget.value)} />
            </label>
            <Show when={props.progress.counts.failed > 0 && status() !== 'done'}>
              <label class="check">
                <input type="checkbox" checked={retryFailed()} onChange={(e) => setRetryFailed(e.currentTarget.checked)} /> retry the {props.progress.counts.failed} failed
              </label>
            </Show>
            <button type="submit" class="primary" disabled={busy()}>
              {status() === 'done' ? `Retry ${props.progress.counts.failed} failed` : 'Resume run'}
            </button>
          </form>
        </Show>
        <Show when={problem()}>{(err) => <ErrorPanel error={err()} title="The server refused" />}</Show>
      </div>
    </Show>
  );
}

/** `/judge/runs/:id`: a run followed live, its jobs, and each job's audit trail. */
export default function JudgeRun() {
  const params = useParams<{ id: string }>();
  const [search, setSearch] = useSearchParams();
  const [run, { mutate, refetch }] = createResource(() => params.id, getRun);
  usePageTitle(() => `Judge run ${params.id.slice(0, 8)}`);

  const [live, setLive] = createSignal<RunProgress | null>(null);
  const [watch, setWatch] = createSignal<WatchMode>('live');
  const [watchError, setWatchError] = createSignal<unknown>(null);
  // Bumped to follow the run again after a resume.
  const [generation, setGeneration] = createSignal(0);
  createEffect(
    on([() => params.id, generation], ([id]) => {
      setLive(null);
      const stop = watchRun(id, {
        progress: (p) => {
          setWatchError(null);
          setLive(p);
        },
        mode: setWatch,
        error: setWatchError,
      });
      onCleanup(stop);
    }),
  );
  const ready = () => (run.state === 'ready' || run.state === 'refreshing' ? run.latest : undefined);
  const progress = createMemo(() => live() ?? (ready() ? asProgress(ready()) : null));

  // The run's own row (finished time, error) is read again when its status changes.
  createEffect(
    on(
      () => live()?.status,
      (status, previous) => {
        if (previous !== undefined && status !== previous) void refetch();
      },
    ),
  );

  // The jobs table and the open audit follow the counts, throttled.
  const [refresh, setRefresh] = createSignal(0);
  let lastRefresh = 0;
  let pendingRefresh: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(pendingRefresh));
  createEffect(
    on(
      () => JSON.stringify(live()?.counts ?? null),
      () => {
        if (live() === null) return;
        const wait = lastRefresh + JOBS_REFRESH_MS - Date.now();
        clearTimeout(pendingRefresh);
        const bump = () => {
          lastRefresh = Date.now();
          setRefresh((n) => n + 1);
        };
        if (wait <= 0) bump();
        else pendingRefresh = setTimeout(bump, wait);
      },
      { defer: true },
    ),
  );

  const traitSlugs = createMemo(() => new Map((ready()?.traits ?? []).map((t) => [t.traitId, t.slug])));
  const traitSlug = (traitId: string) => traitSlugs().get(traitId) ?? traitId;
  const selectedJob = () => {
    const j = search['job'];
    return typeof j === 'string' && j ? j : null;
  };
  function selectJob(id: string | null) {
    setSearch({ job: id ?? undefined }, { replace: false });
    if (id) requestAnimationFrame(() => document.getElementById('job-audit')?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
  }

  function changed(view: RunView) {
    mutate(view);
    const p = asProgress(view);
    if (p) setLive(p);
    setGeneration((n) => n + 1);
  }

  return (
    <div class="judge-run-page">
      <nav class="crumbs" aria-label="Breadcrumb">
        <A href="/judge">← Judge runs</A>
      </nav>
      <Switch fallback={<p class="loading">Loading the run…</p>}>
        <Match when={run.error !== undefined && !ready()}>
          <ErrorPanel error={run.error} title="Could not load this run" />
        </Match>
        <Match when={ready()}>
          {(r) => (
            <>
              <RunHeader run={r()} />
              <Show when={r().error}>
                {(err) => (
                  <p class="form-error" role="alert">
                    {err()}
                  </p>
                )}
              </Show>
              <Show when={progress()}>
                {(p) => (
                  <>
                    <RunProgressBar progress={p()} budgetUsd={r().budgetUsd} estimateUsd={r().estimate.costUsd} watch={watch()} />
                    <RunControls run={r()} progress={p()} onChanged={changed} />
                  </>
                )}
              </Show>
              <Show when={watchError()}>{(err) => <ErrorPanel error={err()} title="Could not follow the run; retrying" />}</Show>
              <JobsTable runId={r().id} traitSlug={traitSlug} refresh={refresh()} selectedId={selectedJob()} onSelect={(id) => selectJob(id)} />
              <Show when={selectedJob()}>
                {(jobId) => <JobAudit runId={r().id} jobId={jobId()} traitSlug={traitSlug} refresh={(() => { const p = progress(); return p && isSettled(p) ? 0 : refresh(); })()} onClose={() => selectJob(null)} />}
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
