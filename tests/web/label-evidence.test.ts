import { describe, expect, test } from 'vitest';
import { evidenceFromSelection, keepEvidence, MAX_EVIDENCE, messageTexts, turnOfNode, type ElementLike, type KeptEvidence, type NodeLike, type TurnRef } from '../../web/src/lib/label-evidence.ts';

/** A stand-in for the page's DOM: elements with attributes and a parent, answering `[attr]` selectors as `closest` does. */
class FakeElement implements ElementLike, NodeLike {
  constructor(
    private readonly attrs: Record<string, string>,
    readonly parentElement: FakeElement | null,
  ) {}
  getAttribute(name: string): string | null {
    return this.attrs[name] ?? null;
  }
  closest(selector: string): FakeElement | null {
    const attr = /^\[([a-z-]+)\]$/.exec(selector)?.[1];
    if (!attr) throw new Error(`the fake answers [attr] selectors only, not ${selector}`);
    return attr in this.attrs ? this : (this.parentElement?.closest(selector) ?? null);
  }
}

function textIn(parent: FakeElement): NodeLike {
  return { parentElement: parent };
}

/** Two transcripts side by side, as the labeling page lays them out: side → turn → block → paragraph. */
function page() {
  const root = new FakeElement({}, null);
  const first = new FakeElement({ 'data-side': 'first' }, root);
  const second = new FakeElement({ 'data-side': 'second' }, root);
  const turn = (side: FakeElement, index: number) => new FakeElement({ 'data-turn': String(index) }, side);
  const paragraph = (t: FakeElement) => new FakeElement({}, new FakeElement({ class: 'text md' }, t));
  return { root, first, second, turn, paragraph };
}

const messages: Record<string, string[]> = {
  'first:1': ['No — it is **really** rock, mostly silicate minerals.'],
  'first:2': ['Another turn.'],
  'second:1': ['Cheese, obviously.'],
};
const textsOf = (t: TurnRef) => messages[`${t.side}:${t.index}`] ?? [];

describe('the turn a selected node is in', () => {
  test('from a text node deep in a turn, and from the turn element itself', () => {
    const p = page();
    const t1 = p.turn(p.first, 1);
    expect(turnOfNode(textIn(p.paragraph(t1)))).toEqual({ side: 'first', index: 1 });
    expect(turnOfNode(t1)).toEqual({ side: 'first', index: 1 });
    expect(turnOfNode(textIn(p.paragraph(p.turn(p.second, 3))))).toEqual({ side: 'second', index: 3 });
  });

  test('outside any turn, or a turn outside the labeled transcript, is no turn', () => {
    const p = page();
    expect(turnOfNode(textIn(p.root))).toBeNull();
    expect(turnOfNode(null)).toBeNull();
    const stray = new FakeElement({ 'data-turn': '0' }, p.root);
    expect(turnOfNode(stray)).toBeNull();
    expect(turnOfNode(new FakeElement({ 'data-turn': 'x' }, p.first))).toBeNull();
  });
});

describe('evidence from a selection', () => {
  test('a selection in one turn keeps its turn and, found in the raw message, the raw text (Markdown markers and all)', () => {
    const p = page();
    const node = textIn(p.paragraph(p.turn(p.first, 1)));
    expect(evidenceFromSelection({ text: '  it is really rock ', anchor: node, focus: node }, textsOf)).toEqual({
      ok: true,
      evidence: { side: 'first', message_index: 1, quote: 'it is **really** rock' },
    });
  });

  test('a selection not found in the raw text is kept as selected', () => {
    const p = page();
    const node = textIn(p.paragraph(p.turn(p.second, 1)));
    expect(evidenceFromSelection({ text: 'Tool call echo', anchor: node, focus: node }, textsOf)).toEqual({ ok: true, evidence: { side: 'second', message_index: 1, quote: 'Tool call echo' } });
  });

  test('nothing selected, a selection across two turns or two sides, or outside the transcript: a reason instead', () => {
    const p = page();
    const a = textIn(p.paragraph(p.turn(p.first, 1)));
    const b = textIn(p.paragraph(p.turn(p.first, 2)));
    const c = textIn(p.paragraph(p.turn(p.second, 1)));
    expect(evidenceFromSelection({ text: '   ', anchor: a, focus: a }, textsOf)).toEqual({ ok: false, reason: 'Select some text in a message first, then press e.' });
    expect(evidenceFromSelection({ text: 'rock. Another', anchor: a, focus: b }, textsOf)).toEqual({ ok: false, reason: 'The selection spans two messages: select within one message.' });
    expect(evidenceFromSelection({ text: 'rock Cheese', anchor: a, focus: c }, textsOf)).toEqual({ ok: false, reason: 'The selection spans two messages: select within one message.' });
    expect(evidenceFromSelection({ text: 'Labeling', anchor: textIn(p.root), focus: a }, textsOf)).toEqual({ ok: false, reason: 'Select text inside one message of the transcript.' });
  });

  test('a NUL character (which the server refuses) cuts the quote to its longest piece without one', () => {
    const p = page();
    const node = textIn(p.paragraph(p.turn(p.first, 2)));
    expect(evidenceFromSelection({ text: 'NUL: a\u0000bc', anchor: node, focus: node }, textsOf)).toEqual({ ok: true, evidence: { side: 'first', message_index: 2, quote: 'NUL: a' } });
    expect(evidenceFromSelection({ text: '\u0000', anchor: node, focus: node }, textsOf)).toEqual({ ok: false, reason: 'The selection has no text that can be kept.' });
  });

  test('a quote longer than the server keeps is refused with its length', () => {
    const p = page();
    const node = textIn(p.paragraph(p.turn(p.first, 2)));
    expect(evidenceFromSelection({ text: 'x'.repeat(5001), anchor: node, focus: node }, textsOf)).toEqual({ ok: false, reason: 'The selection is 5,001 characters; a quote can be at most 5,000.' });
  });
});

describe('the kept quotes', () => {
  const quote: KeptEvidence = { side: 'first', message_index: 1, quote: 'rock' };
  test('a repeat is not kept twice; the same words in another turn are', () => {
    expect(keepEvidence([quote], quote)).toEqual({ ok: false, reason: 'That quote is already kept.' });
    expect(keepEvidence([quote], { ...quote, message_index: 2 })).toEqual({ ok: true, kept: [quote, { ...quote, message_index: 2 }] });
  });
  test('at most the server’s cap', () => {
    const full = Array.from({ length: MAX_EVIDENCE }, (_, i) => ({ ...quote, message_index: i }));
    expect(keepEvidence(full, { ...quote, message_index: 999 })).toEqual({ ok: false, reason: 'At most 50 quotes per label.' });
  });
});

describe('the texts a selection can come from', () => {
  test('text, thinking and tool result text of a message; not tool input or images', () => {
    expect(messageTexts('plain')).toEqual(['plain']);
    expect(
      messageTexts([
        { type: 'thinking', thinking: 'hmm' },
        { type: 'text', text: 'answer' },
        { type: 'tool_use', id: 't', name: 'echo', input: { a: 1 } },
        { type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'echoed' }, { type: 'image', source: { type: 'url', url: 'https://x' } }] },
      ]),
    ).toEqual(['hmm', 'answer', 'echoed']);
  });
});
