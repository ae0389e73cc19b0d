import { createResource, createSignal, For, Show } from 'solid-js';
import { draftScenarios, exportHref, listDrafts, updateDraft, type Draft, type DraftPatch } from '../../api/themes.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { pollWhile } from '../../lib/poll.ts';

/** Drafting eval scenarios for a theme: ask Claude for N, then edit, accept or reject each; export the accepted ones. */
export function ThemeDrafts(props: { themeId: string; onChange?: () => void }) {
  const [drafts, { refetch }] = createResource(() => props.themeId, listDrafts);
  const [n, setN] = createSignal('5');
  const [budget, setBudget] = createSignal('1');
  const [guidance, setGuidance] = createSignal('');
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const working = () => (drafts.latest?.runs ?? []).some((r) => r.status === 'running');
  pollWhile(drafts, refetch, working, 1500);
  const accepted = () => (drafts.latest?.items ?? []).filter((d) => d.status === 'accepted').length;

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      void refetch();
      props.onChange?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel drafts" aria-labelledby="drafts-heading">
      <h2 id="drafts-heading">Eval scenarios</h2>
      <form
        class="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => draftScenarios(props.themeId, { n: Number(n()), budgetUsd: Number(budget()), ...(guidance() ? { guidance: guidance() } : {}) }));
        }}
      >
        <label>
          How many
          <input inputMode="numeric" value={n()} onInput={(e) => setN(e.currentTarget.value)} />
        </label>
        <label>
          Budget (USD)
          <input inputMode="decimal" value={budget()} onInput={(e) => setBudget(e.currentTarget.value)} />
        </label>
        <label class="grow">
          Guidance <span class="hint">(optional)</span>
          <input value={guidance()} onInput={(e) => setGuidance(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary" disabled={busy() || working()}>
          {working() ? 'Drafting…' : 'Draft scenarios'}
        </button>
      </form>
      <Show when={error()}>{(err) => <ErrorPanel error={err()} title="That did not work" />}</Show>
      <For each={(drafts.latest?.runs ?? []).filter((r) => r.error)}>{(r) => <p class="warn-note">A drafting run: {r.error}</p>}</For>
      <Show when={accepted() > 0}>
        <p class="exports">
          Export the {accepted()} accepted: <a href={exportHref(props.themeId, 'native')}>native NDJSON scenario lines</a> · <a href={exportHref(props.themeId, 'inspect')}>Inspect AI dataset (JSONL)</a>
        </p>
      </Show>
      <ol class="draft-list">
        <For each={drafts.latest?.items ?? []}>{(d) => <DraftCard draft={d} busy={busy()} onChange={(patch) => void run(() => updateDraft(d.id, patch))} />}</For>
      </ol>
    </section>
  );
}

function DraftCard(props: { draft: Draft; busy: boolean; onChange: (patch: DraftPatch) => void }) {
  const [editing, setEditing] = createSignal(false);
  const [turns, setTurns] = createSignal(props.draft.userTurns.join('\n---\n'));
  const [system, setSystem] = createSignal(props.draft.systemPrompt ?? '');
  const [threshold, setThreshold] = createSignal(String(props.draft.failThreshold));
  return (
    <li class={`draft-card draft-${props.draft.status}`} data-draft={props.draft.id}>
      <div class="draft-head">
        <strong>{props.draft.title}</strong>
        <span class={`badge status-${props.draft.status}`}>{props.draft.status}</span>
        <Show when={props.draft.edited}>
          <span class="badge">edited</span>
        </Show>
        <code class="muted">{props.draft.scenarioKey}</code>
      </div>
      <Show
        when={editing()}
        fallback={
          <>
            <Show when={props.draft.systemPrompt}>{(s) => <p class="muted">System: {s()}</p>}</Show>
            <ol class="turns">
              <For each={props.draft.userTurns}>{(t) => <li>{t}</li>}</For>
            </ol>
            <p>
              <strong>Good:</strong> {props.draft.goodResponse}
            </p>
            <p>
              <strong>Failure:</strong> {props.draft.failureLooksLike}
            </p>
            <p class="muted">
              Scored on {props.draft.trait}; fails at {props.draft.failThreshold} or worse. {props.draft.rubric}
            </p>
          </>
        }
      >
        <label>
          System prompt
          <textarea rows="2" value={system()} onInput={(e) => setSystem(e.currentTarget.value)} />
        </label>
        <label>
          User turns <span class="hint">(separated by a line of ---)</span>
          <textarea rows="4" value={turns()} onInput={(e) => setTurns(e.currentTarget.value)} />
        </label>
        <label>
          Fails at
          <input inputMode="decimal" value={threshold()} onInput={(e) => setThreshold(e.currentTarget.value)} />
        </label>
      </Show>
      <div class="actions">
        <Show
          when={editing()}
          fallback={
            <>
              <button type="button" disabled={props.busy} onClick={() => setEditing(true)}>
                Edit
              </button>
              <button type="button" class="primary" disabled={props.busy || props.draft.status === 'accepted'} onClick={() => props.onChange({ status: 'accepted' })}>
                Accept
              </button>
              <button type="button" disabled={props.busy || props.draft.status === 'rejected'} onClick={() => props.onChange({ status: 'rejected' })}>
                Reject
              </button>
            </>
          }
        >
          <button
            type="button"
            class="primary"
            disabled={props.busy}
            onClick={() => {
              setEditing(false);
              props.onChange({ userTurns: turns().split(/\n---\n/).map((t) => t.trim()).filter(Boolean), systemPrompt: system() || null, failThreshold: Number(threshold()) });
            }}
          >
            Save
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </Show>
      </div>
    </li>
  );
}
