import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { QueueDetail } from '../../api/labeling.ts';
import { formatSecondsPerItem } from '../../lib/label-progress.ts';

type LabelerRow = QueueDetail['labelers'][number];
type ItemRow = QueueDetail['items'][number];

function goldText(g: LabelerRow['gold']): string {
  return g.accuracy === null ? '—' : `${Math.round(g.accuracy * 100)}% (${g.correct} of ${g.items})`;
}

/** Each labeler's progress: items done, held now, median time per item, accuracy on gold items. */
export function LabelersTable(props: { labelers: readonly LabelerRow[] }) {
  return (
    <div class="table-wrap">
      <table class="matrix stack-table labelers-table">
        <thead>
          <tr>
            <th scope="col">Labeler</th>
            <th scope="col" class="num">Done</th>
            <th scope="col" class="num">Leased</th>
            <th scope="col" class="num">Median time per item</th>
            <th scope="col" class="num">Gold accuracy</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.labelers}>
            {(l) => (
              <tr data-labeler={l.email}>
                <td class="labeler-email" data-label="Labeler">{l.email}</td>
                <td class="num" data-label="Done">{l.done}</td>
                <td class="num" data-label="Leased">{l.leased}</td>
                <td class="num" data-label="Median time">{formatSecondsPerItem(l.medianSecondsPerItem)}</td>
                <td class="num" data-label="Gold">{goldText(l.gold)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function TranscriptLink(props: { id: string }) {
  return (
    <A href={`/transcripts/${encodeURIComponent(props.id)}`}>
      <code>{props.id}</code>
    </A>
  );
}

/** Each item: its transcript (two, pairwise), whether it is gold, labels done of the overlap, leases held. */
export function ItemsTable(props: { items: readonly ItemRow[]; overlap: number }) {
  return (
    <div class="table-wrap">
      <table class="matrix stack-table items-table">
        <thead>
          <tr>
            <th scope="col" class="num">#</th>
            <th scope="col">Transcript</th>
            <th scope="col">Gold</th>
            <th scope="col" class="num">Done</th>
            <th scope="col" class="num">Leased</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(i) => (
              <tr classList={{ complete: i.done >= props.overlap }} data-item={i.id}>
                <td class="num" data-label="#">{i.position + 1}</td>
                <td class="item-transcripts" data-label="Transcript">
                  <TranscriptLink id={i.transcriptId} />
                  <Show when={i.transcriptBId}>
                    {(b) => (
                      <>
                        {' vs '}
                        <TranscriptLink id={b()} />
                      </>
                    )}
                  </Show>
                </td>
                <td data-label="Gold">{i.gold ? 'gold' : ''}</td>
                <td class="num" data-label="Done">
                  {i.done} of {props.overlap}
                </td>
                <td class="num" data-label="Leased">{i.leased}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
