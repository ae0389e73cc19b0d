import { A } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, Index, on, onCleanup, Show } from 'solid-js';
import type { Transcript } from '../api/client.ts';
import { alignByTurn, firstUserDivergence } from '../lib/align.ts';
import { compareHref } from '../lib/compare-links.ts';
import { samplesOf, type SiblingLike } from '../lib/compare-samples.ts';
import type { EvidenceQuote } from '../lib/evidence.ts';
import { plainText } from '../lib/message-blocks.ts';
import { MessageView } from './MessageView.tsx';
import './compare-columns.css';

/** Turn rows rendered in the first frame; the rest follow a slice per frame, so long transcripts show at once. */
const FIRST_ROWS = 16;
const ROWS_PER_FRAME = 24;

/**
 * The versions side by side (synchronized: one row per turn) or each in its own scroll box. Each column head
 * names the version and switches its sample. On a phone the versions stack, each turn labelled with its
 * version, and a switcher shows all of them or one.
 */
export function CompareColumns(props: {
  transcripts: Transcript[];
  labels: string[];
  ids: string[];
  siblings: readonly SiblingLike[];
  quotes: Map<number, EvidenceQuote[]>[];
  sync: boolean;
  onSample: (column: number, id: string) => void;
  exposeShowAll: (showAll: () => void) => void;
}) {
  // Memos: every row asks for the divergence, and a turn may be a million characters long.
  const rows = createMemo(() => alignByTurn(props.transcripts.map((t) => t.messages)));
  const divergence = createMemo(() => firstUserDivergence(props.transcripts.map((t) => t.messages.map((m) => ({ index: m.index, role: m.role, text: plainText(m.content) })))));
  const [shown, setShown] = createSignal<number | 'all'>('all');
  const hidden = (column: number) => shown() !== 'all' && shown() !== column;

  const [rendered, setRendered] = createSignal(FIRST_ROWS);
  let frame = 0;
  createEffect(
    on(rows, (all) => {
      cancelAnimationFrame(frame);
      setRendered(FIRST_ROWS);
      const grow = () => {
        setRendered((n) => Math.min(all.length, n + ROWS_PER_FRAME));
        if (rendered() < all.length) frame = requestAnimationFrame(grow);
      };
      frame = requestAnimationFrame(grow);
    }),
  );
  onCleanup(() => cancelAnimationFrame(frame));
  props.exposeShowAll(() => setRendered(rows().length));

  const head = (t: Transcript, i: number) => {
    const samples = () => samplesOf(props.siblings, t.model);
    return (
      <div class="column-head" classList={{ 'col-hidden': hidden(i) }} style={{ 'grid-column': String(i + 1) }} data-col={i}>
        <A class="model" href={`/transcripts/${encodeURIComponent(t.id)}`}>
          {props.labels[i]}
        </A>
        <Show when={samples().length > 1} fallback={<span class="muted"> · sample {t.sample}</span>}>
          <label class="sample-switch">
            <span class="muted"> · sample </span>
            <select aria-label={`Sample of ${t.model}`} onChange={(e) => props.onSample(i, e.currentTarget.value)}>
              <For each={samples()}>
                {(s) => (
                  <option value={s.id} selected={s.id === t.id}>
                    {s.sample} of {samples().length}
                  </option>
                )}
              </For>
            </select>
          </label>
        </Show>
        <span class="muted"> · {t.messageCount} turns</span>
        <Show when={props.transcripts.length > 2}>
          {' '}
          <A class="remove" href={compareHref(props.ids.filter((id) => id !== t.id))} title="Remove this column">
            ✕
          </A>
        </Show>
      </div>
    );
  };

  return (
    <>
      <div class="version-switch" role="group" aria-label="Versions shown">
        <button type="button" aria-pressed={shown() === 'all'} onClick={() => setShown('all')}>
          All versions
        </button>
        <Index each={props.labels}>
          {(label, i) => (
            <button type="button" aria-pressed={shown() === i} onClick={() => setShown(i)}>
              {label()}
            </button>
          )}
        </Index>
      </div>
      <div class="compare-columns" classList={{ synced: props.sync, free: !props.sync }} style={{ '--columns': String(props.transcripts.length) }}>
        <Index each={props.transcripts}>{(t, i) => head(t(), i)}</Index>
        <Show
          when={props.sync}
          fallback={
            <Index each={props.transcripts}>
              {(t, col) => (
                <div class="free-column turn-stack" classList={{ 'col-hidden': hidden(col) }} style={{ 'grid-column': String(col + 1) }} data-col={col}>
                  <div class="cell-version">{props.labels[col]}</div>
                  <For each={t().messages.slice(0, rendered())}>
                    {(m) => (
                      <>
                        <Show when={m.index === divergence()}>
                          <p class="divergence">The user side first differs here</p>
                        </Show>
                        <MessageView message={m} targeted={false} idPrefix={`c${col}-`} quotes={props.quotes[col]?.get(m.index)} />
                      </>
                    )}
                  </For>
                </div>
              )}
            </Index>
          }
        >
          <For each={rows().slice(0, rendered())}>
            {(row) => (
              <>
                <Show when={row.index === divergence()}>
                  <p class="divergence" style={{ 'grid-column': `1 / span ${props.transcripts.length}` }}>
                    ↓ The user side first differs at turn {row.index}: from here on each version answers a different conversation
                  </p>
                </Show>
                <Index each={row.cells}>
                  {(m, col) => (
                    // A turn stack like the reader's conversation: the turn takes the cell's width, whatever its longest line.
                    <div class="cell turn-stack" classList={{ 'col-hidden': hidden(col) }} style={{ 'grid-column': String(col + 1) }} data-col={col}>
                      <div class="cell-version">{props.labels[col]}</div>
                      <Show when={m()} fallback={<p class="placeholder">no turn {row.index}</p>}>
                        {(message) => <MessageView message={message()} targeted={false} idPrefix={`c${col}-`} quotes={props.quotes[col]?.get(row.index)} />}
                      </Show>
                    </div>
                  )}
                </Index>
              </>
            )}
          </For>
        </Show>
      </div>
    </>
  );
}
