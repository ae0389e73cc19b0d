import { isBlockTag, type SafeElement, type SafeNode } from './markdown.ts';

/**
 * Finding a judge's evidence quote in a turn's text, and marking it. Quotes are copied from the raw
 * message (Markdown markers and all) while the reader shows rendered text, and judges collapse spaces
 * and straighten quotes; so both sides are compared in a normal form that drops Markdown markers,
 * collapses whitespace, ignores case and folds typographic quotes and dashes.
 */

const MARKDOWN_MARKERS = new Set(['*', '_', '`', '#', '>', '~']);
const FOLD: Record<string, string> = { '‘': "'", '’': "'", '“': '"', '”': '"', '–': '-', '—': '-', '\u00a0': ' ' };

/** The normal form of `text`, and for each of its characters the index in `text` it came from. */
export function normalizeForMatch(text: string): { normal: string; origin: number[] } {
  let normal = '';
  const origin: number[] = [];
  // Where the run of whitespace now being collapsed began, or -1.
  let spaceAt = -1;
  for (let i = 0; i < text.length; i++) {
    const raw = text[i] ?? '';
    if (MARKDOWN_MARKERS.has(raw)) continue;
    const ch = FOLD[raw] ?? raw;
    if (/\s/.test(ch)) {
      if (normal.length > 0 && spaceAt < 0) spaceAt = i;
      continue;
    }
    if (spaceAt >= 0) {
      normal += ' ';
      origin.push(spaceAt);
      spaceAt = -1;
    }
    normal += ch.toLowerCase();
    origin.push(i);
  }
  return { normal, origin };
}

export interface TextRange {
  start: number;
  end: number;
}

/** Pieces of a quote that a judge shortened with an ellipsis; each piece is looked for on its own. */
function quotePieces(quote: string): string[] {
  return quote
    .split(/\.\.\.|…/)
    .map((p) => p.trim())
    .filter((p) => normalizeForMatch(p).normal.length >= 8);
}

/**
 * Where `quote` is in `text`, as ranges of `text` (one per piece of an elided quote), or [] when it is
 * not there. Searching from `from` lets repeated pieces land in order.
 */
export function locateQuote(text: string, quote: string): TextRange[] {
  const hay = normalizeForMatch(text);
  const whole = normalizeForMatch(quote).normal;
  if (!whole) return [];
  const find = (needle: string, from: number): TextRange | null => {
    const at = hay.normal.indexOf(needle, from);
    if (at < 0) return null;
    const start = hay.origin[at] ?? 0;
    const end = (hay.origin[at + needle.length - 1] ?? start) + 1;
    return { start, end };
  };
  const direct = find(whole, 0);
  if (direct) return [direct];
  const pieces = quotePieces(quote);
  if (pieces.length < 2) return [];
  const ranges: TextRange[] = [];
  let from = 0;
  for (const piece of pieces) {
    const needle = normalizeForMatch(piece).normal;
    const at = hay.normal.indexOf(needle, from);
    if (at < 0) return [];
    from = at + needle.length;
    const start = hay.origin[at] ?? 0;
    ranges.push({ start, end: (hay.origin[at + needle.length - 1] ?? start) + 1 });
  }
  return ranges;
}

export interface EvidenceQuote {
  /** Unique per quote: `scoreId:n`. */
  id: string;
  quote: string;
  /** The trait's colour class (`trait-c3`, lib/trait-colour.ts), or '' for a plain highlight. */
  colour: string;
  /** What the highlight is, for its tooltip: "Pushback · Spiral-Bench — imported score 2 (turns 3–4)". */
  label: string;
}

interface Leaf {
  node: string;
  start: number;
}

/** The text of a tree as a reader sees it, with a line break between blocks, and where each string sits in it. */
export function treeText(nodes: readonly SafeNode[]): { text: string; leaves: Leaf[] } {
  let text = '';
  const leaves: Leaf[] = [];
  const walk = (list: readonly SafeNode[]) => {
    for (const n of list) {
      if (typeof n === 'string') {
        leaves.push({ node: n, start: text.length });
        text += n;
      } else {
        if (isBlockTag(n.tag) && text && !text.endsWith('\n')) text += '\n';
        walk(n.children);
        if (isBlockTag(n.tag) && text && !text.endsWith('\n')) text += '\n';
      }
    }
  };
  walk(nodes);
  return { text, leaves };
}

interface Marked {
  start: number;
  end: number;
  ids: string[];
  /** One colour when every quote covering the segment has it, else `several` (striped). */
  colour: string;
  title: string;
}

/**
 * The tree with every quote found in it wrapped in `<mark data-evidence="ids">`, and the ids of the
 * quotes found. Overlapping quotes split into segments that name every quote covering them.
 */
export function highlightTree(nodes: readonly SafeNode[], quotes: readonly EvidenceQuote[]): { nodes: SafeNode[]; found: Set<string> } {
  const found = new Set<string>();
  if (!quotes.length) return { nodes: [...nodes], found };
  const { text } = treeText(nodes);
  const ranges: { start: number; end: number; q: EvidenceQuote }[] = [];
  for (const q of quotes) {
    const located = locateQuote(text, q.quote);
    if (located.length) found.add(q.id);
    for (const r of located) ranges.push({ ...r, q });
  }
  if (!ranges.length) return { nodes: [...nodes], found };
  // Elementary segments between all range boundaries, each with the quotes that cover it.
  const cuts = [...new Set(ranges.flatMap((r) => [r.start, r.end]))].sort((a, b) => a - b);
  const segments: Marked[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] ?? 0;
    const end = cuts[i + 1] ?? 0;
    const covering = ranges.filter((r) => r.start <= start && r.end >= end);
    if (!covering.length) continue;
    const colours = new Set(covering.map((r) => r.q.colour));
    const titles = [...new Set(covering.map((r) => r.q.label).filter(Boolean))];
    segments.push({
      start,
      end,
      ids: [...new Set(covering.map((r) => r.q.id))],
      colour: colours.size === 1 ? (covering[0]?.q.colour ?? '') : 'several',
      title: titles.length > 1 ? `Evidence of ${titles.length} scores: ${titles.join('; ')}` : (titles[0] ?? ''),
    });
  }
  return { nodes: rebuildWithSeparators(nodes, segments), found };
}

/** Walks the tree exactly as `treeText` does, cutting strings at segment boundaries. */
function rebuildWithSeparators(nodes: readonly SafeNode[], segments: readonly Marked[]): SafeNode[] {
  let length = 0;
  let lastChar = '';
  const addSeparator = () => {
    if (length > 0 && lastChar !== '\n') {
      length += 1;
      lastChar = '\n';
    }
  };
  const walk = (list: readonly SafeNode[]): SafeNode[] => {
    const out: SafeNode[] = [];
    for (const n of list) {
      if (typeof n === 'string') {
        out.push(...splitLeaf(n, length, segments));
        length += n.length;
        if (n.length) lastChar = n[n.length - 1] ?? '';
      } else {
        const isBlock = isBlockTag(n.tag);
        if (isBlock) addSeparator();
        const children = walk(n.children);
        if (isBlock) addSeparator();
        out.push(n.attrs ? { tag: n.tag, attrs: n.attrs, children } : { tag: n.tag, children });
      }
    }
    return out;
  };
  return walk(nodes);
}

function splitLeaf(text: string, at: number, segments: readonly Marked[]): SafeNode[] {
  const end = at + text.length;
  const inside = segments.filter((s) => s.start < end && s.end > at);
  if (!inside.length) return [text];
  const out: SafeNode[] = [];
  let cursor = at;
  for (const s of inside) {
    const from = Math.max(s.start, at);
    const to = Math.min(s.end, end);
    if (from > cursor) out.push(text.slice(cursor - at, from - at));
    const attrs: SafeElement['attrs'] = { 'data-evidence': s.ids.join(' '), class: s.colour ? `evidence-mark ${s.colour}` : 'evidence-mark' };
    if (s.title) attrs.title = s.title;
    out.push({ tag: 'mark', attrs, children: [text.slice(from - at, to - at)] });
    cursor = to;
  }
  if (cursor < end) out.push(text.slice(cursor - at));
  return out;
}

export interface EvidenceScoreLike {
  id: string;
  trait: string;
  status: string;
  evidence: readonly { message_index: number; quote: string }[];
}

/**
 * Every evidence quote of the valid scores, by the message it cites, with ids `scoreId:n`; `colourOf` and
 * `labelOf` give each its trait's colour class and its tooltip.
 */
export function quotesByMessage<S extends EvidenceScoreLike>(scores: readonly S[], colourOf: (score: S) => string = () => '', labelOf: (score: S) => string = () => ''): Map<number, EvidenceQuote[]> {
  const byMessage = new Map<number, EvidenceQuote[]>();
  for (const s of scores) {
    if (s.status !== 'valid') continue;
    const colour = colourOf(s);
    const label = labelOf(s);
    s.evidence.forEach((e, n) => {
      byMessage.set(e.message_index, [...(byMessage.get(e.message_index) ?? []), { id: `${s.id}:${n}`, quote: e.quote, colour, label }]);
    });
  }
  return byMessage;
}
