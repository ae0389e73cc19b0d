import { gzipSync } from 'node:zlib';
import type { FuzzCase } from '../case.ts';
import type { FuzzContext } from './context.ts';
import { concatBytes } from './mutate.ts';
import { mutatedLine, validLine, type GeneratedLine } from './ndjson-lines.ts';
import type { Dice } from './random.ts';

/** `POST /api/v1/transcripts/batch`: bodies of mutated lines, wrapped in hostile framing, encodings and types. */

const encoder = new TextEncoder();
const BATCH = '/api/v1/transcripts/batch';

const atomicQueries = ['', '', '', '?atomic=true', '?atomic=false', '?atomic=false', '?atomic=junk', '?atomic=', '?atomic=TRUE', '?atomic=1', '?atomic=true&atomic=false', '?atomic', '?atomic=%00', '?unknown=1&atomic=false'];

const contentTypes = [
  'application/x-ndjson',
  'application/x-ndjson',
  'application/x-ndjson',
  'application/json',
  'text/plain',
  'application/octet-stream',
  'application/jsonl',
  'APPLICATION/X-NDJSON; charset=utf-8',
  'application/x-ndjson; charset=utf-16',
  'multipart/form-data; boundary=x',
  'application/xml',
  'text/html',
  ';;;',
  'application/x-ndjson, text/plain',
  '',
] as const;

/** Cached: gzipping megabytes for every bomb case would dominate the run. */
const bombs = new Map<number, Uint8Array>();
function newlineBomb(megabytes: number): Uint8Array {
  let bomb = bombs.get(megabytes);
  if (!bomb) {
    bomb = gzipSync(Buffer.alloc(megabytes * 1024 * 1024, 0x0a), { level: 9 });
    bombs.set(megabytes, bomb);
  }
  return bomb;
}

function joinLines(lines: readonly Uint8Array[], separator: string, trailing: boolean): Uint8Array {
  const sep = encoder.encode(separator);
  const parts: Uint8Array[] = [];
  lines.forEach((line, i) => {
    if (i > 0) parts.push(sep);
    parts.push(line);
  });
  if (trailing) parts.push(sep);
  return concatBytes(parts);
}

function linesFor(d: Dice, context: FuzzContext, tag: string): { what: string; lines: Uint8Array[] } {
  const shape = d.weighted<string>([
    [10, 'one'],
    [6, 'few'],
    [2, 'bulk-valid'],
    [2, 'duplicate-same'],
    [2, 'duplicate-different'],
    [1, 'duplicate-stored'],
    [1, 'only-blank'],
  ]);
  const json = (value: unknown) => encoder.encode(JSON.stringify(value));
  switch (shape) {
    case 'few': {
      const lines: GeneratedLine[] = Array.from({ length: d.between(2, 6) }, (_, i) => mutatedLine(d, context, `${tag}-${i}`));
      return { what: `few[${lines.map((l) => l.what).join(',')}]`, lines: lines.map((l) => l.bytes) };
    }
    case 'bulk-valid': {
      const n = d.pick([50, 300, 1000]);
      return { what: `bulk-valid-${n}`, lines: Array.from({ length: n }, (_, i) => json(validLine(d, `${tag}-${i}`))) };
    }
    case 'duplicate-same': {
      const line = json(validLine(d, tag));
      return { what: 'duplicate-same', lines: [line, line, line] };
    }
    case 'duplicate-different': {
      const a = validLine(d, tag);
      return { what: 'duplicate-different', lines: [json(a), json({ ...a, system: 'different' })] };
    }
    case 'duplicate-stored': {
      const id = context.known.externalIds.length ? d.pick(context.known.externalIds) : 'fuzz/none';
      return { what: 'duplicate-stored', lines: [json({ ...validLine(d, tag), external_id: id })] };
    }
    case 'only-blank':
      return { what: 'only-blank', lines: Array.from({ length: d.between(1, 5) }, () => encoder.encode(d.pick(['', ' ', '\t', '\r']))) };
    default: {
      const line = mutatedLine(d, context, tag);
      return { what: line.what, lines: [line.bytes] };
    }
  }
}

export function batchCase(d: Dice, context: FuzzContext, index: number): FuzzCase {
  const tag = `b${index}`;
  const { what, lines } = linesFor(d, context, tag);
  const separator = d.weighted([
    [8, '\n'],
    [2, '\r\n'],
    [1, '\n\n\n'],
    [1, '\r'],
  ]);
  let body: Uint8Array = joinLines(lines, separator, d.chance(0.7));
  const framing: string[] = [];
  if (d.chance(0.05)) {
    body = concatBytes([new Uint8Array([0xef, 0xbb, 0xbf]), body]);
    framing.push('bom');
  }
  const headers: Record<string, string> = {};
  const type = d.pick(contentTypes);
  if (type) headers['content-type'] = type;
  const encoding = d.weighted<string>([
    [20, 'none'],
    [4, 'gzip'],
    [1, 'gzip-truncated'],
    [1, 'gzip-corrupt'],
    [1, 'gzip-header-plain-body'],
    [1, 'gzip-body-no-header'],
    [1, 'gzip-twice'],
    [1, 'newline-bomb'],
    [1, 'other-encoding'],
  ]);
  switch (encoding) {
    case 'gzip':
      body = gzipSync(body);
      headers['content-encoding'] = d.pick(['gzip', 'x-gzip', 'GZIP', ' gzip ']);
      break;
    case 'gzip-truncated': {
      const zipped = gzipSync(body);
      body = zipped.subarray(0, d.int(zipped.length));
      headers['content-encoding'] = 'gzip';
      break;
    }
    case 'gzip-corrupt': {
      const zipped = new Uint8Array(gzipSync(body));
      for (let i = 0; i < 4; i++) zipped[d.between(Math.min(10, zipped.length - 1), zipped.length - 1)] = d.int(256);
      body = zipped;
      headers['content-encoding'] = 'gzip';
      break;
    }
    case 'gzip-header-plain-body':
      headers['content-encoding'] = 'gzip';
      break;
    case 'gzip-body-no-header':
      body = gzipSync(body);
      break;
    case 'gzip-twice':
      body = gzipSync(gzipSync(body));
      headers['content-encoding'] = 'gzip';
      break;
    case 'newline-bomb': {
      // Sized around the harness's body limit: some under it (an empty body after inflating), some over (413).
      const limitMb = Math.max(1, Math.round(context.limits.maxBodyBytes / (1024 * 1024)));
      const mb = d.pick([1, Math.max(1, Math.min(4, limitMb - 1)), limitMb + 1]);
      body = newlineBomb(mb);
      headers['content-encoding'] = 'gzip';
      framing.push(`${mb}MiB`);
      break;
    }
    case 'other-encoding':
      headers['content-encoding'] = d.pick(['br', 'deflate', 'compress', 'gzip, gzip', 'identity, gzip', 'zstd', '*', 'garbage;;', '']);
      break;
  }
  const auth = d.weighted<FuzzCase['auth']>([
    [30, 'admin'],
    [1, 'none'],
    [1, 'bogus'],
  ]);
  const emptyBody = d.chance(0.02);
  return {
    name: `batch/${encoding}/${what}${framing.length ? `/${framing.join('+')}` : ''}`,
    method: 'POST',
    path: `${BATCH}${d.pick(atomicQueries)}`,
    headers,
    body: emptyBody ? undefined : body,
    auth,
  };
}
