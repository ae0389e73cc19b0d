import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { RunView } from '../../api/judge.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { formatUsd } from '../../lib/judge-format.ts';
import { describeSelection } from '../../lib/judge-selection.ts';
import { finishedJobs, statusLabel } from '../../lib/run-progress.ts';

/** Every run, newest first: what it judged, how far it got, what it cost. */
export function RunsTable(props: { runs: RunView[] }) {
  return (
    <div class="table-wrap">
      <table class="matrix runs-table">
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Traits</th>
            <th scope="col">Transcripts</th>
            <th scope="col">Judge model</th>
            <th scope="col">Mode</th>
            <th scope="col" class="num">
              Jobs
            </th>
            <th scope="col" class="num">
              Cost
            </th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.runs}>
            {(run) => {
              const f = () => finishedJobs(run.counts, run.jobCount);
              return (
                <tr data-run={run.id}>
                  <td>
                    <A href={`/judge/runs/${encodeURIComponent(run.id)}`} class={`run-status status-${run.status}`} title={`Run ${run.id}`}>
                      {statusLabel(run.status)}
                    </A>
                  </td>
                  <td>
                    <For each={run.traits}>{(t) => <span class="tag" title={`rubric ${t.contentHash}`}>{t.slug}</span>}</For>
                  </td>
                  <td class="selection">{describeSelection(run.selection)}</td>
                  <td>
                    <code>{run.judgeModel}</code>
                  </td>
                  <td class="mode">
                    {run.mode}
                    {run.pairwise ? ' · pairwise' : ''}
                    {run.samples > 1 ? ` · k=${run.samples}` : ''}
                  </td>
                  <td class="num jobs">
                    {formatNumber(run.counts.done)}/{formatNumber(f().total)}
                    <Show when={run.counts.invalid + run.counts.failed > 0}>
                      <span class="muted job-problems">
                        {' '}
                        ({[run.counts.invalid ? `${run.counts.invalid} invalid` : '', run.counts.failed ? `${run.counts.failed} failed` : ''].filter(Boolean).join(', ')})
                      </span>
                    </Show>
                  </td>
                  <td class="num" title={`budget ${formatUsd(run.budgetUsd)}, estimate ${formatUsd(run.estimate.costUsd)}`}>
                    {formatUsd(run.costUsd)}
                  </td>
                  <td class="created">
                    <time datetime={run.createdAt}>{formatDateTime(run.createdAt)}</time>
                  </td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
    </div>
  );
}
