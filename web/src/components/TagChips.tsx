import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { listSearch, type ListFilters } from '../lib/list-query.ts';
import { visibleTags } from '../lib/tags.ts';
import './tag-chips.css';

/** A transcript's tags as filter links: the first `max`, then "+n" naming the rest in its tooltip. */
export function TagChips(props: { tags: readonly string[]; filters: ListFilters; max: number }) {
  const split = () => visibleTags(props.tags, props.max);
  return (
    <>
      <For each={split().shown}>
        {(tag) => (
          <A class="tag" href={`/transcripts${listSearch({ ...props.filters, tag })}`} title={`Show only transcripts tagged ${tag}`}>
            {tag}
          </A>
        )}
      </For>
      <Show when={split().hidden.length > 0}>
        <span class="tag more-tags" title={`Also tagged ${split().hidden.join(', ')}`} aria-label={`${split().hidden.length} more tags: ${split().hidden.join(', ')}`}>
          +{split().hidden.length}
        </span>
      </Show>
    </>
  );
}
