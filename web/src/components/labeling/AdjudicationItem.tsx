import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { Trait } from '../../api/client.ts';
import { adjudicate, type Disagreement } from '../../api/labeling.ts';
import { formatDateTime } from '../../lib/format.ts';
import { isTypedScale, scalePoints } from '../../lib/label-keys.ts';
import { formatScoreValue } from '../../lib/scores.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { EvidenceList } from '../EvidenceList.tsx';

type Label = Disagreement['labels'][number];

function labelValue(l: Pick<Label, 'value' | 'category'>): string {
  if (l.value !== null) return formatScoreValue(l.value);
  return l.category ?? 'N/A';
}

/** The final value as the form holds it (a select's string) → what the server takes: a number on a numeric scale. */
function parseFinal(text: string, trait: Trait | undefined): number | string | null {
  if (text.trim() === '') return null;
  if (trait?.scale?.kind === 'categorical') return text;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/**
 * One item's disagreement on one trait: every labeler's label side by side (value, evidence with its verified
 * mark, comment), the judge's value, the transcript, and the form that records the final value with a reason.
 */
export function AdjudicationItem(props: { queueId: string; disagreement: Disagreement; trait: Trait | undefined; onRecorded: () => void }) {
  const d = () => props.disagreement;
  const [value, setValue] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [problem, setProblem] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const points = () => (props.trait && !isTypedScale(props.trait.scale) ? scalePoints(props.trait.scale) : []);

  async function record(event: SubmitEvent) {
    event.preventDefault();
    const final = parseFinal(value(), props.trait);
    if (final === null) return setProblem(new Error('Choose the final value.'));
    if (!reason().trim()) return setProblem(new Error('Say why this is the final value.'));
    setBusy(true);
    setProblem(null);
    try {
      await adjudicate(props.queueId, d().itemId, { trait: d().trait, value: final, reason: reason().trim() });
      props.onRecorded();
    } catch (err) {
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="panel adjudication-item" data-item={d().itemId} data-trait={d().trait}>
      <header class="adjudication-head">
        <h2>{props.trait?.title ?? d().trait}</h2>
        <span class="muted">spread {formatScoreValue(d().spread)}</span>
        <span class="judge-value">judge {d().judge === null ? '—' : formatScoreValue(d().judge ?? 0)}</span>
        <A href={`/transcripts/${encodeURIComponent(d().transcriptId)}`}>Open the transcript</A>
      </header>
      <ul class="adjudication-labels" aria-label="Labels">
        <For each={d().labels}>
          {(l) => (
            <li class="adjudication-label" data-labeler={l.labeler}>
              <div class="label-who">
                <span class="labeler-email">{l.labeler}</span>
                <strong class="label-value">{labelValue(l)}</strong>
              </div>
              <EvidenceList evidence={l.evidence} transcriptId={d().transcriptId} />
              <Show when={l.evidence.length === 0 && !l.comment}>
                <p class="muted no-evidence">No evidence quoted, no comment.</p>
              </Show>
              <Show when={l.comment}>{(c) => <p class="rationale label-comment">{c()}</p>}</Show>
              <time class="muted label-time" datetime={l.createdAt}>
                {formatDateTime(l.createdAt)}
              </time>
            </li>
          )}
        </For>
      </ul>
      <Show when={d().adjudicated}>
        {(a) => (
          <p class="adjudicated" role="status">
            Final value <strong>{labelValue(a())}</strong> by {a().by}
            <Show when={a().reason}>{(r) => <>: {r()}</>}</Show>
          </p>
        )}
      </Show>
      <form class="adjudicate-form" onSubmit={(e) => void record(e)}>
        <label>
          <span>{d().adjudicated ? 'Change the final value' : 'Final value'}</span>
          <Show
            when={points().length > 0}
            fallback={<input name="final" type={props.trait?.scale?.kind === 'categorical' ? 'text' : 'number'} value={value()} onInput={(e) => setValue(e.currentTarget.value)} />}
          >
            <select name="final" value={value()} onChange={(e) => setValue(e.currentTarget.value)}>
              <option value="">Choose…</option>
              <For each={points()}>
                {(p) => (
                  <option value={String(p.value)}>
                    {p.label}
                    {p.anchor ? ` — ${p.anchor.length > 60 ? `${p.anchor.slice(0, 60)}…` : p.anchor}` : ''}
                  </option>
                )}
              </For>
            </select>
          </Show>
        </label>
        <label class="reason">
          <span>Reason</span>
          <textarea name="reason" rows="2" value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary" disabled={busy()}>
          Record final value
        </button>
      </form>
      <Show when={problem()}>{(err) => <ErrorPanel error={err()} title="The final value was not recorded" />}</Show>
    </li>
  );
}
