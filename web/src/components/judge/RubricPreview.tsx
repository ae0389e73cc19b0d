import { createResource, For, Match, Show, Switch } from 'solid-js';
import { getRubric } from '../../api/judge.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ErrorPanel } from '../ErrorPanel.tsx';
import { RichText } from '../RichText.tsx';

/** The rubric the judge will read for a trait: its current text, and the versions that scored before it. */
export function RubricPreview(props: { trait: string; onClose: () => void }) {
  const [rubric] = createResource(() => props.trait, getRubric);
  const current = () => (rubric.state === 'ready' ? (rubric().versions.find((v) => v.current) ?? rubric().versions[0]) : undefined);
  return (
    <section class="rubric-preview" aria-label={`Rubric of ${props.trait}`}>
      <Switch fallback={<p class="loading">Loading the rubric…</p>}>
        <Match when={rubric.error !== undefined}>
          <ErrorPanel error={rubric.error} title="Could not load the rubric" />
        </Match>
        <Match when={rubric.state === 'ready' && rubric()}>
          {(r) => (
            <>
              <header class="rubric-head">
                <h3>
                  {r().trait.title} <span class="muted">· {r().trait.polarity.replace(/_/g, ' ')}</span>
                </h3>
                <button type="button" class="link-button" onClick={() => props.onClose()}>
                  Close
                </button>
              </header>
              <Show when={current()}>
                {(v) => (
                  <>
                    <p class="muted rubric-version">
                      Version <code title={v().contentHash}>{v().contentHash.slice(0, 8)}</code> of {formatDateTime(v().createdAt)}
                      {r().versions.length > 1 ? ` · ${r().versions.length - 1} older version${r().versions.length > 2 ? 's' : ''} kept` : ''}
                    </p>
                    <RichText text={v().body} />
                  </>
                )}
              </Show>
              <Show when={r().versions.length > 1}>
                <details class="rubric-versions">
                  <summary>All versions</summary>
                  <ul>
                    <For each={r().versions}>
                      {(v) => (
                        <li>
                          <code>{v.contentHash.slice(0, 8)}</code> {formatDateTime(v.createdAt)} {v.current ? '(current)' : ''}
                        </li>
                      )}
                    </For>
                  </ul>
                </details>
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
