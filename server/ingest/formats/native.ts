import { parseJson } from '../../lib/json.ts';
import type { ImportFormat } from './format.ts';

/** The first line is a JSON object with `model` and `messages`: the native NDJSON of the batch endpoint. */
function looksNative(sample: string): boolean {
  const firstLine = sample.split('\n').find((l) => l.trim() !== '');
  if (!firstLine) return false;
  try {
    const value: unknown = parseJson(firstLine);
    return typeof value === 'object' && value !== null && 'model' in value && 'messages' in value;
  } catch {
    return false;
  }
}

export const nativeFormat: ImportFormat = {
  name: 'native',
  title: 'charlens native NDJSON',
  description: 'one transcript per line, as POST /api/v1/transcripts/batch takes it; one atomic batch per file',
  extensions: ['.ndjson', '.jsonl', '.ndjson.gz', '.jsonl.gz'],
  detect: (sample) => looksNative(sample.text),
  read: { kind: 'ndjson' },
};
