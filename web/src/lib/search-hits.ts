import type { SafeNode } from './markdown.ts';

/**
 * Marking the words of a list search in the opened transcript. The terms are read as the server reads
 * them (server/lib/fts.ts `searchTerms`: words and "quoted phrases"; the web imports no server code, so it
 * is repeated here) and found as whole words, case-insensitively, as FTS5's unicode61 tokenizer matches
 * them. (unicode61 also folds diacritics; this does not, so `cafe` finds `café` in the list but is not
 * marked in it.)
 */
export function searchTerms(input: string): string[] {
  const terms = new Map<string, string>();
  for (const match of input.matchAll(/"([^"]*)"|(\S+)/gu)) {
    const raw = (match[1] ?? match[2] ?? '').replaceAll('"', '').trim();
    if (!/[\p{L}\p{N}]/u.test(raw)) continue;
    const key = raw.toLowerCase();
    if (!terms.has(key)) terms.set(key, raw);
  }
  return [...terms.values()];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One expression for all terms; a phrase's words may be separated by any run of non-word characters. */
export function searchPattern(terms: readonly string[]): RegExp | null {
  const alternatives = terms
    .map((t) => (t.match(/[\p{L}\p{N}]+/gu) ?? []).map(escapeRegExp).join('[^\\p{L}\\p{N}]+'))
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  if (!alternatives.length) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

export interface Hit {
  start: number;
  end: number;
}

export function findHits(text: string, pattern: RegExp | null): Hit[] {
  if (!pattern) return [];
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** A safe tree with every hit in its strings wrapped in `<mark class="search-hit">`. */
export function markSearchHits(nodes: readonly SafeNode[], pattern: RegExp | null): SafeNode[] {
  if (!pattern) return [...nodes];
  return nodes.flatMap((n): SafeNode[] => {
    if (typeof n !== 'string') {
      // Code keeps its words as they are; the hit inside it is still marked.
      const children = markSearchHits(n.children, pattern);
      return [n.attrs ? { tag: n.tag, attrs: n.attrs, children } : { tag: n.tag, children }];
    }
    const hits = findHits(n, pattern);
    if (!hits.length) return [n];
    const out: SafeNode[] = [];
    let at = 0;
    for (const h of hits) {
      if (h.start > at) out.push(n.slice(at, h.start));
      out.push({ tag: 'mark', attrs: { class: 'search-hit' }, children: [n.slice(h.start, h.end)] });
      at = h.end;
    }
    if (at < n.length) out.push(n.slice(at));
    return out;
  });
}

/** The hit after (or before) the one at `current` among `count`, wrapping around; the first when none is current. */
export function stepHit(current: number, count: number, direction: 1 | -1): number {
  if (count <= 0) return -1;
  if (current < 0) return direction > 0 ? 0 : count - 1;
  return (current + direction + count) % count;
}
