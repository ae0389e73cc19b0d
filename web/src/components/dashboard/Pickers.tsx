import { For, Show } from 'solid-js';
import type { ScoreSource } from '../../lib/trait-label.ts';
import { scoreSourceText } from '../../lib/trait-label.ts';

/**
 * The dashboards' choices, as labelled selects. `selected` on the options (not `value` on the select): the
 * options often arrive after the URL has been read.
 */

export function VersionSelect(props: { label: string; name: string; versions: readonly string[]; value: string; onChange: (v: string) => void }) {
  return (
    <label class="picker">
      {props.label}
      <select name={props.name} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <For each={props.versions}>
          {(v) => (
            <option value={v} selected={v === props.value}>
              {v}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}

const SOURCES: readonly ScoreSource[] = ['judge', 'human', 'import'];

/** Sources are kept apart; "every source" shows each one on its own row. */
export function SourceSelect(props: { value: ScoreSource | null; available: readonly ScoreSource[]; onChange: (s: ScoreSource | null) => void; allowAll?: boolean }) {
  const options = () => SOURCES.filter((s) => props.available.includes(s) || s === props.value);
  return (
    <label class="picker">
      Scores from
      <select name="source" onChange={(e) => props.onChange(SOURCES.find((s) => s === e.currentTarget.value) ?? null)}>
        <Show when={props.allowAll !== false}>
          <option value="" selected={props.value === null}>
            every source, each apart
          </option>
        </Show>
        <For each={options()}>
          {(s) => (
            <option value={s} selected={s === props.value}>
              {scoreSourceText(s)}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}

export interface TraitChoice {
  /** `slug:source`. */
  value: string;
  text: string;
}

export function TraitSelect(props: { choices: readonly TraitChoice[]; value: string; onChange: (v: string) => void; label?: string }) {
  return (
    <label class="picker trait-picker">
      {props.label ?? 'Trait'}
      <select name="trait" onChange={(e) => props.onChange(e.currentTarget.value)}>
        <For each={props.choices}>
          {(c) => (
            <option value={c.value} selected={c.value === props.value}>
              {c.text}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}
