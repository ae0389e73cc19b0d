import { parseJson } from '../../lib/json.ts';
import type { ParsedImport } from '../transcript-input.ts';
import { FormatError } from '../../lib/errors.ts';
import { inspectLogToImport } from './inspect.ts';
import { readZipEntries, type ArchiveLimits } from './zip.ts';

/**
 * Inspect AI `.eval` logs: a zip of `header.json` (the log without samples), `samples/<id>_epoch_<n>.json`,
 * and summaries and journals that are not read. A log still being written (or cut off) has no
 * `header.json` yet; its `_journal/start.json` holds the same eval spec, so its samples still import.
 */
const HEADER = 'header.json';
const START = '_journal/start.json';
const SAMPLE = /^samples\/[^/]+\.json$/u;

export function parseInspectEval(bytes: Uint8Array, limits: ArchiveLimits): ParsedImport {
  const entries = readZipEntries(bytes, limits, (name) => name === HEADER || name === START || SAMPLE.test(name));
  const headerBytes = entries.get(HEADER) ?? entries.get(START);
  if (headerBytes === undefined) throw new FormatError('archive', `not an Inspect .eval log: no ${HEADER} or ${START}`);
  const header = parseEntry(headerBytes, entries.has(HEADER) ? HEADER : START);
  if ('error' in header) throw new FormatError(header.where, header.error);
  const failed: ParsedImport['failed'] = [];
  const samples: { where: string; value: unknown }[] = [];
  const names = [...entries.keys()].filter((n) => SAMPLE.test(n)).sort(bySampleName);
  for (const name of names) {
    const bytesOfSample = entries.get(name);
    if (bytesOfSample === undefined) continue;
    const parsed = parseEntry(bytesOfSample, name);
    if ('error' in parsed) failed.push({ where: parsed.where, message: parsed.error });
    else samples.push({ where: name, value: parsed.value });
  }
  const result = inspectLogToImport(header.value, samples);
  return { ...result, failed: [...failed, ...result.failed] };
}

function parseEntry(bytes: Uint8Array, where: string): { value: unknown } | { where: string; error: string } {
  try {
    return { value: parseJson(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch (err) {
    return { where, error: `not valid JSON (truncated or corrupt?): ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** `samples/2_epoch_1.json` before `samples/10_epoch_1.json`: numeric parts compared as numbers. */
function bySampleName(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
