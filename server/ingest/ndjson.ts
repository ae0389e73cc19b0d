import { BadRequest, LimitExceeded, Unprocessable } from '../lib/errors.ts';
import { parseJson } from '../lib/json.ts';
import { yieldTurn } from '../lib/yield.ts';

export interface NdjsonLine {
  /** 1-based line number in the (decompressed) body. */
  line: number;
  text: string;
}

export interface NdjsonLimits {
  maxBodyBytes: number;
  maxLineBytes: number;
}

const NEWLINE = 0x0a;

/**
 * Splits a byte stream into NDJSON lines without holding more than one line in memory.
 * Blank lines are skipped. Invalid UTF-8 yields an `invalidUtf8` line so the caller can report it.
 * Breaching a limit throws a 413 naming the limit (and the line), since reading on would be unbounded.
 */
export async function* readNdjsonLines(
  body: AsyncIterable<Uint8Array>,
  limits: NdjsonLimits,
): AsyncGenerator<NdjsonLine | { line: number; invalidUtf8: true }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let totalBytes = 0;
  let lineNumber = 1;
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;

  const finishLine = (): NdjsonLine | { line: number; invalidUtf8: true } | null => {
    const bytes = concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    const number = lineNumber++;
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      return { line: number, invalidUtf8: true };
    }
    if (text.endsWith('\r')) text = text.slice(0, -1);
    return text.trim() === '' ? null : { line: number, text };
  };

  for await (const chunk of body) {
    totalBytes += chunk.byteLength;
    if (totalBytes > limits.maxBodyBytes) {
      throw bodyTooLarge(limits.maxBodyBytes);
    }
    let start = 0;
    while (start < chunk.byteLength) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.byteLength : newline;
      if (end > start) {
        pendingBytes += end - start;
        if (pendingBytes > limits.maxLineBytes) {
          throw new LimitExceeded(`Line ${lineNumber} is over the line limit of ${limits.maxLineBytes} bytes`, {
            line: lineNumber,
            limit: 'maxLineBytes',
            maxLineBytes: limits.maxLineBytes,
          });
        }
        pending.push(chunk.subarray(start, end));
      }
      if (newline === -1) break;
      if (pendingBytes === 0) {
        // A blank line: counted, nothing to decode (a body of nothing but newlines must stay cheap).
        lineNumber++;
      } else {
        const line = finishLine();
        if (line) yield line;
      }
      start = newline + 1;
    }
  }
  if (pendingBytes > 0) {
    const line = finishLine();
    if (line) yield line;
  }
}

/** The 413 for a body past `maxBodyBytes`, counted after decompression. */
export function bodyTooLarge(maxBodyBytes: number): LimitExceeded {
  return new LimitExceeded(`Request body is over the limit of ${maxBodyBytes} bytes (after decompression)`, { limit: 'maxBodyBytes', maxBodyBytes });
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

export interface LineProblem {
  line: number;
  message: string;
}

/** Reported bad lines are capped so that a wholly wrong file gives a readable answer, not megabytes. */
const MAX_REPORTED_ERRORS = 1000;

/** An upload's lines as they are read: how many, and the bad ones (every one counted, the first 1,000 kept). */
export class LineReport {
  lines = 0;
  errorCount = 0;
  readonly errors: LineProblem[] = [];

  fail(line: number, message: string): void {
    this.errorCount++;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ line, message });
  }

  /** A body without a line is a 400 saying what one line holds (`one transcript per line`). */
  assertNotEmpty(what: string): void {
    if (this.lines === 0) throw new BadRequest(`Request body is empty: send NDJSON, ${what}`);
  }

  /** An atomic upload with bad lines is a 422 listing them; nothing is written. */
  assertAtomicClean(atomic: boolean): void {
    if (this.errorCount > 0 && atomic) {
      throw new Unprocessable(`${this.errorCount} of ${this.lines} lines are invalid; nothing was written (send ?atomic=false to write the valid lines)`, {
        errors: this.errors,
        errorCount: this.errorCount,
        truncated: this.errorCount > this.errors.length,
      });
    }
  }
}

/**
 * The JSON value of every line of an NDJSON body, in order, counted in `report`; a line that is not UTF-8 or
 * not JSON is reported there and skipped. `tooMany` is thrown on the line past `maxLines`. Other requests get
 * the event loop between lines.
 */
export async function* readJsonLines(
  body: AsyncIterable<Uint8Array>,
  limits: NdjsonLimits,
  report: LineReport,
  cap?: { maxLines: number; tooMany: () => Error },
): AsyncGenerator<{ line: number; value: unknown }> {
  for await (const item of readNdjsonLines(body, limits)) {
    report.lines++;
    await yieldTurn();
    if (cap && report.lines > cap.maxLines) throw cap.tooMany();
    if ('invalidUtf8' in item) {
      report.fail(item.line, 'line is not valid UTF-8');
      continue;
    }
    let value: unknown;
    try {
      value = parseJson(item.text);
    } catch (err) {
      report.fail(item.line, `malformed JSON: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    yield { line: item.line, value };
  }
}
