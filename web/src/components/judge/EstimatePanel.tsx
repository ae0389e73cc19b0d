import { Show } from 'solid-js';
import type { Estimate } from '../../api/judge.ts';
import { formatCount, formatNumber } from '../../lib/format.ts';
import { formatTokens, formatUsd, tokenSourceLabel } from '../../lib/judge-format.ts';

/** What a run would cost: requests, tokens (and where their count came from), dollars; stale once the form changes. */
export function EstimatePanel(props: { result: Estimate; fresh: boolean; budgetUsd: number }) {
  return (
    <section class="estimate" classList={{ stale: !props.fresh }} aria-label="Estimate" role="status">
      <h3>
        Estimate <span class="muted">· {props.result.judgeModel}</span>
      </h3>
      <dl class="estimate-numbers">
        <div>
          <dt>Requests</dt>
          <dd class="estimate-requests">{formatNumber(props.result.estimate.requests)}</dd>
        </div>
        <div>
          <dt>Input tokens</dt>
          <dd title={`${formatNumber(props.result.estimate.inputTokens)} tokens`}>
            ~{formatTokens(props.result.estimate.inputTokens)} <span class="muted">({formatTokens(props.result.estimate.cachedInputTokens)} from cache)</span>
          </dd>
        </div>
        <div>
          <dt>Output tokens</dt>
          <dd>~{formatTokens(props.result.estimate.outputTokens)}</dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>
            <strong class="estimate-cost">~{formatUsd(props.result.estimate.costUsd)}</strong>
          </dd>
        </div>
      </dl>
      <p class="muted token-source" data-source={props.result.estimate.tokenSource}>
        Tokens: {tokenSourceLabel(props.result.estimate.tokenSource)}. Traits: {props.result.traits.map((t) => `${t.slug}@${t.contentHash.slice(0, 8)}`).join(', ')}.
      </p>
      <Show when={props.result.overBudget}>
        <p class="notice">The estimate is over the budget: the run will stop when it reaches {formatUsd(props.budgetUsd)}, with the rest left pending.</p>
      </Show>
      <Show when={!props.fresh}>
        <p class="notice">The form has changed since this estimate: estimate again before starting.</p>
      </Show>
    </section>
  );
}

/** The question before paid work starts, with the numbers it is about. */
export function ConfirmStart(props: { result: Estimate; budgetUsd: number; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <div class="confirm-start" role="alertdialog" aria-labelledby="confirm-heading" aria-describedby="confirm-text">
      <h3 id="confirm-heading">Start this run?</h3>
      <p id="confirm-text">
        {formatCount(props.result.estimate.requests, 'request', 'requests')} to <code>{props.result.judgeModel}</code> for about <strong>{formatUsd(props.result.estimate.costUsd)}</strong>, with a budget of{' '}
        {formatUsd(props.budgetUsd)}. Paid work is not undone by cancelling.
      </p>
      <div class="actions-row">
        <button type="button" class="primary" disabled={props.busy} onClick={() => props.onConfirm()}>
          {props.busy ? 'Starting…' : 'Yes, start the run'}
        </button>
        <button type="button" disabled={props.busy} onClick={() => props.onCancel()}>
          Not yet
        </button>
      </div>
    </div>
  );
}
