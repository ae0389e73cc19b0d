import type { MessageRole, StoredBlock } from '../../db/schema/index.ts';

/**
 * What charlens knows about the thinking of one assistant message: the one definition every page, endpoint
 * and export uses (computed at ingest, stored on the message; rows from before are measured on start).
 *
 * - `blocks`: `thinking` blocks; `chars`: their text in Unicode characters (code points), summed.
 * - `redacted`: `redacted_thinking` blocks, counted apart (their content is encrypted: no length).
 * - `interleaved`: thinking or redacted blocks between tool calls — after a `tool_use` in the same message,
 *   or in a message that answers tool results (the message before it carries a `tool_result`, or is a tool
 *   message).
 * - `tokens`: the thinking tokens the upload reports for the message, when it does.
 * A message "thought" when it has at least one thinking or redacted block. Only assistant messages think;
 * every other message measures zero.
 */
export interface MessageThinking {
  blocks: number;
  chars: number;
  redacted: number;
  interleaved: number;
  tokens: number | null;
}

export const NO_THINKING: MessageThinking = { blocks: 0, chars: 0, redacted: 0, interleaved: 0, tokens: null };

interface MessageForThinking {
  role: MessageRole;
  content: string | readonly StoredBlock[] | readonly { type: string }[];
}

/** Characters as a reader counts them: a surrogate pair (an emoji, a rare CJK character) is one. */
export function codePoints(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = text.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) pairs++;
    }
  }
  return text.length - pairs;
}

function carriesToolResult(message: MessageForThinking | undefined): boolean {
  if (!message) return false;
  if (message.role === 'tool') return true;
  return typeof message.content !== 'string' && message.content.some((b) => b.type === 'tool_result');
}

/** The thinking of `message`, given the message before it (for interleaving) and the tokens the upload gave. */
export function measureThinking(message: MessageForThinking, previous: MessageForThinking | undefined, tokens: number | null = null): MessageThinking {
  if (message.role !== 'assistant') return NO_THINKING;
  const out: MessageThinking = { blocks: 0, chars: 0, redacted: 0, interleaved: 0, tokens };
  if (typeof message.content === 'string') return out;
  let afterTool = carriesToolResult(previous);
  for (const block of message.content as readonly StoredBlock[]) {
    if (block.type === 'tool_use') afterTool = true;
    const thinking = block.type === 'thinking';
    if (!thinking && block.type !== 'redacted_thinking') continue;
    if (thinking) {
      out.blocks++;
      out.chars += typeof block['thinking'] === 'string' ? codePoints(block['thinking']) : 0;
    } else {
      out.redacted++;
    }
    if (afterTool) out.interleaved++;
  }
  return out;
}

/** Every message of a transcript, in order. */
export function measureTranscript(messages: readonly (MessageForThinking & { thinkingTokens?: number | null | undefined })[]): MessageThinking[] {
  return messages.map((m, i) => measureThinking(m, messages[i - 1], m.thinkingTokens ?? null));
}

export function thought(t: Pick<MessageThinking, 'blocks' | 'redacted'>): boolean {
  return t.blocks + t.redacted > 0;
}
