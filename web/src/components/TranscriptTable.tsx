import { A } from '@solidjs/router';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, For, Index, Show } from 'solid-js';
import type { TranscriptRow } from '../api/client.ts';
import type { ListFilters } from '../lib/list-query.ts';
import { readerHref } from '../lib/reader-links.ts';
import { leadToFirstHit, splitSnippet } from '../lib/snippet.ts';
import type { TraitLabel } from '../lib/trait-label.ts';
import { TagChips } from './TagChips.tsx';
import { TraitName } from './TraitName.tsx';
import { TraitValueChips } from './TraitValueChips.tsx';

/** Fixed row heights keep the virtual list exact without measuring: one line, or two with a search snippet. */
const ROW_PX = 44;
const ROW_WITH_SNIPPET_PX = 82;
/** Start fetching the next page this many rows before the end is on screen. */
const PREFETCH_ROWS = 40;


/** What the list page hands its view of the rows: this table, or the phone's cards (TranscriptCards). */
export interface TranscriptListProps {
  rows: TranscriptRow[];
  hasMore: boolean;
  loadingMore: boolean;
  onNeedMore: () => void;
  filters: ListFilters;
  traitColumns: string[];
  /** Each trait's label (title, origin, scale): the page knows the trait list and the categories seen. */
  labelOf: (trait: string) => TraitLabel;
  selected: number;
  onSelect: (index: number) => void;
  ref?: (api: { scrollToIndex: (i: number) => void }) => void;
}

/** With a search, the reader opens at the matching turn with the search's words marked (table and cards). */
export function transcriptHref(row: TranscriptRow, q: string | undefined): string {
  return readerHref(row.id, { q: row.match ? q : undefined, turn: row.match?.messageIndex });
}

/**
 * The list as a virtual table: only the rows in view (plus a margin) are in the page, between two spacer
 * rows that keep the scroll height true, so it stays smooth at 100,000 rows. Reaching the end of what is
 * loaded asks for the next page.
 */
export function TranscriptTable(props: TranscriptListProps) {
  let scroller: HTMLDivElement | undefined;
  const rowPx = () => (props.filters.q ? ROW_WITH_SNIPPET_PX : ROW_PX);
  const virtualizer = createVirtualizer({
    get count() {
      return props.rows.length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => rowPx(),
    overscan: 12,
  });
  props.ref?.({ scrollToIndex: (i) => virtualizer.scrollToIndex(i, { align: 'auto' }) });

  // Row height changes with the search box: positions must be recomputed.
  createEffect(() => {
    rowPx();
    virtualizer.measure();
  });

  createEffect(() => {
    const items = virtualizer.getVirtualItems();
    const last = items[items.length - 1];
    if (last && props.hasMore && !props.loadingMore && last.index >= props.rows.length - PREFETCH_ROWS) props.onNeedMore();
  });

  const padTop = () => virtualizer.getVirtualItems()[0]?.start ?? 0;
  const padBottom = () => {
    const items = virtualizer.getVirtualItems();
    const last = items[items.length - 1];
    return last ? virtualizer.getTotalSize() - last.end : 0;
  };
  const columns = () => 5 + props.traitColumns.length;

  return (
    <div class="table-scroll" ref={scroller} tabindex="-1">
      <table class="transcripts" aria-rowcount={props.hasMore ? -1 : props.rows.length + 1}>
        <colgroup>
          <col class="col-model" />
          <col class="col-scenario" />
          <col class="col-sample" />
          <col class="col-tags" />
          <col class="col-turns" />
          <For each={props.traitColumns}>{() => <col class="col-trait" />}</For>
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Scenario</th>
            <th scope="col" class="num" title="Sample index: the same scenario sampled again">
              Sample
            </th>
            <th scope="col">Tags</th>
            <th scope="col" class="num">
              Turns
            </th>
            <For each={props.traitColumns}>
              {(trait) => (
                <th scope="col" class="num trait-col" data-trait={trait}>
                  <TraitName label={props.labelOf(trait)} stacked />
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <Show when={padTop() > 0}>
            <tr class="spacer" aria-hidden="true" style={{ height: `${padTop()}px` }}>
              <td colSpan={columns()} />
            </tr>
          </Show>
          {/* Index, not For: rows are reused by position as the window slides, instead of rebuilt. */}
          <Index each={virtualizer.getVirtualItems()}>
            {(item) => {
              const row = () => props.rows[item().index];
              return (
                <Show when={row()}>
                  {(r) => (
                    <tr
                      style={{ height: `${rowPx()}px` }}
                      classList={{ selected: props.selected === item().index }}
                      aria-rowindex={item().index + 2}
                      data-index={item().index}
                      onClick={() => props.onSelect(item().index)}
                    >
                      <td class="model">{r().model}</td>
                      <td class="scenario">
                        <A href={transcriptHref(r(), props.filters.q)} title={`${r().scenario} · sample ${r().sample} · ${r().externalId}`}>
                          {r().scenarioTitle || r().scenario}
                        </A>
                        <Show when={r().scenarioTitle}>
                          <span class="scenario-key muted"> {r().scenario}</span>
                        </Show>
                        <Show when={r().match}>
                          {(m) => (
                            <div class="snippet" title={`Match in turn ${m().messageIndex}`}>
                              <span class="snippet-turn">#{m().messageIndex}</span>{' '}
                              <For each={leadToFirstHit(splitSnippet(m().snippet))}>{(part) => (part.hit ? <mark>{part.text}</mark> : part.text)}</For>
                            </div>
                          )}
                        </Show>
                      </td>
                      <td class="num sample">{r().sample}</td>
                      <td class="tags">
                        <TagChips tags={r().tags} filters={props.filters} max={1} />
                      </td>
                      <td class="num">{r().messageCount}</td>
                      <For each={props.traitColumns}>
                        {(trait) => (
                          <td class="num trait">
                            <TraitValueChips values={r().traitValues.filter((v) => v.trait === trait)} />
                          </td>
                        )}
                      </For>
                    </tr>
                  )}
                </Show>
              );
            }}
          </Index>
          <Show when={padBottom() > 0}>
            <tr class="spacer" aria-hidden="true" style={{ height: `${padBottom()}px` }}>
              <td colSpan={columns()} />
            </tr>
          </Show>
        </tbody>
      </table>
    </div>
  );
}
