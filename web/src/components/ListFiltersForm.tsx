import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { Model } from '../api/client.ts';
import { columnList, hasFilters, type ListFilters } from '../lib/list-query.ts';
import type { TraitLabel } from '../lib/trait-label.ts';

/** Typing settles for this long before the URL (and so the query) follows it. */
const TYPING_SETTLE_MS = 300;

type TextField = 'q' | 'scenario' | 'tag' | 'min' | 'max';
const TEXT_FIELDS: readonly TextField[] = ['q', 'scenario', 'tag', 'min', 'max'];

/**
 * Every filter of the list. The boxes hold what is typed; the URL (the one source of truth) follows once
 * typing settles, and the boxes follow the URL on back/forward.
 */
export function ListFiltersForm(props: {
  filters: ListFilters;
  models: Model[];
  traits: string[];
  labelOf: (trait: string) => TraitLabel;
  tagsSeen: string[];
  shownColumns: string[];
  onChange: (change: Partial<ListFilters>) => void;
  searchRef: (el: HTMLInputElement) => void;
}) {
  const [typed, setTyped] = createSignal<Record<TextField, string>>({ q: props.filters.q, scenario: props.filters.scenario, tag: props.filters.tag, min: props.filters.min, max: props.filters.max });
  createEffect(
    on(
      () => [props.filters.q, props.filters.scenario, props.filters.tag, props.filters.min, props.filters.max] as const,
      ([q, scenario, tag, min, max]) => {
        const now = typed();
        const next = { q, scenario, tag, min, max };
        // Keep what is being typed when it says the same as the URL, modulo spaces.
        if (TEXT_FIELDS.some((k) => now[k].trim() !== next[k])) setTyped(next);
      },
      { defer: true },
    ),
  );
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(settleTimer));
  function type(field: TextField, value: string) {
    setTyped((t) => ({ ...t, [field]: value }));
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => props.onChange({ [field]: value.trim() }), TYPING_SETTLE_MS);
  }
  function applyNow(change: Partial<ListFilters> = {}) {
    clearTimeout(settleTimer);
    const t = typed();
    props.onChange({ q: t.q.trim(), scenario: t.scenario.trim(), tag: t.tag.trim(), min: t.min.trim(), max: t.max.trim(), ...change });
  }
  function toggleColumn(trait: string, on: boolean) {
    const current = props.shownColumns;
    const next = on ? [...current, trait] : current.filter((c) => c !== trait);
    props.onChange({ cols: next.join(',') });
  }
  const traitOptions = () => [...new Set([...props.traits, ...(props.filters.trait ? [props.filters.trait] : []), ...columnList(props.filters.cols)])].sort();

  return (
    <form
      class="filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        applyNow();
      }}
    >
      <label class="search">
        Search
        <input
          ref={props.searchRef}
          type="search"
          name="q"
          placeholder="Words or a “quoted phrase” in any message"
          autocomplete="off"
          value={typed().q}
          onInput={(e) => type('q', e.currentTarget.value)}
        />
        <kbd class="shortcut" title="Press / to search">
          /
        </kbd>
      </label>
      <label>
        Model
        {/* `selected` on the options, not `value` on the select: the options arrive after the URL is read. */}
        <select name="model" onChange={(e) => applyNow({ model: e.currentTarget.value })}>
          <option value="" selected={props.filters.model === ''}>
            All models
          </option>
          <For each={props.models}>
            {(m) => (
              <option value={m.name} selected={m.name === props.filters.model}>
                {m.name} ({m.transcriptCount})
              </option>
            )}
          </For>
          {/* A model named in a shared link stays selectable before (or without) the list of models. */}
          <Show when={props.filters.model && !props.models.some((m) => m.name === props.filters.model)}>
            <option value={props.filters.model} selected>
              {props.filters.model}
            </option>
          </Show>
        </select>
      </label>
      <label>
        Scenario
        <input type="text" name="scenario" autocomplete="off" size={10} value={typed().scenario} onInput={(e) => type('scenario', e.currentTarget.value)} />
      </label>
      <label>
        Tag
        <input type="text" name="tag" list="tags-seen" autocomplete="off" size={10} value={typed().tag} onInput={(e) => type('tag', e.currentTarget.value)} />
        <datalist id="tags-seen">
          <For each={props.tagsSeen}>{(t) => <option value={t} />}</For>
        </datalist>
      </label>
      <fieldset class="score-range">
        <legend>Trait score</legend>
        <select name="trait" aria-label="Trait" onChange={(e) => applyNow({ trait: e.currentTarget.value })}>
          <option value="" selected={props.filters.trait === ''}>
            Any trait
          </option>
          <For each={traitOptions()}>
            {(t) => (
              <option value={t} selected={t === props.filters.trait}>
                {props.labelOf(t).text}
              </option>
            )}
          </For>
        </select>
        <input type="number" name="min" aria-label="Lowest score" placeholder="min" step="any" value={typed().min} disabled={!props.filters.trait} onInput={(e) => type('min', e.currentTarget.value)} />
        <span aria-hidden="true">–</span>
        <input type="number" name="max" aria-label="Highest score" placeholder="max" step="any" value={typed().max} disabled={!props.filters.trait} onInput={(e) => type('max', e.currentTarget.value)} />
        <select name="source" aria-label="Score source" disabled={!props.filters.trait} onChange={(e) => applyNow({ source: e.currentTarget.value === 'judge' || e.currentTarget.value === 'import' || e.currentTarget.value === 'human' ? e.currentTarget.value : '' })}>
          <option value="" selected={props.filters.source === ''}>
            any source
          </option>
          <option value="judge" selected={props.filters.source === 'judge'}>
            judge
          </option>
          <option value="import" selected={props.filters.source === 'import'}>
            import
          </option>
          <option value="human" selected={props.filters.source === 'human'}>
            human
          </option>
        </select>
      </fieldset>
      <label>
        Human labels
        <select name="labeled" onChange={(e) => applyNow({ labeled: e.currentTarget.value === 'true' || e.currentTarget.value === 'false' ? e.currentTarget.value : '' })}>
          <option value="" selected={props.filters.labeled === ''}>
            Labeled or not
          </option>
          <option value="true" selected={props.filters.labeled === 'true'}>
            Labeled
          </option>
          <option value="false" selected={props.filters.labeled === 'false'}>
            Not labeled
          </option>
        </select>
      </label>
      <details class="columns-menu">
        <summary>Columns</summary>
        <div class="columns-list" role="group" aria-label="Trait columns">
          <For each={traitOptions()}>
            {(t) => (
              <label class="check">
                <input type="checkbox" checked={props.shownColumns.includes(t)} onChange={(e) => toggleColumn(t, e.currentTarget.checked)} />
                <span title={t}>{props.labelOf(t).text}</span>
              </label>
            )}
          </For>
        </div>
      </details>
      <Show when={props.filters.trait && (props.filters.min || props.filters.max)}>
        <p class="range-hint muted">
          Transcripts with any valid score of <strong>{props.labelOf(props.filters.trait).text}</strong> in this range (for turn-range traits: any turn); the columns show means.
        </p>
      </Show>
      <Show when={hasFilters(props.filters)}>
        <button
          type="button"
          class="link-button"
          onClick={() => {
            setTyped({ q: '', scenario: '', tag: '', min: '', max: '' });
            applyNow({ q: '', model: '', scenario: '', tag: '', trait: '', min: '', max: '', source: '', labeled: '' });
          }}
        >
          Clear filters
        </button>
      </Show>
    </form>
  );
}
