import { For, Show } from 'solid-js';
import type { ItemSide } from '../../api/labeling.ts';
import type { EvidenceQuote } from '../../lib/evidence.ts';
import type { Side } from '../../lib/label-evidence.ts';
import { MessageView } from '../MessageView.tsx';
import { SystemPrompt } from '../SystemPrompt.tsx';

/** A metadata value as text: strings as they are, anything else as JSON (never as markup). */
function metadataText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

/**
 * One transcript of an item, as the server sent it for this labeler: the messages, the system prompt, the
 * metadata keys the queue shows, and — only in a queue that is not blind — which model and scenario it is.
 * `data-side` and each turn's `data-turn` are what a selection's evidence is read from.
 */
export function LabelSide(props: { side: ItemSide; which: Side; heading: string | null; quotes: ReadonlyMap<number, EvidenceQuote[]> }) {
  const metadata = () => Object.entries(props.side.metadata);
  const identity = () => [
    ...(props.side.model !== undefined ? [{ term: 'Model', text: props.side.model }] : []),
    ...(props.side.scenario !== undefined ? [{ term: 'Scenario', text: props.side.scenario }] : []),
    ...(props.side.transcriptId !== undefined ? [{ term: 'Transcript', text: props.side.transcriptId }] : []),
  ];
  return (
    <section class="label-side turn-stack" data-side={props.which} aria-label={props.heading ?? 'Transcript'}>
      <Show when={props.heading}>{(heading) => <h2 class="side-heading">{heading()}</h2>}</Show>
      <Show when={identity().length > 0 || metadata().length > 0}>
        <dl class="meta side-meta">
          <For each={identity()}>
            {(row) => (
              <div>
                <dt>{row.term}</dt>
                <dd>{row.text}</dd>
              </div>
            )}
          </For>
          <For each={metadata()}>
            {([key, value]) => (
              <div>
                <dt>{key}</dt>
                <dd>{metadataText(value)}</dd>
              </div>
            )}
          </For>
        </dl>
      </Show>
      <Show when={props.side.system}>{(system) => <SystemPrompt text={system()} />}</Show>
      <For each={props.side.messages}>{(message) => <MessageView message={message} targeted={false} quotes={props.quotes.get(message.index)} idPrefix={`${props.which}-`} />}</For>
    </section>
  );
}
