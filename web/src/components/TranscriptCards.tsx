import { A } from '@solidjs/router';
import { createWindowVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createSignal, For, Index, onCleanup, onMount, Show } from 'solid-js';
import type { TranscriptRow } from '../api/client.ts';
import { leadToFirstHit, splitSnippet } from '../lib/snippet.ts';
import { TagChips } from './TagChips.tsx';
import { transcriptHref, type TranscriptListProps } from './TranscriptTable.tsx';
import { TraitValueChips } from './TraitValueChips.tsx';
import './transcript-cards.css';

/** Fixed card heights keep the virtual list exact without measuring (transcript-cards.css holds them to it). */
const CARD_PX = 138;
const CARD_WITH_SNIPPET_PX = 182;
const PREFETCH_CARDS = 20;

/**
 * The list at phone width: one card per transcript — scenario, model, sample, turns, tags, the shown traits —
 * the whole card a link to the transcript. A virtual list over the page's own scroll, so the filters scroll
 * away above it and 100,000 rows stay smooth.
 */
export function TranscriptCards(props: TranscriptListProps) {
  let list: HTMLOListElement | undefined;
  const [offset, setOffset] = createSignal(0);
  const cardPx = () => (props.filters.q ? CARD_WITH_SNIPPET_PX : CARD_PX);
  const virtualizer = createWindowVirtualizer({
    get count() {
      return props.rows.length;
    },
    estimateSize: () => cardPx(),
    overscan: 6,
    get scrollMargin() {
      return offset();
    },
  });
  props.ref?.({ scrollToIndex: (i) => virtualizer.scrollToIndex(i, { align: 'auto' }) });

  // Where the list starts on the page moves when the filters above it wrap differently.
  onMount(() => {
    const measure = () => setOffset(list ? list.getBoundingClientRect().top + window.scrollY : 0);
    measure();
    const observer = new ResizeObserver(measure);
    if (list?.parentElement) observer.observe(list.parentElement.parentElement ?? list.parentElement);
    onCleanup(() => observer.disconnect());
  });
  createEffect(() => {
    cardPx();
    virtualizer.measure();
  });
  createEffect(() => {
    const items = virtualizer.getVirtualItems();
    const last = items[items.length - 1];
    if (last && props.hasMore && !props.loadingMore && last.index >= props.rows.length - PREFETCH_CARDS) props.onNeedMore();
  });

  const shownTraits = (r: TranscriptRow) => props.traitColumns.filter((t) => r.traitValues.some((v) => v.trait === t));

  return (
    <ol class="transcript-cards" ref={list} style={{ height: `${virtualizer.getTotalSize()}px` }} aria-label="Transcripts">
      <Index each={virtualizer.getVirtualItems()}>
        {(item) => {
          const row = () => props.rows[item().index];
          return (
            <Show when={row()}>
              {(r) => (
                <li
                  class="transcript-card"
                  classList={{ selected: props.selected === item().index }}
                  data-index={item().index}
                  style={{ height: `${cardPx() - 8}px`, transform: `translateY(${item().start - offset()}px)` }}
                  onClick={() => props.onSelect(item().index)}
                >
                  <A class="card-link" href={transcriptHref(r(), props.filters.q)} title={`${r().scenario} · sample ${r().sample} · ${r().externalId}`}>
                    {r().scenarioTitle || r().scenario}
                  </A>
                  <div class="card-meta muted">
                    <span class="model">{r().model}</span> · sample {r().sample} · {r().messageCount} turns
                  </div>
                  <Show when={r().match}>
                    {(m) => (
                      <div class="snippet" title={`Match in turn ${m().messageIndex}`}>
                        <span class="snippet-turn">#{m().messageIndex}</span>{' '}
                        <For each={leadToFirstHit(splitSnippet(m().snippet))}>{(part) => (part.hit ? <mark>{part.text}</mark> : part.text)}</For>
                      </div>
                    )}
                  </Show>
                  <div class="card-tags">
                    <TagChips tags={r().tags} filters={props.filters} max={2} />
                  </div>
                  <dl class="card-traits">
                    <For each={shownTraits(r())} fallback={<span class="muted">no scores shown</span>}>
                      {(trait) => (
                        <div>
                          <dt title={props.labelOf(trait).text}>{props.labelOf(trait).title}</dt>
                          <dd>
                            <TraitValueChips values={r().traitValues.filter((v) => v.trait === trait)} />
                          </dd>
                        </div>
                      )}
                    </For>
                  </dl>
                </li>
              )}
            </Show>
          );
        }}
      </Index>
    </ol>
  );
}
