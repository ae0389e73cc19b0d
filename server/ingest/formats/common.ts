import { parseJson } from '../../lib/json.ts';
import { FormatError } from '../../lib/errors.ts';
import { sha256 } from '../../lib/hash.ts';

/** Helpers shared by the format parsers. Everything here is pure. */

/** A short stable id from text: the first `length` hex digits of its SHA-256. */
export function shortHash(text: string, length = 16): string {
  return sha256(text).slice(0, length);
}

/** Parses a whole-file JSON document, or throws an FormatError saying why it cannot be read. */
export function parseJsonDocument(text: string, where: string): unknown {
  if (text.trim() === '') throw new FormatError(where, 'the file is empty');
  try {
    // A byte-order mark is not JSON, but editors on Windows write one.
    return parseJson(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new FormatError(where, `not valid JSON (truncated or corrupt?): ${reason}`);
  }
}

export type JsonLine = { line: number; value: unknown } | { line: number; error: string };

/** Splits JSONL into parsed lines, numbered from 1; blank lines are skipped, unparseable ones reported. */
export function readJsonLines(text: string): JsonLine[] {
  const out: JsonLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]?.trim() ?? '';
    if (raw === '') continue;
    try {
      out.push({ line: i + 1, value: parseJson(raw) });
    } catch (err) {
      out.push({ line: i + 1, error: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  return out;
}

/** Throws when a JSONL file has nothing in it, or when not one of its lines is JSON (it is some other file). */
export function requireJsonLines(lines: JsonLine[], where: string): void {
  if (lines.length === 0) throw new FormatError(where, 'the file is empty');
  if (lines.every((l) => 'error' in l)) {
    const first = lines[0];
    throw new FormatError(where, `no line is valid JSON (line ${first?.line ?? 1}: ${first && 'error' in first ? first.error : ''})`);
  }
}

/** The first line of a (possibly cut-off) sample parsed as JSON, or undefined. */
export function firstJsonLine(sample: string): unknown {
  const first = sample.split('\n').find((l) => l.trim() !== '');
  if (first === undefined) return undefined;
  try {
    return parseJson(first);
  } catch {
    return undefined;
  }
}

/** A title for a scenario from its opening text: first line, whitespace collapsed, cut at `max` characters. */
export function titleFrom(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/gu, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1).trimEnd()}…`;
}

/**
 * A trait slug from a source's criterion or scorer name: lower case, every run of other characters → `_`
 * (`"sycophancy or praise"` → `sycophancy_or_praise`, `"de-escalation"` → `de_escalation`), so that it
 * fits the native trait slug rule `^[a-z0-9][a-z0-9_.-]*$`.
 */
export function traitSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '_')
    .replace(/^_+|_+$/gu, '');
  return slug === '' ? 'unnamed' : slug.slice(0, 100);
}

/**
 * The model name without its provider path: `anthropic/claude-sonnet-4` → `claude-sonnet-4`,
 * `openrouter/anthropic/claude-3.5-sonnet` → `claude-3.5-sonnet`. Models are the comparison axis, so the same
 * model must get the same name whichever harness or provider route produced the transcript.
 */
export function modelName(qualified: string): string {
  const last = qualified.split('/').filter((p) => p !== '').at(-1);
  return last ?? qualified;
}

/** Whitespace runs collapsed, as the writer's evidence check compares quotes (server/lib/evidence.ts). */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}
