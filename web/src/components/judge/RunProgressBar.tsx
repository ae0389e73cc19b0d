import { For, Show } from 'solid-js';
import { formatShare, formatTokens, formatUsd } from '../../lib/judge-format.ts';
import { budgetShare, finishedJobs, progressSegments, promptTokens, statusLabel, type RunProgress } from '../../lib/run-progress.ts';
import type { WatchMode } from '../../api/judge.ts';
import { formatNumber } from '../../lib/format.ts';

const SEGMENT_LABEL: Record<string, string> = { done: 'done', invalid: 'invalid', failed: 'failed', cancelled: 'cancelled', pending: 'pending' };

function watchLabel(mode: WatchMode): string {
  return mode === 'live' ? 'live' : mode === 'polling' ? 'updating every 1.5 s' : 'final';
}

/** Where a run stands: the bar of job outcomes, cost against budget and estimate, tokens with cache reads. */
export function RunProgressBar(props: { progress: RunProgress; budgetUsd: number; estimateUsd: number | null; watch: WatchMode }) {
  const segments = () => progressSegments(props.progress.counts, props.progress.jobCount);
  const finished = () => finishedJobs(props.progress.counts, props.progress.jobCount);
  const spent = () => budgetShare(props.progress.costUsd, props.budgetUsd);
  const t = () => props.progress.tokens;
  return (
    <section class="panel run-progress" aria-label="Progress">
      <div class="run-progress-head">
        <span class={`run-status status-${props.progress.status}`}>{statusLabel(props.progress.status)}</span>
        <strong class="run-progress-count">
          {formatNumber(finished().finished)} of {formatNumber(finished().total)} jobs finished
        </strong>
        <span class="muted">{formatShare(finished().share)}</span>
        <span class={`watch-mode watch-${props.watch}`} title="How this page follows the run">
          {watchLabel(props.watch)}
        </span>
      </div>
      <div class="run-bar" role="progressbar" aria-label="Jobs finished" aria-valuemin={0} aria-valuemax={finished().total} aria-valuenow={finished().finished}>
        <For each={segments()}>{(s) => <Show when={s.percent > 0}>{<span class={`seg seg-${s.kind}`} style={{ width: `${s.percent}%` }} title={`${s.count} ${SEGMENT_LABEL[s.kind]}`} />}</Show>}</For>
      </div>
      <ul class="run-counts" aria-label="Jobs by outcome">
        <For each={segments()}>
          {(s) => (
            <li class={`count-${s.kind}`} data-kind={s.kind}>
              <span class={`dot seg-${s.kind}`} aria-hidden="true" />
              <span class="label">{SEGMENT_LABEL[s.kind]}</span> <strong class="n">{formatNumber(s.count)}</strong>
            </li>
          )}
        </For>
      </ul>
      <dl class="run-numbers">
        <div>
          <dt>Cost</dt>
          <dd>
            <strong class="run-cost">{formatUsd(props.progress.costUsd)}</strong>
            <span class="muted">
              {' '}
              of {formatUsd(props.budgetUsd)} budget ({formatShare(spent())})
            </span>
            <div class="budget-bar" aria-hidden="true">
              <span classList={{ over: spent() >= 1 }} style={{ width: `${Math.min(100, spent() * 100)}%` }} />
            </div>
          </dd>
        </div>
        <Show when={props.estimateUsd !== null}>
          <div>
            <dt>Estimate</dt>
            <dd>{formatUsd(props.estimateUsd ?? 0)}</dd>
          </div>
        </Show>
        <div>
          <dt>Prompt tokens</dt>
          <dd title={`${formatNumber(t().input)} fresh input, ${formatNumber(t().cacheWrite)} written to the cache, ${formatNumber(t().cacheRead)} read from the cache`}>
            {formatTokens(promptTokens(t()))}
            <span class="muted">
              {' '}
              · {formatTokens(t().input)} fresh · {formatTokens(t().cacheWrite)} cache write
            </span>
          </dd>
        </div>
        <div>
          <dt>Cache reads</dt>
          <dd class="cache-reads">
            {formatTokens(t().cacheRead)} <span class="muted">({formatShare(t().cacheReadShare)} of prompt tokens)</span>
          </dd>
        </div>
        <div>
          <dt>Output tokens</dt>
          <dd>{formatTokens(t().output)}</dd>
        </div>
      </dl>
    </section>
  );
}
