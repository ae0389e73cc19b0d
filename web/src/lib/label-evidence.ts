import { locateQuote } from './evidence.ts';
import { shapeContent } from './message-blocks.ts';

/**
 * A labeler's evidence: text selected in one turn of the item, kept as `{side, message_index, quote}`. The turn
 * comes from the page itself (each turn's `data-turn`, each transcript's `data-side`), so what is sent is what
 * the labeler saw selected. The reader shows rendered Markdown while the server checks quotes against the raw
 * message, so a selection found in the raw text (across `**`, `_` and the like) is sent as that raw text.
 */

export type Side = 'first' | 'second';

export interface TurnRef {
  side: Side;
  index: number;
}

export interface KeptEvidence {
  side: Side;
  message_index: number;
  quote: string;
}

/** The server's limits on a label's evidence (server/schemas/labeling.ts `labelBody`). */
export const MAX_QUOTE_CHARS = 5000;
export const MAX_EVIDENCE = 50;

/** What the adapter reads of a DOM element; a real Element is one, and tests hand in plain objects. */
export interface ElementLike {
  getAttribute(name: string): string | null;
  closest(selector: string): ElementLike | null;
}

/** A DOM node: a text node has a parent element; an element also answers `closest` itself. */
export interface NodeLike {
  parentElement: ElementLike | null;
  closest?: (selector: string) => ElementLike | null;
}

export interface SelectionLike {
  text: string;
  anchor: NodeLike | null;
  focus: NodeLike | null;
}

/** The labeled turn a node is in: its `[data-turn]` inside a `[data-side]` transcript, or null outside both. */
export function turnOfNode(node: NodeLike | null): TurnRef | null {
  if (!node) return null;
  const turn = node.closest ? node.closest('[data-turn]') : (node.parentElement?.closest('[data-turn]') ?? null);
  if (!turn) return null;
  const side = turn.closest('[data-side]')?.getAttribute('data-side');
  const index = Number(turn.getAttribute('data-turn'));
  if ((side !== 'first' && side !== 'second') || !Number.isInteger(index) || index < 0) return null;
  return { side, index };
}

/** The readable texts of a message as stored: what a selection in its turn can come from. */
export function messageTexts(content: unknown): string[] {
  const texts: string[] = [];
  for (const block of shapeContent(content)) {
    if (block.kind === 'text' || block.kind === 'thinking') texts.push(block.text);
    else if (block.kind === 'tool_result') for (const part of block.parts) if (part.kind === 'text') texts.push(part.text);
  }
  return texts;
}

/**
 * The server stores no NUL character (server/lib/text.ts), yet a transcript may carry one: a quote across it keeps
 * its longest NUL-free piece, which is still word for word in the message.
 */
function withoutNul(quote: string): string {
  if (!quote.includes('\u0000')) return quote;
  return quote.split('\u0000').reduce((longest, piece) => (piece.trim().length > longest.length ? piece.trim() : longest), '');
}

/** The selected text as it is in the raw message (one direct match), else as selected. */
function rawQuote(selected: string, texts: readonly string[]): string {
  for (const text of texts) {
    const ranges = locateQuote(text, selected);
    const [only] = ranges;
    if (ranges.length === 1 && only) return text.slice(only.start, only.end);
  }
  return selected;
}

export type EvidencePick = { ok: true; evidence: KeptEvidence } | { ok: false; reason: string };

/** The evidence a selection makes, or why it makes none, in words for the labeler. */
export function evidenceFromSelection(selection: SelectionLike, textsOf: (turn: TurnRef) => readonly string[]): EvidencePick {
  const selected = selection.text.trim();
  if (!selected) return { ok: false, reason: 'Select some text in a message first, then press e.' };
  const start = turnOfNode(selection.anchor);
  const end = turnOfNode(selection.focus);
  if (!start || !end) return { ok: false, reason: 'Select text inside one message of the transcript.' };
  if (start.side !== end.side || start.index !== end.index) return { ok: false, reason: 'The selection spans two messages: select within one message.' };
  const quote = withoutNul(rawQuote(selected, textsOf(start)));
  if (!quote) return { ok: false, reason: 'The selection has no text that can be kept.' };
  if (quote.length > MAX_QUOTE_CHARS) return { ok: false, reason: `The selection is ${quote.length.toLocaleString('en')} characters; a quote can be at most ${MAX_QUOTE_CHARS.toLocaleString('en')}.` };
  return { ok: true, evidence: { side: start.side, message_index: start.index, quote } };
}

/** The kept list with one more quote: a repeat is not kept twice, and the server's cap holds. */
export function keepEvidence(kept: readonly KeptEvidence[], next: KeptEvidence): { ok: true; kept: KeptEvidence[] } | { ok: false; reason: string } {
  if (kept.some((e) => e.side === next.side && e.message_index === next.message_index && e.quote === next.quote)) return { ok: false, reason: 'That quote is already kept.' };
  if (kept.length >= MAX_EVIDENCE) return { ok: false, reason: `At most ${MAX_EVIDENCE} quotes per label.` };
  return { ok: true, kept: [...kept, next] };
}
