import { createMemo, For } from 'solid-js';
import type { Message } from '../api/client.ts';
import { shapeContent } from '../lib/message-blocks.ts';
import { BlockView } from './BlockView.tsx';

/** One turn: its index (a link to itself), its role, and its blocks in order. */
export function MessageView(props: { message: Message; targeted: boolean }) {
  const blocks = createMemo(() => shapeContent(props.message.content));
  const anchor = () => `turn-${props.message.index}`;
  return (
    <article
      id={anchor()}
      class={`message role-${props.message.role}`}
      classList={{ targeted: props.targeted }}
      aria-labelledby={`${anchor()}-label`}
    >
      <header class="message-head">
        <a class="turn-link" href={`#${anchor()}`} title="Link to this turn">
          #{props.message.index}
        </a>
        <span class="role" id={`${anchor()}-label`}>
          {props.message.role}
        </span>
      </header>
      <For each={blocks()}>{(block) => <BlockView block={block} />}</For>
    </article>
  );
}
