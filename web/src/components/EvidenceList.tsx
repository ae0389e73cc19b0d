import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { PlainText } from './ReaderText.tsx';

export interface EvidenceItem {
  message_index: number;
  quote: string;
  verified: boolean;
}

/**
 * A score's evidence quotes, each marked verified (found in the turn it cites) or not, with a link to that
 * turn: on the transcript page itself (`transcriptId` absent) or on another page's transcript.
 */
export function EvidenceList(props: { evidence: EvidenceItem[]; transcriptId?: string }) {
  const turnHref = (index: number) => (props.transcriptId ? `/transcripts/${encodeURIComponent(props.transcriptId)}#turn-${index}` : `#turn-${index}`);
  return (
    <Show when={props.evidence.length > 0}>
      <ul class="evidence" aria-label="Evidence">
        <For each={props.evidence}>
          {(e) => (
            <li classList={{ unverified: !e.verified }}>
              <PlainText tag="blockquote" text={e.quote} />
              <span class="evidence-meta">
                <Show
                  when={e.verified}
                  fallback={
                    <span class="unverified-mark" title="This quote was not found in the turn it cites">
                      ⚠ unverified
                    </span>
                  }
                >
                  <span class="verified-mark" title="This quote was found in the turn it cites">
                    ✓ verified
                  </span>
                </Show>{' '}
                ·{' '}
                <Show when={props.transcriptId} fallback={<a href={turnHref(e.message_index)}>turn {e.message_index}</a>}>
                  <A href={turnHref(e.message_index)}>turn {e.message_index}</A>
                </Show>
              </span>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
