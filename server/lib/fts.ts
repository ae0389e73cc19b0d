/** More distinct terms than this make FTS5 queries slow (250 × "a" took seconds) and never help a person. */
export const MAX_SEARCH_TERMS = 16;

/**
 * The words and "quoted phrases" of what a person typed, each once: a stray quote (an unclosed phrase) is
 * dropped rather than escaped, and tokens without a letter or digit are skipped (they match nothing under
 * unicode61 and would make FTS5 reject the query).
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

/**
 * Turns what a person types into a safe FTS5 query: each term quoted as an FTS5 string (so `AND`, `NEAR`,
 * `*`, `:` and stray quotes are text, never syntax), all must match. Null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const terms = searchTerms(input);
  return terms.length ? terms.map((t) => `"${t}"`).join(' ') : null;
}
