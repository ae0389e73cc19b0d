import type { Dice } from './random.ts';

/**
 * Strings that have broken text handling somewhere: storage (NUL, lone surrogates), display (RTL overrides,
 * zero-width, combining marks), search syntax (FTS5 operators, quotes, 250 terms), SQL, paths.
 */
export const unicodeStrings = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  'tail\ud83d',
  '\u202eevil\u202c',
  '\u2066isolate\u2069\u200f',
  'zero\u200bwidth\u200c\u200d\u2060',
  '\ufeffbom',
  '🐈‍⬛👩‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0301\u0301\u0301\u0301',
  'Z\u0337\u0322\u0348a\u0338l\u0335g\u0336o\u0336',
  '\u{10ffff}\ufffe\uffff',
  '\u0085\u2028\u2029',
  'ｆｕｌｌ　ｗｉｄｔｈ',
  'İı ß ﬁ',
] as const;

export const syntaxStrings = [
  '"',
  '""',
  '"unclosed phrase',
  '*',
  'a*',
  'NEAR',
  'NEAR(a b, 2)',
  'a:b',
  'text:moon',
  'AND',
  'moon AND OR NOT',
  '^moon',
  '(moon',
  '{a b}',
  '-',
  "' OR 1=1 --",
  "'; DROP TABLE transcripts; --",
  '%',
  '_',
  '\\',
  '\\"',
  '../../etc/passwd',
  '${x}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
] as const;

/** 250 one-letter terms: FTS5 once took seconds on it. */
export const manyTerms = Array.from({ length: 250 }, () => 'a').join(' ');

export function hostileString(d: Dice): string {
  return d.weighted<() => string>([
    [4, () => d.pick(unicodeStrings)],
    [4, () => d.pick(syntaxStrings)],
    [1, () => manyTerms],
    [1, () => 'a'.repeat(250)],
    [1, () => 'moon '.repeat(d.between(20, 400)).trim()],
    [1, () => longString(d)],
    [1, () => d.pick(unicodeStrings) + d.pick(syntaxStrings) + d.pick(unicodeStrings)],
    [1, () => ''],
    [1, () => ' '.repeat(d.between(1, 5))],
  ])();
}

/** Lengths just past the usual field limits (100, 200, 500, 1000, 2000, 5000) and a few much longer. */
export function longString(d: Dice): string {
  const length = d.pick([101, 201, 501, 1001, 2001, 5001, 100_001, 1_000_000]);
  return d.pick(['a', 'é', '🐈', 'ab ', '\u0301']).repeat(length).slice(0, length);
}

/** Numbers as they appear in JSON text, including ones JSON.parse turns into Infinity or loses precision on. */
export const rawNumbers = ['-1', '0', '-0', '1.5', '1e309', '-1e309', '1e-400', '9007199254740993', '123456789012345678901234567890', '2147483648', '0.1e1'] as const;

/** Nested arrays or objects `depth` levels deep around `leaf`. */
export function nested(depth: number, kind: 'array' | 'object' | 'mixed', leaf: unknown = 1): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) {
    const asArray = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
    value = asArray ? [value] : { k: value };
  }
  return value;
}

/** The same nesting as JSON text, built without recursion so that it can be far deeper than any stack. */
export function nestedText(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + '1' + ']'.repeat(depth) : '{"k":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Depths around the server's nesting limit (64), and past it. */
export function hostileDepth(d: Dice): number {
  return d.pick([60, 63, 64, 65, 66, 100, 1000, 20_000]);
}

/** Byte sequences that are not UTF-8: a stray continuation, a truncated sequence, overlong, CESU surrogates, 0xFF. */
export const invalidUtf8 = [[0xff], [0x80], [0xc3], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xfe, 0xfe]] as const;

/** Percent-escapes that do not decode to well-formed text, or are not escapes at all. */
export const rawPercent = ['%00', '%ff', '%c3', '%ed%a0%80', '%', '%zz', '%2', '%c3%28', '%e2%80%ae', '%ef%bb%bf', '%0a', '%0d%0a', '%20'] as const;

/** Percent-encodes a string; lone surrogates (which encodeURIComponent refuses) are sent as their CESU-8 bytes. */
export function encodeQueryValue(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    } else out += encodeURIComponent(ch);
  }
  return out;
}
