import { useSearchParams } from '@solidjs/router';
import { createResource, Match, Show, Switch } from 'solid-js';
import { listRuns } from '../api/judge.ts';
import { ErrorPanel } from '../components/ErrorPanel.tsx';
import { NewRunForm } from '../components/judge/NewRunForm.tsx';
import { RunsTable } from '../components/judge/RunsTable.tsx';
import { selectionFromSearch } from '../lib/judge-selection.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { pollWhile } from '../lib/poll.ts';
import { isFinalStatus } from '../lib/run-progress.ts';

/** The list refreshes this often while any run is still working. */
const REFRESH_MS = 4000;

/** `/judge`: start a run (from the list's filters or ids in the URL) and see every run. */
export default function JudgeRuns() {
  usePageTitle(() => 'Judge');
  const [params] = useSearchParams();
  // The selection is read once: the form owns it after that.
  const initial = selectionFromSearch(params);
  const [runs, { refetch }] = createResource(listRuns);
  pollWhile(runs, refetch, () => (runs()?.items ?? []).some((r) => !isFinalStatus(r.status)), REFRESH_MS);

  return (
    <div class="judge-page">
      <div class="page-head">
        <h1>Judge</h1>
        <span class="muted">Claude scores transcripts against the trait rubrics, with quoted evidence.</span>
      </div>
      {/* Known before anything is estimated: without a key a run cannot start, and the form says so first. */}
      <NewRunForm initial={initial} apiKeyConfigured={runs.latest?.apiKeyConfigured ?? null} />
      <section class="runs" aria-labelledby="runs-heading">
        <h2 id="runs-heading">Runs</h2>
        <Switch fallback={<p class="loading">Loading runs…</p>}>
          <Match when={runs.state === 'errored'}>
            <ErrorPanel error={runs.error} title="Could not load the runs" />
          </Match>
          <Match when={runs.state !== 'unresolved' && runs.latest?.items}>
            {(list) => (
              <Show when={list().length > 0} fallback={<p class="muted">No runs yet.</p>}>
                <RunsTable runs={list()} />
              </Show>
            )}
          </Match>
        </Switch>
      </section>
    </div>
  );
}
