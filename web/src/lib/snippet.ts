/**
 * Search snippets come from the server with the matched terms between U+0002 and U+0003 (characters that
 * never occur in text people write). They are split here into plain and highlighted parts, rendered as text
 * nodes and `<mark>`s: the snippet is transcript text, so it is never parsed as markup.
 */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

const START = '\u0002';
const END = '\u0003';

export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  let current = '';
  const flush = () => {
    if (current) parts.push({ text: current, hit });
    current = '';
  };
  for (const ch of snippet) {
    if (ch === START || ch === END) {
      flush();
      hit = ch === START;
    } else current += ch;
  }
  flush();
  return parts;
}

/**
 * The snippet cut to start shortly before its first hit, so that in a narrow cell the hit is what shows.
 * `leadChars` of context are kept before it, after an ellipsis.
 */
export function leadToFirstHit(parts: readonly SnippetPart[], leadChars = 24): SnippetPart[] {
  const firstHit = parts.findIndex((p) => p.hit);
  if (firstHit < 0) return [...parts];
  const before = parts.slice(0, firstHit).map((p) => p.text).join('');
  if (before.length <= leadChars) return [...parts];
  // Cut at a word boundary within the lead, so no word is shown in half.
  const tail = before.slice(before.length - leadChars);
  const space = tail.indexOf(' ');
  const kept = space >= 0 && space < tail.length - 1 ? tail.slice(space + 1) : tail;
  return [{ text: `…${kept}`, hit: false }, ...parts.slice(firstHit)];
}
