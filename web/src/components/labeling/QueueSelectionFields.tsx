import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { Model, Trait } from '../../api/client.ts';
import { describeListFilters } from '../../lib/judge-selection.ts';
import { emptyFilters, hasFilters, listSearch } from '../../lib/list-query.ts';
import { STATS_KINDS, type QueueSelection, type StatsKind } from '../../lib/queue-form.ts';

type StatsSelection = Extract<QueueSelection, { kind: 'stats' }>;

function asStatsKind(value: string): StatsKind {
  return value === 'judge_human_gap' ? 'judge_human_gap' : 'judge_spread';
}

/**
 * Which transcripts the queue labels: what the transcript list's filters select (the page was opened with
 * "Label these"), every transcript, ids, or a statistics selection — where the judge disagrees with itself
 * most, or with the humans.
 */
export function QueueSelectionFields(props: { initial: QueueSelection; selection: QueueSelection; traits: readonly Trait[]; models: readonly Model[]; onChange: (s: QueueSelection) => void }) {
  const listFilters = () => (props.initial.kind === 'where' && hasFilters(props.initial.filters) ? props.initial.filters : null);
  const kind = () => (props.selection.kind === 'where' ? (hasFilters(props.selection.filters) ? 'list' : 'all') : props.selection.kind);
  const stats = (): StatsSelection => (props.selection.kind === 'stats' ? props.selection : { kind: 'stats', stat: 'judge_spread', trait: props.traits[0]?.slug ?? '', model: '', limit: '50' });
  const ids = () => (props.selection.kind === 'ids' ? props.selection.ids : props.initial.kind === 'ids' ? props.initial.ids : '');
  return (
    <fieldset class="queue-selection">
      <legend>Transcripts</legend>
      <Show when={listFilters()}>
        {(filters) => (
          <label class="check">
            <input type="radio" name="selection" value="list" checked={kind() === 'list'} onChange={() => props.onChange({ kind: 'where', filters: filters() })} />
            <span>
              From the list: <strong class="selection-filter">{describeListFilters(filters())}</strong>{' '}
              <span class="muted">
                (<A href={`/transcripts${listSearch({ ...filters(), cols: '' })}`}>open</A>)
              </span>
            </span>
          </label>
        )}
      </Show>
      <label class="check">
        <input type="radio" name="selection" value="all" checked={kind() === 'all'} onChange={() => props.onChange({ kind: 'where', filters: emptyFilters })} />
        <span>Every transcript</span>
      </label>
      <label class="check">
        <input type="radio" name="selection" value="ids" checked={kind() === 'ids'} onChange={() => props.onChange({ kind: 'ids', ids: ids() })} />
        <span>These transcript ids</span>
      </label>
      <Show when={kind() === 'ids'}>
        <label class="sub-field">
          <span>Ids <span class="hint">· separated by commas, spaces or lines</span></span>
          <textarea name="ids" rows="3" value={ids()} onInput={(e) => props.onChange({ kind: 'ids', ids: e.currentTarget.value })} />
        </label>
      </Show>
      <label class="check">
        <input type="radio" name="selection" value="stats" checked={kind() === 'stats'} onChange={() => props.onChange(stats())} />
        <span>A statistics selection</span>
      </label>
      <Show when={kind() === 'stats'}>
        <div class="sub-field stats-fields">
          <label>
            <span>Rank by</span>
            <select name="stat" value={stats().stat} onChange={(e) => props.onChange({ ...stats(), stat: asStatsKind(e.currentTarget.value) })}>
              <For each={STATS_KINDS}>{(k) => <option value={k.kind}>{k.label}</option>}</For>
            </select>
          </label>
          <label>
            <span>Of trait</span>
            <select name="stat-trait" value={stats().trait} onChange={(e) => props.onChange({ ...stats(), trait: e.currentTarget.value })}>
              {/* selected per option: the traits arrive after the select is made, and a select's value set before its options is lost */}
              <For each={props.traits}>
                {(t) => (
                  <option value={t.slug} selected={t.slug === stats().trait}>
                    {t.title}
                  </option>
                )}
              </For>
            </select>
          </label>
          <label>
            <span>Model <span class="hint">· optional</span></span>
            <select name="stat-model" value={stats().model} onChange={(e) => props.onChange({ ...stats(), model: e.currentTarget.value })}>
              <option value="">every model</option>
              <For each={props.models}>
                {(m) => (
                  <option value={m.name} selected={m.name === stats().model}>
                    {m.name}
                  </option>
                )}
              </For>
            </select>
          </label>
          <label>
            <span>How many</span>
            <input name="limit" type="number" min="1" max="1000" value={stats().limit} onInput={(e) => props.onChange({ ...stats(), limit: e.currentTarget.value })} />
          </label>
        </div>
      </Show>
    </fieldset>
  );
}
