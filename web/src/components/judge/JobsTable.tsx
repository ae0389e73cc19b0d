import { A } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { JOB_STATUSES, listJobs, type JobStatus } from '../../api/judge.ts';
import { formatTokens, formatUsd } from '../../lib/judge-format.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';

function isJobStatus(value: string): value is JobStatus {
  return JOB_STATUSES.some((s) => s === value);
}

/**
 * A run's jobs, a page at a time (keyset pages, so the "previous" pages are the cursors already seen),
 * filtered by status. `refresh` changes while the run works, and the page shown is fetched again.
 */
export function JobsTable(props: { runId: string; traitSlug: (traitId: string) => string; refresh: number; selectedId: string | null; onSelect: (jobId: string) => void }) {
  const [status, setStatus] = createSignal<JobStatus | ''>('');
  // Cursors of the pages before the one shown; the shown page's cursor is the last.
  const [cursors, setCursors] = createSignal<(string | undefined)[]>([undefined]);
  const cursor = () => cursors().at(-1);
  createEffect(on(status, () => setCursors([undefined]), { defer: true }));
  const [page] = createResource(
    () => ({ runId: props.runId, status: status() || undefined, cursor: cursor(), refresh: props.refresh }),
    (q) => listJobs(q.runId, { status: q.status, cursor: q.cursor }),
  );
  // `latest` throws while the resource is errored; the error is shown, the pager just stops.
  const latest = () => (page.error === undefined ? page.latest : undefined);
  const rows = () => latest()?.items ?? [];

  return (
    <section class="jobs" aria-labelledby="jobs-heading">
      <div class="jobs-head">
        <h2 id="jobs-heading">Jobs</h2>
        <label class="inline">
          Status
          <select name="job-status" onChange={(e) => setStatus(isJobStatus(e.currentTarget.value) ? e.currentTarget.value : '')}>
            <option value="" selected={status() === ''}>
              all
            </option>
            <For each={JOB_STATUSES}>
              {(s) => (
                <option value={s} selected={status() === s}>
                  {s}
                </option>
              )}
            </For>
          </select>
        </label>
        <span class="pager">
          <button type="button" disabled={cursors().length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            ← Previous
          </button>
          <span class="muted">page {cursors().length}</span>
          <button
            type="button"
            disabled={!latest()?.nextCursor}
            onClick={() => {
              const next = latest()?.nextCursor;
              if (next) setCursors((c) => [...c, next]);
            }}
          >
            Next →
          </button>
        </span>
      </div>
      <Switch>
        <Match when={page.error !== undefined}>
          <ErrorPanel error={page.error} title="Could not load the jobs" />
        </Match>
        <Match when={latest() === undefined}>
          <p class="loading">Loading jobs…</p>
        </Match>
        <Match when={rows().length === 0}>
          <p class="muted">No {status() ? `${status()} ` : ''}jobs.</p>
        </Match>
        <Match when={rows().length > 0}>
          <div class="table-wrap jobs-scroll">
            <table class="matrix jobs-table">
              <thead>
                <tr>
                  <th scope="col">Transcript</th>
                  <th scope="col">Trait</th>
                  <th scope="col">Kind</th>
                  <th scope="col" class="num">
                    Sample
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">
                    Attempts
                  </th>
                  <th scope="col" class="num">
                    Tokens in / out
                  </th>
                  <th scope="col" class="num">
                    Cost
                  </th>
                  <th scope="col">Audit</th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(job) => (
                    <tr data-job={job.id} data-status={job.status} classList={{ selected: props.selectedId === job.id }}>
                      <td>
                        <Show when={job.transcriptId} fallback={<span class="muted">{job.kind.replace('theme_', 'theme ')}</span>}>
                          {(id) => (
                            <A href={`/transcripts/${encodeURIComponent(id())}`} class="transcript-link" title={`Open transcript ${id()}`}>
                              {job.model} · {job.scenarioTitle ?? job.scenario} · sample {job.transcriptSample}
                            </A>
                          )}
                        </Show>
                        <Show when={job.transcriptBId}>
                          {(b) => (
                            <>
                              {' vs '}
                              <A href={`/transcripts/${encodeURIComponent(b())}`} title={`Open transcript ${b()}`}>
                                second transcript
                              </A>
                            </>
                          )}
                        </Show>
                      </td>
                      <td>{job.traitId ? props.traitSlug(job.traitId) : '—'}</td>
                      <td>{job.kind === 'pairwise' ? `pairwise ${job.shownOrder ?? ''}` : job.kind.replace('theme_', 'theme ')}</td>
                      <td class="num">{job.sampleIndex}</td>
                      <td>
                        <span class={`job-status job-${job.status}`}>{job.status}</span>
                        <Show when={job.error}>
                          {(err) => (
                            <span class="job-error" title={err()}>
                              {' '}
                              {err().length > 60 ? `${err().slice(0, 60)}…` : err()}
                            </span>
                          )}
                        </Show>
                      </td>
                      <td class="num">{job.attempts}</td>
                      <td class="num">
                        {job.usage ? `${formatTokens(job.usage.input_tokens + job.usage.cache_creation_input_tokens + job.usage.cache_read_input_tokens)} / ${formatTokens(job.usage.output_tokens)}` : '—'}
                      </td>
                      <td class="num">{job.usage ? formatUsd(job.costUsd) : '—'}</td>
                      <td>
                        <button type="button" class="link-button" aria-pressed={props.selectedId === job.id} onClick={() => props.onSelect(job.id)}>
                          Audit
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Match>
      </Switch>
    </section>
  );
}
