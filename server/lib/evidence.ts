import { yieldTurn } from './yield.ts';

/**
 * Whether a quoted piece of evidence really is in the message it cites. Both sides are compared with runs of
 * whitespace collapsed, so line wrapping and indentation do not matter, but every other character must match.
 */
export function quoteIsInText(quote: string, text: string): boolean {
  const needle = normalizeWhitespace(quote);
  return needle.length > 0 && normalizeWhitespace(text).includes(needle);
}

/**
 * A checker for many quotes against the same messages: each message is normalized once, on first use, so
 * checking q quotes against a message of n characters costs n + q searches, not q × n normalizations (a 4 MiB
 * message and 200 quotes held the server for 109 s when each quote normalized the message again). A long message
 * is normalized in steps, with other requests served in between (lib/yield.ts).
 */
export function createQuoteChecker(texts: readonly string[]): (quote: string, messageIndex: number) => Promise<boolean> {
  const normalized = new Map<number, string>();
  return async (quote, messageIndex) => {
    const needle = normalizeWhitespace(quote);
    if (!needle.length) return false;
    let haystack = normalized.get(messageIndex);
    if (haystack === undefined) {
      haystack = await normalizeWhitespaceInSteps(texts[messageIndex] ?? '');
      normalized.set(messageIndex, haystack);
    }
    return haystack.includes(needle);
  };
}

const utf16 = new TextDecoder('utf-16le');
/** Text with a run of whitespace, or whitespace other than a plain space, needs the full pass. */
const NEEDS_PASS = /\s\s|[^\S ]/u;
const STEP_CHARS = 256 * 1024;

/**
 * Runs of whitespace become one space, and the ends are trimmed (as `s.replace(/\s+/g, ' ').trim()`). Text with
 * single spaces only is just trimmed; otherwise one pass over char codes into a buffer, decoded at once — a regex
 * replace over a 4 MiB message with two million runs took most of a second.
 */
export function normalizeWhitespace(s: string): string {
  if (!NEEDS_PASS.test(s)) return s.trim();
  const pass = new NormalizePass(s);
  pass.run(0, s.length);
  return pass.result();
}

/** The same, in steps of STEP_CHARS with `yieldTurn` between them, so a long message does not hold the event loop. */
async function normalizeWhitespaceInSteps(s: string): Promise<string> {
  if (s.length <= STEP_CHARS) return normalizeWhitespace(s);
  if (!NEEDS_PASS.test(s)) return s.trim();
  const pass = new NormalizePass(s);
  for (let from = 0; from < s.length; from += STEP_CHARS) {
    pass.run(from, Math.min(s.length, from + STEP_CHARS));
    await yieldTurn();
  }
  return pass.result();
}

class NormalizePass {
  private readonly out: Uint16Array;
  private length = 0;
  private pendingSpace = false;
  constructor(private readonly s: string) {
    this.out = new Uint16Array(s.length);
  }
  run(from: number, to: number): void {
    const { s, out } = this;
    for (let i = from; i < to; i++) {
      const code = s.charCodeAt(i);
      if (isWhitespace(code)) {
        this.pendingSpace = this.length > 0;
        continue;
      }
      if (this.pendingSpace) {
        out[this.length++] = 0x20;
        this.pendingSpace = false;
      }
      out[this.length++] = code;
    }
  }
  /** Lone surrogates come out as U+FFFD; quotes and messages pass through here alike, so they still compare. */
  result(): string {
    return utf16.decode(this.out.subarray(0, this.length));
  }
}

/** What `\s` matches in a JavaScript regular expression (ECMAScript WhiteSpace and LineTerminator). */
function isWhitespace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
