import type { SafeNode } from './markdown.ts';

/**
 * Characters that change how text around them is shown without being seen themselves: bidi controls (an
 * RTL override can make `exe.txt` read `txt.exe`, or flip the UI beside a message) and zero-width
 * characters (hidden words, look-alike strings). The reader shows each as a marked placeholder naming it,
 * so the text reads as it is stored. The character itself stays, alone in its own bidi-isolated span
 * (components/reader-text.css), where it has nothing to act on; the name is drawn by CSS (`attr(data-char)`),
 * so copying, searching and selecting evidence still see the text exactly as it was uploaded.
 */
const NAMES: Record<number, [string, string]> = {
  0x061c: ['ALM', 'arabic letter mark'],
  0x200e: ['LRM', 'left-to-right mark'],
  0x200f: ['RLM', 'right-to-left mark'],
  0x202a: ['LRE', 'left-to-right embedding'],
  0x202b: ['RLE', 'right-to-left embedding'],
  0x202c: ['PDF', 'pop directional formatting'],
  0x202d: ['LRO', 'left-to-right override'],
  0x202e: ['RLO', 'right-to-left override'],
  0x2066: ['LRI', 'left-to-right isolate'],
  0x2067: ['RLI', 'right-to-left isolate'],
  0x2068: ['FSI', 'first strong isolate'],
  0x2069: ['PDI', 'pop directional isolate'],
  0x200b: ['ZWSP', 'zero-width space'],
  0x200c: ['ZWNJ', 'zero-width non-joiner'],
  0x200d: ['ZWJ', 'zero-width joiner'],
  0x2060: ['WJ', 'word joiner'],
  0xfeff: ['BOM', 'zero-width no-break space'],
  0x0000: ['NUL', 'null character'],
  0x007f: ['DEL', 'delete control character'],
};

/** C0 controls other than tab, line feed and carriage return. */
function isC0(code: number): boolean {
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
}

const JOINERS = new Set([0x200c, 0x200d]);
const JOINABLE = /[\p{L}\p{M}\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F]/u;

export interface InvisibleChar {
  code: number;
  /** Short name shown in the placeholder: `RLO`. */
  short: string;
  /** For the tooltip: `U+202E right-to-left override`. */
  long: string;
}

export function describeInvisible(code: number): InvisibleChar | null {
  const named = NAMES[code];
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (named) return { code, short: named[0], long: `${hex} ${named[1]}` };
  if (isC0(code)) return { code, short: hex, long: `${hex} control character` };
  return null;
}

export type TextPart = { kind: 'text'; text: string } | { kind: 'invisible'; char: InvisibleChar; raw: string };

/**
 * `text` cut at each invisible character. A joiner between two letters or emoji is left alone: that is what
 * ZWJ and ZWNJ are for (emoji sequences, Persian and Indic words), and showing them would break those words.
 */
export function splitInvisible(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const chars = [...text];
  let run = '';
  chars.forEach((ch, i) => {
    const code = ch.codePointAt(0) ?? 0;
    const info = describeInvisible(code);
    const legitJoin = JOINERS.has(code) && JOINABLE.test(chars[i - 1] ?? '') && JOINABLE.test(chars[i + 1] ?? '');
    if (!info || legitJoin) {
      run += ch;
      return;
    }
    if (run) parts.push({ kind: 'text', text: run });
    run = '';
    parts.push({ kind: 'invisible', char: info, raw: ch });
  });
  if (run) parts.push({ kind: 'text', text: run });
  return parts;
}

/** Whether `text` holds anything `splitInvisible` would mark (most text does not: skip the work). */
export function hasInvisible(text: string): boolean {
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/.test(text);
}

/** The placeholder as a safe node: the character alone in a marked span that names it. */
export function invisibleNode(char: InvisibleChar, raw: string): SafeNode {
  return { tag: 'span', attrs: { class: 'invisible-char', 'data-char': char.short, title: `${char.long}: shown here, not applied` }, children: [raw] };
}

/** A safe tree with every invisible character in its strings replaced by a placeholder. */
export function revealInvisible(nodes: readonly SafeNode[]): SafeNode[] {
  return nodes.flatMap((n): SafeNode[] => {
    if (typeof n === 'string') return hasInvisible(n) ? splitInvisible(n).map((p) => (p.kind === 'text' ? p.text : invisibleNode(p.char, p.raw))) : [n];
    return [n.attrs ? { tag: n.tag, attrs: n.attrs, children: revealInvisible(n.children) } : { tag: n.tag, children: revealInvisible(n.children) }];
  });
}
