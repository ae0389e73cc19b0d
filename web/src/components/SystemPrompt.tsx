import { formatCount } from '../lib/format.ts';
import { countChars } from '../lib/message-blocks.ts';
import { PlainText } from './ReaderText.tsx';

/** System prompts up to this long start open; longer ones would push the conversation off the first screen. */
const OPEN_SYSTEM_PROMPT_CHARS = 600;

/** A transcript's system prompt, above its turns: the reader's and the labeling page's. */
export function SystemPrompt(props: { text: string }) {
  const chars = () => countChars(props.text);
  return (
    <details class="system-prompt" open={chars() <= OPEN_SYSTEM_PROMPT_CHARS}>
      <summary>
        System prompt <span class="muted">· {formatCount(chars(), 'character', 'characters')}</span>
      </summary>
      <PlainText text={props.text} />
    </details>
  );
}
