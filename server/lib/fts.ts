/**
 * Turns what a person types into a safe FTS5 query: words and "quoted phrases" are each quoted as FTS5
 * strings (so `AND`, `NEAR`, `*`, `:` and stray quotes are text, never syntax) and all must match.
 * Returns null when nothing searchable is left.
 */
export function toFtsQuery(input: string): string | null {
  const parts: string[] = [];
  const pattern = /"([^"]*)"|(\S+)/gu;
  for (const match of input.matchAll(pattern)) {
    // A stray quote (an unclosed phrase) is dropped rather than escaped: it was never meant as text.
    const raw = (match[1] ?? match[2] ?? '').replaceAll('"', '');
    // Tokens without a letter or digit match nothing under unicode61 and would make FTS5 reject the query.
    if (!/[\p{L}\p{N}]/u.test(raw)) continue;
    parts.push(`"${raw}"`);
  }
  return parts.length ? parts.join(' ') : null;
}
