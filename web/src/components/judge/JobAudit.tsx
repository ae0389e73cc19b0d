import { A } from '@solidjs/router';
import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { getTranscript } from '../../api/client.ts';
import { getJob, type JobDetail } from '../../api/judge.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { answersOf, parsedJudgment, promptView } from '../../lib/judge-audit.ts';
import { formatUsd } from '../../lib/judge-format.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { AnswerBlockView, PromptBlocks, RecordedScores } from './AuditBlocks.tsx';

function Audit(props: { detail: JobDetail; runId: string; traitSlug: string }) {
  const job = () => props.detail.job;
  const prompt = createMemo(() => promptView(props.detail.request));
  const answers = createMemo(() => answersOf(job().rawResponse));
  const judgment = createMemo(() => parsedJudgment(job().rawResponse));
  // Verified or not is decided by the server when it stores the score; the transcript carries the stored scores.
  const [transcript] = createResource(
    () => (job().kind === 'score' && job().status !== 'pending' ? job().transcriptId : null),
    (id) => getTranscript(id),
  );
  const recorded = () => (transcript.state === 'ready' ? transcript().scores.filter((s) => s.judgeRunId === props.runId && s.rubricVersionId === job().rubricVersionId && s.sampleIndex === job().sampleIndex) : []);
  const usage = () => job().usage;

  return (
    <>
      <header class="audit-head">
        <h2 id="audit-heading">
          Job <code>{job().id}</code>
        </h2>
        <span class={`job-status job-${job().status}`}>{job().status}</span>
        <Show when={job().transcriptId}>
          {(id) => (
            <A class="button" href={`/transcripts/${encodeURIComponent(id())}`}>
              Open transcript
            </A>
          )}
        </Show>
        <Show when={job().transcriptBId}>
          {(b) => (
            <A class="button" href={`/transcripts/${encodeURIComponent(b())}`}>
              Open transcript B
            </A>
          )}
        </Show>
      </header>
      <dl class="meta audit-meta">
        <div>
          <dt>Trait</dt>
          <dd>{props.traitSlug}</dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{job().kind === 'pairwise' ? `pairwise, shown ${job().shownOrder}` : 'score'}</dd>
        </div>
        <div>
          <dt>Sample</dt>
          <dd>{job().sampleIndex}</dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{job().attempts}</dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd class="job-cost">{formatUsd(job().costUsd)}</dd>
        </div>
        <Show when={usage()}>
          {(u) => (
            <div>
              <dt>Usage</dt>
              <dd class="job-usage">
                {formatNumber(u().requests)} request{u().requests === 1 ? '' : 's'} · {formatNumber(u().input_tokens)} input · {formatNumber(u().cache_creation_input_tokens)} cache write ·{' '}
                {formatNumber(u().cache_read_input_tokens)} cache read · {formatNumber(u().output_tokens)} output
              </dd>
            </div>
          )}
        </Show>
        <Show when={job().batchId}>
          {(b) => (
            <div>
              <dt>Batch</dt>
              <dd>
                <code>{b()}</code>
              </dd>
            </div>
          )}
        </Show>
        <Show when={job().finishedAt}>
          {(at) => (
            <div>
              <dt>Finished</dt>
              <dd>{formatDateTime(new Date(at()).toISOString())}</dd>
            </div>
          )}
        </Show>
      </dl>
      <Show when={job().error}>
        {(err) => (
          <p class="form-error job-error-full" role="note">
            {err()}
          </p>
        )}
      </Show>

      <section class="audit-section" aria-label="Judgment">
        <h3>Judgment</h3>
        <Show when={job().kind === 'score' && recorded().length > 0}>
          <RecordedScores scores={recorded()} transcriptId={job().transcriptId ?? ''} />
        </Show>
        <Show when={job().verdict}>
          {(v) => (
            <p>
              Verdict in the order shown: <strong>{v()}</strong>
            </p>
          )}
        </Show>
        <Show when={judgment()} fallback={<p class="muted">{job().rawResponse ? 'The answer has no tool call.' : 'No answer yet.'}</p>}>
          {(j) => (
            <details class="parsed-judgment" open={recorded().length === 0}>
              <summary>
                As the model gave it (<code>{j().tool}</code>)
              </summary>
              <Show when={j().reasoning}>
                <p class="rationale">{j().reasoning}</p>
              </Show>
              <Show when={j().score !== undefined}>
                <p>
                  Score: <strong>{j().score === null ? `N/A (${j().notApplicableReason ?? ''})` : j().score}</strong>
                </p>
              </Show>
              <Show when={j().winner}>
                <p>
                  Winner: <strong>{j().winner}</strong>
                </p>
              </Show>
              <Show when={j().evidence.length > 0}>
                <ul class="evidence">
                  <For each={j().evidence}>
                    {(e) => (
                      <li>
                        <blockquote>{e.quote}</blockquote>
                        <span class="evidence-meta">
                          {e.transcript ? `transcript ${e.transcript}, ` : ''}message {e.message_index ?? '?'}
                        </span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <Show when={j().turns}>
                {(turns) => (
                  <ul class="evidence">
                    <For each={turns()}>
                      {(t) => (
                        <li>
                          message {t.message_index ?? '?'}: <strong>{t.score ?? `N/A ${t.notApplicableReason}`}</strong>
                          <For each={t.quotes}>{(q) => <blockquote>{q}</blockquote>}</For>
                        </li>
                      )}
                    </For>
                  </ul>
                )}
              </Show>
            </details>
          )}
        </Show>
      </section>

      <section class="audit-section prompt" aria-label="Prompt">
        <h3>
          Prompt <span class="muted">· {prompt().model} · max {prompt().maxTokens ?? '—'} tokens · tool choice {prompt().toolChoice}</span>
        </h3>
        <details open class="audit-part">
          <summary>System</summary>
          <PromptBlocks blocks={prompt().system} label="System prompt" />
        </details>
        <For each={prompt().tools}>
          {(t) => (
            <details class="audit-part">
              <summary>
                Tool <code>{t.name}</code>
              </summary>
              <p class="muted">{t.description}</p>
              <pre class="json">{JSON.stringify(t.schema, null, 2)}</pre>
            </details>
          )}
        </For>
        <For each={prompt().messages}>
          {(m) => (
            <details open class="audit-part">
              <summary>
                Message <span class="muted">({m.role})</span>
              </summary>
              <PromptBlocks blocks={m.blocks} label={`${m.role} message`} />
            </details>
          )}
        </For>
      </section>

      <section class="audit-section raw" aria-label="Raw response">
        <h3>Raw response</h3>
        <Show when={answers().length > 0} fallback={<p class="muted">None stored.</p>}>
          <For each={answers()}>
            {(a, i) => (
              <div class="answer">
                <p class="muted answer-head">
                  {answers().length > 1 ? (i() === 0 ? 'First answer' : 'After the repair turn') : 'Answer'}
                  {a.id ? ` · ${a.id}` : ''} · stop reason <code>{a.stopReason || '—'}</code>
                  <Show when={a.usage}>{(u) => <> · {formatNumber(u().input)} in, {formatNumber(u().cacheRead)} cache read, {formatNumber(u().cacheWrite)} cache write, {formatNumber(u().output)} out</>}</Show>
                </p>
                <For each={a.blocks}>{(b) => <AnswerBlockView block={b} />}</For>
              </div>
            )}
          </For>
          <details class="audit-part">
            <summary>As JSON</summary>
            <pre class="json raw-json">{JSON.stringify(job().rawResponse, null, 2)}</pre>
          </details>
        </Show>
      </section>
    </>
  );
}

/** A job's audit trail: what was sent, what came back, what was recorded and what it cost. */
export function JobAudit(props: { runId: string; jobId: string; traitSlug: (traitId: string) => string; refresh: number; onClose: () => void }) {
  const [detail] = createResource(
    () => ({ runId: props.runId, jobId: props.jobId, refresh: props.refresh }),
    (q) => getJob(q.runId, q.jobId),
  );
  const latest = () => (detail.error === undefined ? detail.latest : undefined);
  return (
    <section class="panel job-audit" aria-labelledby="audit-heading" id="job-audit">
      <button type="button" class="link-button close-audit" onClick={() => props.onClose()}>
        Close
      </button>
      <Switch fallback={<p class="loading">Loading the job…</p>}>
        <Match when={detail.error !== undefined}>
          <ErrorPanel error={detail.error} title="Could not load this job" />
        </Match>
        <Match when={latest()}>{(d) => <Audit detail={d()} runId={props.runId} traitSlug={d().job.traitId ? props.traitSlug(d().job.traitId ?? '') : d().job.kind} />}</Match>
      </Switch>
    </section>
  );
}
