import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { TranscriptRow } from '../api/client.ts';
import { formatDateTime } from '../lib/format.ts';
import { listSearch, type ListFilters } from '../lib/list-query.ts';

/** The compact list: one row per transcript, the scenario cell links to it, tags narrow the list. */
export function TranscriptTable(props: { rows: TranscriptRow[]; filters: ListFilters }) {
  return (
    <div class="table-wrap">
      <table class="transcripts">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Scenario</th>
            <th scope="col" class="num">
              Sample
            </th>
            <th scope="col">Tags</th>
            <th scope="col" class="num">
              Turns
            </th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row) => (
              <tr>
                <td class="model">{row.model}</td>
                <td class="scenario">
                  <A href={`/transcripts/${encodeURIComponent(row.id)}`} title={`External id: ${row.externalId}`}>
                    {row.scenario}
                  </A>
                </td>
                <td class="num">{row.sample}</td>
                <td class="tags">
                  <For each={row.tags}>
                    {(tag) => (
                      <A class="tag" href={`/transcripts${listSearch({ ...props.filters, tag })}`} title={`Show only transcripts tagged ${tag}`}>
                        {tag}
                      </A>
                    )}
                  </For>
                  <Show when={row.tags.length === 0}>
                    <span class="muted">—</span>
                  </Show>
                </td>
                <td class="num">{row.messageCount}</td>
                <td class="created">
                  <time datetime={row.createdAt}>{formatDateTime(row.createdAt)}</time>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
