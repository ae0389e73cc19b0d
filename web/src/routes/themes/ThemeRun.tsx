import { A, useParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { getThemeRun, otherItems, rankedThemes, versionDiff, type Rank, type RankedTheme } from '../../api/themes.ts';
import { cancelRun, resumeRun } from '../../api/judge.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { usePageTitle } from '../../lib/page-title.ts';
import { pollWhile } from '../../lib/poll.ts';
import { isFinalStatus } from '../../lib/run-progress.ts';
import { clearlyMoved, movementText, percent } from '../../lib/themes.ts';
import { ShareCi } from './ShareCi.tsx';
import './themes.css';

/** `/themes/runs/:id`: one version of a selection's themes, ranked by size or by how much their share moved. */
export default function ThemeRun() {
  const params = useParams();
  const id = () => params['id'] ?? '';
  const [run, { refetch }] = createResource(id, getThemeRun);
  usePageTitle(() => (run.latest ? `Themes v${run.latest.version}` : 'Themes'));
  const [rank, setRank] = createSignal<Rank>('size');
  const [a, setA] = createSignal('');
  const [b, setB] = createSignal('');
  const [actionError, setActionError] = createSignal<unknown>(null);
  const query = () => ({ id: id(), rank: rank(), a: a(), b: b(), done: run.latest?.phase === 'done' });
  const [themes] = createResource(query, (q) => (q.done ? rankedThemes(q.id, q.rank, q.rank === 'models' ? { a: q.a, b: q.b } : {}) : Promise.resolve(null)));
  const [diff] = createResource(
    () => (run.latest?.phase === 'done' && run.latest.previousRunId ? id() : null),
    (runId) => versionDiff(runId),
  );
  // Two model versions to compare, once the run says which it has.
  createEffect(() => {
    const models = themes.latest?.models ?? [];
    if (!a() && models.length >= 2) {
      setA(models[0] ?? '');
      setB(models[models.length - 1] ?? '');
    }
  });
  pollWhile(run, refetch, () => !isFinalStatus(run()?.status ?? 'done'), 1500);

  async function act(what: 'cancel' | 'resume') {
    setActionError(null);
    try {
      if (what === 'cancel') await cancelRun(id());
      else await resumeRun(id(), { retryFailed: true });
      void refetch();
    } catch (err) {
      setActionError(err);
    }
  }

  return (
    <div class="themes-page">
      <Switch fallback={<p class="loading">Loading the run…</p>}>
        <Match when={run.state === 'errored'}>
          <ErrorPanel error={run.error} title="Could not load this theme run" />
        </Match>
        <Match when={run.latest}>
          {(r) => (
            <>
              <div class="page-head">
                <h1>
                  Themes <span class="muted">version {r().version}</span>
                </h1>
                <A href="/themes">All theme runs</A>
              </div>
              <section class="panel run-summary" aria-label="The run">
                <p class="selection-words">{r().description}</p>
                <dl class="facts">
                  <div>
                    <dt>Status</dt>
                    <dd>
                      <span class={`job-status job-${r().status}`}>{r().status}</span> {r().phase !== 'done' ? `· ${r().phase}` : ''}
                    </dd>
                  </div>
                  <div>
                    <dt>Items</dt>
                    <dd>
                      {r().itemCount} ({r().notes.done} notes{r().notes.invalid + r().notes.failed ? `, ${r().notes.invalid + r().notes.failed} without` : ''}, {r().notes.nothingWrong} nothing wrong)
                    </dd>
                  </div>
                  <div>
                    <dt>Model · prompt</dt>
                    <dd>
                      {r().model} · {r().promptVersion}
                    </dd>
                  </div>
                  <div>
                    <dt>Cost</dt>
                    <dd>
                      ${r().costUsd.toFixed(2)} of ${r().budgetUsd.toFixed(2)} · {r().counts.done}/{r().jobCount} requests
                    </dd>
                  </div>
                  <div>
                    <dt>Versions</dt>
                    <dd class="version-links">
                      <For each={r().versions}>{(v) => (v.id === r().id ? <strong>v{v.version}</strong> : <A href={`/themes/runs/${v.id}`}>v{v.version}</A>)}</For>
                    </dd>
                  </div>
                </dl>
                <Show when={r().error}>{(e) => <p class="warn-note">{e()}</p>}</Show>
                <div class="actions">
                  <A href={`/judge/runs/${r().id}`}>Requests and audit</A>
                  <Show when={!isFinalStatus(r().status)}>
                    <button type="button" onClick={() => void act('cancel')}>
                      Cancel
                    </button>
                  </Show>
                  <Show when={r().status === 'cancelled' || r().status === 'budget_exhausted' || (r().status === 'done' && r().phase !== 'done')}>
                    <button type="button" onClick={() => void act('resume')}>
                      Resume
                    </button>
                  </Show>
                </div>
                <Show when={actionError()}>{(err) => <ErrorPanel error={err()} />}</Show>
              </section>

              <Show when={r().phase === 'done'} fallback={<p class="muted">The themes appear when the run has assigned every item.</p>}>
                <Show when={diff.latest}>
                  {(d) => (
                    <section class="panel diff" aria-label="What moved since the version before">
                      <h2>Since version {d().against.version}</h2>
                      <p>
                        {d().themes.filter((t) => t.counterpart).length} themes continued, {d().themes.filter((t) => !t.counterpart).length} new, {d().gone.length} gone · {d().movedCount} items changed theme, {d().itemsAdded} new items, {d().itemsRemoved} no longer selected
                      </p>
                      <Show when={d().moved.length}>
                        <ul class="moved">
                          <For each={d().moved.slice(0, 20)}>
                            {(m) => (
                              <li>
                                {m.ref} ({m.model ?? 'feedback'}): {m.from?.name ?? 'other'} → {m.to?.name ?? 'other'}
                              </li>
                            )}
                          </For>
                        </ul>
                      </Show>
                    </section>
                  )}
                </Show>
                <section aria-labelledby="themes-heading">
                  <div class="rank-bar">
                    <h2 id="themes-heading">Themes</h2>
                    <label>
                      Rank by
                      <select value={rank()} onChange={(e) => setRank(e.currentTarget.value === 'models' ? 'models' : e.currentTarget.value === 'versions' ? 'versions' : 'size')}>
                        <option value="size">Size</option>
                        <option value="models">Share movement between two model versions</option>
                        <Show when={r().previousRunId}>
                          <option value="versions">Share movement since the version before</option>
                        </Show>
                      </select>
                    </label>
                    <Show when={rank() === 'models'}>
                      <label>
                        From
                        <select value={a()} onChange={(e) => setA(e.currentTarget.value)}>
                          <For each={themes.latest?.models ?? []}>{(m) => <option value={m}>{m}</option>}</For>
                        </select>
                      </label>
                      <label>
                        To
                        <select value={b()} onChange={(e) => setB(e.currentTarget.value)}>
                          <For each={themes.latest?.models ?? []}>{(m) => <option value={m}>{m}</option>}</For>
                        </select>
                      </label>
                    </Show>
                  </div>
                  <Switch>
                    <Match when={themes.state === 'errored'}>
                      <ErrorPanel error={themes.error} title="Could not rank the themes" />
                    </Match>
                    <Match when={themes.latest}>
                      {(list) => (
                        <>
                          <p class="muted unit" title={list().unit}>
                            Share per model version: {list().unit}.{list().movementUnit ? ` Movement: ${list().movementUnit}.` : ''}
                          </p>
                          <ol class="theme-list">
                            <For each={list().items}>{(t) => <ThemeCard theme={t} />}</For>
                            <li class="theme-card other">
                              <OtherItems runId={id()} size={list().other.size} share={list().other.share} />
                            </li>
                          </ol>
                        </>
                      )}
                    </Match>
                  </Switch>
                </section>
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}

function ThemeCard(props: { theme: RankedTheme }) {
  const moved = () => props.theme.movement;
  return (
    <li class="theme-card" data-theme={props.theme.name}>
      <div class="theme-card-head">
        <A href={`/themes/theme/${props.theme.id}`} class="theme-name">
          {props.theme.name}
        </A>
        <span class="size" title="Items assigned to it">
          {props.theme.size} items · {percent(props.theme.share)}
        </span>
        <Show when={props.theme.curated}>
          <span class="badge" title="A researcher edited it: later versions keep its wording">curated</span>
        </Show>
      </div>
      <p class="description">{props.theme.description}</p>
      <Show when={moved()}>
        {(m) => {
          const label = () => {
            const v = m();
            return v.kind === 'models' ? `${v.a} → ${v.b}` : `Since version ${v.againstVersion}`;
          };
          return (
            <p class={clearlyMoved(m()) ? 'movement clear' : 'movement'} title={m().kind === 'models' ? 'Paired over the scenarios both versions have items on' : 'Over the items both versions read'}>
              {label()}: {movementText(m())}
            </p>
          );
        }}
      </Show>
      <table class="share-table by-model">
        <thead>
          <tr>
            <th scope="col">Model version</th>
            <th scope="col">Share</th>
            <th scope="col" class="num">
              Items
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.theme.byModel}>
            {(s) => (
              <tr>
                <td>{s.model}</td>
                <td title={`Mean over ${s.clusters} scenarios of the share of its items in this theme`}>
                  <meter min="0" max="1" value={s.share ?? 0} aria-hidden="true" />{' '}
                  <ShareCi value={s} />
                </td>
                <td class="num">
                  {s.hits}/{s.items}
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </li>
  );
}

/** The items in no theme, with their notes: what the themes do not cover (loaded when opened). */
function OtherItems(props: { runId: string; size: number; share: number | null }) {
  const [open, setOpen] = createSignal(false);
  const [items] = createResource(() => (open() ? props.runId : null), otherItems);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <strong>Other</strong> <span class="muted">— in no theme: {props.size} items ({percent(props.share)})</span>
      </summary>
      <Show when={items.state === 'errored'}>
        <ErrorPanel error={items.error} />
      </Show>
      <ul class="other-items">
        <For each={items.latest ?? []}>
          {(i) => (
            <li>
              <Show when={i.transcriptId} fallback={<span>feedback</span>}>
                {(tid) => <A href={`/transcripts/${encodeURIComponent(tid())}`}>{i.model ?? '—'} · {i.scenarioTitle ?? i.scenario}</A>}
              </Show>{' '}
              <span class="muted">{i.note ?? `(no note: ${i.noteStatus})`}</span>
            </li>
          )}
        </For>
      </ul>
    </details>
  );
}
