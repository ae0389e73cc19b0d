/**
 * Whether a quoted piece of evidence really is in the message it cites. Both sides are compared with runs of
 * whitespace collapsed, so line wrapping and indentation do not matter, but every other character must match.
 */
export function quoteIsInText(quote: string, text: string): boolean {
  const needle = normalizeWhitespace(quote);
  return needle.length > 0 && normalizeWhitespace(text).includes(needle);
}

export function normalizeWhitespace(s: string): string {
  return s.replace(/\s+/gu, ' ').trim();
}
