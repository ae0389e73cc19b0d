import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { getTheme, mergeTheme, moveItem, renameTheme, splitTheme, type ThemeDetail } from '../../api/themes.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { compareHref } from '../../lib/compare-links.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { editInWords, percent, sideBySideGroups } from '../../lib/themes.ts';
import { ThemeDrafts } from './ThemeDrafts.tsx';
import { ThemeEvalPanel } from './ThemeEval.tsx';
import { ShareCi } from './ShareCi.tsx';
import './themes.css';

/** `/themes/theme/:id`: a theme with its members (one click into side by side), quotes, shares, edits, drafts and eval. */
export default function Theme() {
  const params = useParams();
  const id = () => params['id'] ?? '';
  const [detail, { refetch }] = createResource(id, getTheme);
  usePageTitle(() => detail.latest?.theme.name ?? 'Theme');
  return (
    <div class="themes-page">
      <Switch fallback={<p class="loading">Loading the theme…</p>}>
        <Match when={detail.state === 'errored'}>
          <ErrorPanel error={detail.error} title="Could not load this theme" />
        </Match>
        <Match when={detail.latest}>{(d) => <ThemeView detail={d()} refetch={() => void refetch()} />}</Match>
      </Switch>
    </div>
  );
}

function ThemeView(props: { detail: ThemeDetail; refetch: () => void }) {
  const d = () => props.detail;
  const [selected, setSelected] = createSignal<Set<string>>(new Set());
  const [error, setError] = createSignal<unknown>(null);
  const [editing, setEditing] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [draftsChanged, setDraftsChanged] = createSignal(0);
  const toggle = (itemId: string, on: boolean) => {
    const next = new Set(selected());
    if (on) next.add(itemId);
    else next.delete(itemId);
    setSelected(next);
  };
  const selectedTranscripts = () => d().members.filter((m) => selected().has(m.id) && m.transcriptId).flatMap((m) => (m.transcriptId ? [m.transcriptId] : []));

  async function edit(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      setSelected(new Set<string>());
      setEditing(false);
      props.refetch();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div class="page-head">
        <h1>{d().theme.name}</h1>
        <A href={`/themes/runs/${d().run.id}`}>
          Version {d().run.version}: {d().run.description}
        </A>
      </div>
      <Show when={d().theme.status === 'merged'}>
        <p class="warn-note">This theme was merged into another; its items are there now.</p>
      </Show>
      <section class="panel theme-text" aria-label="What the theme is">
        <Show
          when={editing()}
          fallback={
            <>
              <p>{d().theme.description}</p>
              <p>
                <strong>Inclusion criteria:</strong> {d().theme.inclusionCriteria}
              </p>
              <p class="muted">
                {d().members.length} items · {d().theme.curated ? 'curated by a researcher (kept by later versions)' : 'as Claude named it'}
                <Show when={d().lineage.previous}>{(p) => <> · continues <A href={`/themes/theme/${p().id}`}>{p().name}</A> of version {p().version}</>}</Show>
                <For each={d().lineage.next}>{(n) => <> · continued by <A href={`/themes/theme/${n.id}`}>{n.name}</A> in version {n.version}</>}</For>
              </p>
              <Show when={d().run.phase === 'done' && d().theme.status === 'active'}>
                <div class="actions">
                  <button type="button" onClick={() => setEditing(true)}>
                    Rename or reword
                  </button>
                  <MergeControl detail={d()} busy={busy()} onMerge={(into) => void edit(() => mergeTheme(d().theme.id, into))} />
                </div>
              </Show>
            </>
          }
        >
          <RenameForm detail={d()} busy={busy()} onCancel={() => setEditing(false)} onSave={(body) => void edit(() => renameTheme(d().theme.id, body))} />
        </Show>
        <Show when={error()}>{(err) => <ErrorPanel error={err()} title="The edit was not made" />}</Show>
      </section>

      <section class="panel" aria-labelledby="shares-heading">
        <h2 id="shares-heading">Share per model version</h2>
        <p class="muted unit">{d().unit}.</p>
        <table class="share-table by-model">
          <tbody>
            <For each={d().byModel}>
              {(s) => (
                <tr>
                  <th scope="row">{s.model}</th>
                  <td>
                    <meter min="0" max="1" value={s.share ?? 0} aria-hidden="true" /> <ShareCi value={s} />
                  </td>
                  <td class="num">
                    {s.hits}/{s.items} items, {s.clusters} scenarios
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>

      <section class="panel" aria-labelledby="quotes-heading">
        <h2 id="quotes-heading">Representative quotes</h2>
        <Show when={d().quotes.length} fallback={<p class="muted">No verified quote yet.</p>}>
          <ul class="quotes">
            <For each={d().quotes}>
              {(q) => (
                <li>
                  <blockquote>{q.quote}</blockquote>
                  <span class="muted">
                    <Show when={q.transcriptId} fallback={<>feedback</>}>
                      {(tid) => (
                        <A href={`/transcripts/${encodeURIComponent(tid())}${q.messageIndex !== null ? `#m${q.messageIndex}` : ''}`}>
                          {q.model ?? '—'}
                          {q.messageIndex !== null ? `, message ${q.messageIndex}` : ''}
                        </A>
                      )}
                    </Show>
                  </span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>

      <section class="panel" aria-labelledby="members-heading">
        <h2 id="members-heading">Transcripts and feedback in this theme</h2>
        <div class="side-by-side">
          <span class="muted">Side by side:</span>
          <For each={sideBySideGroups(d().members).slice(0, 12)}>
            {(g) => (
              <A class="chip" href={compareHref(g.transcriptIds)} title={`Open ${g.transcriptIds.length} transcripts of ${g.scenario} side by side (${g.models.join(', ')})`}>
                {g.scenario} · {g.transcriptIds.length}
              </A>
            )}
          </For>
          <Show when={selectedTranscripts().length >= 2 && selectedTranscripts().length <= 4}>
            <A class="button" href={compareHref(selectedTranscripts())}>
              Open the {selectedTranscripts().length} selected side by side
            </A>
          </Show>
        </div>
        <Show when={selected().size > 0 && d().run.phase === 'done' && d().theme.status === 'active'}>
          <SplitForm count={selected().size} busy={busy()} onSplit={(body) => void edit(() => splitTheme(d().theme.id, { ...body, itemIds: [...selected()] }))} />
        </Show>
        <div class="table-scroll">
          <table class="members">
            <thead>
              <tr>
                <th scope="col">
                  <span class="visually-hidden">Select</span>
                </th>
                <th scope="col">Item</th>
                <th scope="col">What went wrong</th>
                <th scope="col" class="num">
                  Confidence
                </th>
                <th scope="col">Move to</th>
              </tr>
            </thead>
            <tbody>
              <For each={d().members}>
                {(m) => (
                  <tr data-item={m.id}>
                    <td>
                      <input type="checkbox" aria-label={`Select ${m.ref}`} checked={selected().has(m.id)} onChange={(e) => toggle(m.id, e.currentTarget.checked)} />
                    </td>
                    <td class="item-cell">
                      <Show when={m.transcriptId} fallback={<span class="muted">feedback{m.model ? ` · ${m.model}` : ''}</span>}>
                        {(tid) => (
                          <A href={`/transcripts/${encodeURIComponent(tid())}`}>
                            {m.model ?? '—'} · {m.scenarioTitle ?? m.scenario}
                          </A>
                        )}
                      </Show>
                      <Show when={m.feedbackText}>{(text) => <p class="feedback-text">{text().length > 300 ? `${text().slice(0, 300)}…` : text()}</p>}</Show>
                    </td>
                    <td>
                      {m.note ?? '—'}
                      <For each={m.evidence}>
                        {(e) => (
                          <blockquote class={e.verified ? 'quote' : 'quote unverified'} title={e.verified ? 'Found in the item' : 'Not found where it says it is: unverified'}>
                            {e.quote}
                            {e.verified ? '' : ' (unverified)'}
                          </blockquote>
                        )}
                      </For>
                    </td>
                    <td class="num" data-label="Confidence" title={m.assignedBy === 'researcher' ? 'Moved by a researcher' : 'Claude’s confidence'}>
                      {m.assignedBy === 'researcher' ? 'moved' : percent(m.confidence)}
                    </td>
                    <td data-label="Move to">
                      <select
                        aria-label={`Move ${m.ref}`}
                        disabled={busy() || d().run.phase !== 'done'}
                        onChange={(e) => {
                          const to = e.currentTarget.value;
                          if (to) void edit(() => moveItem(d().run.id, m.id, to === 'other' ? null : to));
                        }}
                      >
                        <option value="">—</option>
                        <For each={d().otherThemes}>{(o) => <option value={o.id}>{o.name}</option>}</For>
                        <option value="other">Other (no theme)</option>
                      </select>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </section>

      <ThemeDrafts themeId={d().theme.id} onChange={() => setDraftsChanged((n) => n + 1)} />
      <ThemeEvalPanel themeId={d().theme.id} refreshKey={draftsChanged()} />

      <section class="panel" aria-labelledby="edits-heading">
        <h2 id="edits-heading">Edits</h2>
        <Show when={d().edits.length} fallback={<p class="muted">No researcher edits yet.</p>}>
          <ul class="edits">
            <For each={d().edits}>
              {(e) => (
                <li>
                  {editInWords(e, d().theme.id)} <span class="muted">· {formatDateTime(e.createdAt)}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
    </>
  );
}

function RenameForm(props: { detail: ThemeDetail; busy: boolean; onSave: (body: { name: string; description: string; inclusionCriteria: string }) => void; onCancel: () => void }) {
  const [name, setName] = createSignal(props.detail.theme.name);
  const [description, setDescription] = createSignal(props.detail.theme.description);
  const [criteria, setCriteria] = createSignal(props.detail.theme.inclusionCriteria);
  return (
    <form
      class="rename-form"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave({ name: name(), description: description(), inclusionCriteria: criteria() });
      }}
    >
      <label>
        Name
        <input value={name()} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        Description
        <textarea rows="3" value={description()} onInput={(e) => setDescription(e.currentTarget.value)} />
      </label>
      <label>
        Inclusion criteria
        <textarea rows="2" value={criteria()} onInput={(e) => setCriteria(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit" class="primary" disabled={props.busy}>
          Save
        </button>
        <button type="button" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function MergeControl(props: { detail: ThemeDetail; busy: boolean; onMerge: (into: string) => void }) {
  const [into, setInto] = createSignal('');
  return (
    <Show when={props.detail.otherThemes.length > 0}>
      <label class="inline">
        Merge into
        <select value={into()} onChange={(e) => setInto(e.currentTarget.value)}>
          <option value="">—</option>
          <For each={props.detail.otherThemes}>{(o) => <option value={o.id}>{o.name}</option>}</For>
        </select>
      </label>
      <button type="button" disabled={!into() || props.busy} onClick={() => props.onMerge(into())}>
        Merge
      </button>
    </Show>
  );
}

function SplitForm(props: { count: number; busy: boolean; onSplit: (body: { name: string; description: string; inclusionCriteria: string }) => void }) {
  const [name, setName] = createSignal('');
  const [description, setDescription] = createSignal('');
  return (
    <form
      class="split-form"
      aria-label="Split the selected items into a new theme"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSplit({ name: name(), description: description() || name(), inclusionCriteria: description() || name() });
      }}
    >
      <label>
        New theme for the {props.count} selected
        <input placeholder="Name" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        Description
        <input value={description()} onInput={(e) => setDescription(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={!name() || props.busy}>
        Split off
      </button>
    </form>
  );
}
