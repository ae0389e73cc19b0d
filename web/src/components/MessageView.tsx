import { createMemo, For, Show } from 'solid-js';
import type { Message } from '../api/client.ts';
import type { EvidenceQuote } from '../lib/evidence.ts';
import type { TurnMark } from '../lib/lanes.ts';
import { shapeContent } from '../lib/message-blocks.ts';
import { formatScoreValue, turnRangeLabel } from '../lib/scores.ts';
import { thinkingLine, thought } from '../lib/thinking.ts';
import { traitCatalogue } from '../stores/trait-catalogue.ts';
import { BlockView } from './BlockView.tsx';
import { useReaderText } from './ReaderText.tsx';

/**
 * One turn: its index (a link to itself), its role, the turn-range scores that cover it (as marks beside
 * it), and its blocks in order with the evidence quotes of this turn highlighted.
 */
export function MessageView(props: {
  /** The labeling page sends messages without the thinking measures; the reader and compare have them. */
  message: Omit<Message, 'thinking'> & Partial<Pick<Message, 'thinking'>>;
  targeted: boolean;
  quotes?: readonly EvidenceQuote[];
  marks?: readonly TurnMark[];
  onMark?: (mark: TurnMark) => void;
  /** Prefix of the element ids, so two transcripts side by side keep unique ids. */
  idPrefix?: string;
}) {
  const blocks = createMemo(() => shapeContent(props.message.content));
  const context = useReaderText();
  // How long it thought, in the head, so turns side by side line up on it (issue 13).
  const thinking = () => (props.message.role === 'assistant' ? props.message.thinking : undefined);
  const anchor = () => `${props.idPrefix ?? ''}turn-${props.message.index}`;
  // Zero means "none seen" for Spiral-Bench's incident counts: only the turns where something happened get a mark.
  const shownMarks = () => (props.marks ?? []).filter((m) => m.value !== 0);
  return (
    <article
      id={anchor()}
      class={`message role-${props.message.role}`}
      classList={{ targeted: props.targeted }}
      aria-labelledby={`${anchor()}-label`}
      data-turn={props.message.index}
    >
      <header class="message-head">
        <a class="turn-link" href={`#${anchor()}`} title="Link to this turn">
          #{props.message.index}
        </a>
        <span class="role" id={`${anchor()}-label`}>
          {props.message.role}
        </span>
        <Show when={thinking()}>
          {(t) => (
            <span class="thinking-measure" classList={{ thought: thought(t()) }} title="Thinking blocks in this turn, as the statistics count them (redacted blocks are encrypted: no length)">
              {thinkingLine(t())}
            </span>
          )}
        </Show>
        <Show when={shownMarks().length > 0}>
          <ul class="turn-marks" aria-label="Scores covering this turn">
            <For each={shownMarks()}>
              {(mark) => (
                <li>
                  <button
                    type="button"
                    class={`turn-mark ${context.traitColour(mark.trait)}`}
                    data-trait={mark.trait}
                    title={`${traitCatalogue.label(mark.trait).text}: ${formatScoreValue(mark.value)} for ${turnRangeLabel(mark.start, mark.end) ?? ''}. Show the evidence`}
                    onClick={() => props.onMark?.(mark)}
                  >
                    {traitCatalogue.label(mark.trait).title} <strong>{formatScoreValue(mark.value)}</strong>
                    <span class="mark-scale"> / {traitCatalogue.label(mark.trait).scale}</span>
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </header>
      <For each={blocks()}>{(block) => <BlockView block={block} quotes={props.quotes} />}</For>
    </article>
  );
}
