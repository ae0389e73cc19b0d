import { gzipSync } from 'node:zlib';
import type { FuzzCase } from '../case.ts';
import { evalArchive } from './archives.ts';
import type { FixtureFile, FuzzContext } from './context.ts';
import { hostileString, longString } from './hostile.ts';
import { multipartBody, type MultipartOptions, type Part } from './multipart.ts';
import { concatBytes, damageBytes, mutateDocument, RawJson } from './mutate.ts';
import { mutatedLine, validLine } from './ndjson-lines.ts';
import type { Dice } from './random.ts';

/** `POST /api/v1/imports`: multipart uploads of every format, intact, corrupted, archived, and wrongly framed. */

const IMPORTS = '/api/v1/imports';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The format each fixture is written in. */
const fixtureFormats: Record<string, string> = {
  'anthropic-messages.jsonl': 'anthropic',
  'hh-rlhf.jsonl': 'hh-rlhf',
  'inspect-log.json': 'inspect',
  'openai-chat.jsonl': 'openai',
  'spiral-small.json': 'spiral',
};
const formatNames = ['auto', 'native', 'inspect', 'spiral', 'mtbench', 'hh-rlhf', 'openai', 'anthropic'];

interface Upload {
  what: string;
  files: { filename: string; bytes: Uint8Array }[];
  format?: string;
}

function baseName(name: string): string {
  return name.split('/').at(-1) ?? name;
}

/** One node of a JSON file, or of one line of a JSONL file, replaced by something hostile. */
function mutateFixture(d: Dice, file: FixtureFile): { what: string; bytes: Uint8Array } {
  const raw = new RawJson();
  const text = decoder.decode(file.bytes);
  if (file.name.endsWith('.json')) {
    const mutated = mutateDocument(d, JSON.parse(text), raw);
    return { what: mutated.what, bytes: encoder.encode(raw.stringify(mutated.value)) };
  }
  const lines = text.split('\n');
  const at = d.int(lines.length);
  let parsed: unknown;
  try {
    parsed = JSON.parse(lines[at] ?? '');
  } catch {
    return { what: `line-${at}-unparsed`, bytes: file.bytes };
  }
  const mutated = mutateDocument(d, parsed, raw);
  lines[at] = raw.stringify(mutated.value);
  return { what: `line-${at}:${mutated.what}`, bytes: encoder.encode(lines.join('\n')) };
}

/**
 * The fixture with fresh identity: a salt appended to each string value that looks like an id, a name or
 * text (not to short lower-case words such as roles and block types, which the formats read as structure).
 * The fuzz target imports every fixture while seeding, so without this every intact fixture would be
 * all duplicates and the writes of a new upload (and what can go wrong in them) would never be reached.
 */
function salted(file: FixtureFile, salt: string): Uint8Array {
  const saltValue = (value: unknown): unknown => {
    if (typeof value === 'string') return /^[a-zA-Z_]{1,20}$/u.test(value) || value === '' ? value : `${value} ${salt}`;
    if (Array.isArray(value)) return value.map(saltValue);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, saltValue(v)]));
    return value;
  };
  const text = decoder.decode(file.bytes);
  const saltJson = (json: string) => {
    try {
      return JSON.stringify(saltValue(JSON.parse(json)));
    } catch {
      return json;
    }
  };
  return encoder.encode(file.name.endsWith('.json') ? saltJson(text) : text.split('\n').map(saltJson).join('\n'));
}

function mtbenchSet(context: FuzzContext): FixtureFile[] {
  return context.fixtures.filter((f) => f.name.startsWith('mtbench/'));
}

function singleFixture(d: Dice, context: FuzzContext): FixtureFile {
  return d.pick(context.fixtures.filter((f) => !f.name.startsWith('mtbench/') && f.name !== 'README.md'));
}

function upload(d: Dice, context: FuzzContext, index: number): Upload {
  const kind = d.weighted<string>([
    [4, 'fixture'],
    [2, 'mtbench'],
    [6, 'mutated'],
    [3, 'damaged'],
    [2, 'gzip'],
    [5, 'eval'],
    [2, 'native'],
    [1, 'many-files'],
    [1, 'twice'],
    [1, 'empty-file'],
    [1, 'wrong-format'],
    [1, 'random-bytes'],
  ]);
  const salt = `fz${index}`;
  const picked = singleFixture(d, context);
  const fresh = d.chance(0.6);
  const file = fresh ? { name: picked.name, bytes: salted(picked, salt) } : picked;
  const as = (f: FixtureFile, bytes = f.bytes) => ({ filename: baseName(f.name), bytes });
  switch (kind) {
    case 'fixture':
      return { what: `fixture:${file.name}${fresh ? ':fresh' : ''}`, files: [as(file)], ...(d.chance(0.5) ? { format: fixtureFormats[file.name] ?? 'auto' } : {}) };
    case 'mtbench': {
      const set = d.chance(0.5) ? mtbenchSet(context).map((f) => ({ name: f.name, bytes: salted(f, salt) })) : mtbenchSet(context);
      const chosen = d.chance(0.6) ? set : set.filter(() => d.chance(0.5));
      const mutate = d.chance(0.4) && chosen.length ? d.int(chosen.length) : -1;
      const files = chosen.map((f, i) => (i === mutate ? as(f, mutateFixture(d, f).bytes) : as(f)));
      return { what: `mtbench:${chosen.length}${mutate >= 0 ? `:mutated-${mutate}` : ''}`, files, ...(d.chance(0.5) ? { format: 'mtbench' } : {}) };
    }
    case 'mutated': {
      const m = mutateFixture(d, file);
      return { what: `mutated:${file.name}:${m.what}`, files: [as(file, m.bytes)], ...(d.chance(0.4) ? { format: fixtureFormats[file.name] ?? 'auto' } : {}) };
    }
    case 'damaged': {
      const m = damageBytes(d, file.bytes);
      return { what: `damaged:${file.name}:${m.what}`, files: [as(file, m.bytes)] };
    }
    case 'gzip': {
      const zipped = new Uint8Array(gzipSync(file.bytes));
      const how = d.pick(['valid', 'truncated', 'corrupt', 'bomb', 'twice']);
      let bytes: Uint8Array = zipped;
      if (how === 'truncated') bytes = zipped.subarray(0, d.between(2, zipped.length - 1));
      else if (how === 'corrupt') for (let i = 0; i < 4; i++) zipped[d.between(10, zipped.length - 1)] = d.int(256);
      else if (how === 'bomb') bytes = gzipSync(Buffer.alloc(d.pick([4, 24]) * 1024 * 1024, d.pick([0x20, 0x0a, 0x5b])), { level: 9 });
      else if (how === 'twice') bytes = gzipSync(zipped);
      return { what: `gzip:${how}:${file.name}`, files: [{ filename: `${baseName(file.name)}.gz`, bytes }], ...(d.chance(0.4) ? { format: fixtureFormats[file.name] ?? 'auto' } : {}) };
    }
    case 'eval': {
      const archive = evalArchive(d, context);
      return { what: `eval:${archive.what}`, files: [{ filename: d.pick(['log.eval', 'log.zip', 'log.json', 'x']), bytes: archive.bytes }], ...(d.chance(0.3) ? { format: 'inspect' } : {}) };
    }
    case 'native': {
      const lines = Array.from({ length: d.between(1, 4) }, (_, i) => (d.chance(0.5) ? encoder.encode(JSON.stringify(validLine(d, `i${index}-${i}`))) : mutatedLine(d, context, `i${index}-${i}`).bytes));
      const bytes = concatBytes(lines.flatMap((l) => [l, encoder.encode('\n')]));
      return { what: 'native', files: [{ filename: 'lines.ndjson', bytes: d.chance(0.3) ? gzipSync(bytes) : bytes }], ...(d.chance(0.5) ? { format: 'native' } : {}) };
    }
    case 'many-files': {
      const n = context.limits.maxImportFiles + d.pick([0, 1, 5]);
      return { what: `many-files:${n}`, files: Array.from({ length: n }, (_, i) => ({ filename: `f${i}.jsonl`, bytes: file.bytes })) };
    }
    case 'twice': {
      // The same transcripts twice in one upload: as two files, or as the file's content repeated.
      const asTwoFiles = d.chance(0.5) || file.name.endsWith('.json');
      const files = asTwoFiles ? [as(file), { filename: `copy-${baseName(file.name)}`, bytes: file.bytes }] : [as(file, concatBytes([file.bytes, encoder.encode('\n'), file.bytes]))];
      return { what: `twice:${asTwoFiles ? 'two-files' : 'repeated-lines'}:${file.name}${fresh ? ':fresh' : ''}`, files, ...(d.chance(0.5) ? { format: fixtureFormats[file.name] ?? 'auto' } : {}) };
    }
    case 'empty-file':
      return { what: 'empty-file', files: [as(file, new Uint8Array(0)), ...(d.chance(0.5) ? [as(file)] : [])] };
    case 'wrong-format': {
      const format = d.pick(formatNames);
      return { what: `wrong-format:${file.name}:${format}`, files: [as(file)], format };
    }
    default: {
      const bytes = new Uint8Array(d.between(1, 4096)).map(() => d.int(256));
      return { what: 'random-bytes', files: [{ filename: d.pick(['x.eval', 'x.json', 'x.jsonl.gz', 'x']), bytes }] };
    }
  }
}

/** The text fields: format (valid, junk, repeated, misplaced) and model. */
function fieldParts(d: Dice, format: string | undefined): { what: string; parts: Part[] } {
  const parts: Part[] = [];
  const what: string[] = [];
  const junk = d.chance(0.15);
  if (junk) {
    const value = d.pick(['xml', '', 'AUTO', 'native\u0000', 'inspect ', 'spiral,mtbench', longString(d), hostileString(d)]);
    parts.push({ name: 'format', data: value });
    what.push('format-junk');
  } else if (format !== undefined) parts.push({ name: 'format', data: format });
  if (d.chance(0.05)) {
    parts.push({ name: 'format', data: d.pick(formatNames) });
    what.push('format-twice');
  }
  if (d.chance(0.3)) {
    parts.push({ name: 'model', data: d.chance(0.6) ? d.pick(['fuzz-import-model', 'gpt-x']) : d.pick([longString(d), hostileString(d)]) });
    what.push('model');
  }
  if (d.chance(0.03)) {
    for (let i = 0; i < 25; i++) parts.push({ name: `f${i}`, data: 'x' });
    what.push('many-fields');
  }
  return { what: what.join('+'), parts };
}

export function importCase(d: Dice, context: FuzzContext, index: number): FuzzCase {
  const up = upload(d, context, index);
  const fields = fieldParts(d, up.format);
  const fileField = d.weighted([
    [20, 'file'],
    [1, 'files'],
    [1, 'File'],
    [1, ''],
  ]);
  const fileParts: Part[] = up.files.map((f) =>
    d.chance(0.03)
      ? { name: fileField, data: f.bytes } // no filename: busboy reads it as a text field
      : { name: fileField, filename: d.chance(0.05) ? d.pick(['../../etc/passwd', '', 'a\u202egpj.eval', 'x'.repeat(1000), 'dir/sub/f.json']) : f.filename, contentType: d.pick(['application/octet-stream', 'application/json', 'text/plain; charset=latin1']), data: f.bytes },
  );
  const order = d.chance(0.7) ? [...fields.parts, ...fileParts] : [...fileParts, ...fields.parts];
  const boundary = d.weighted([
    [20, `----fuzz${d.int(1e9)}`],
    [1, 'x'.repeat(71)],
    [1, 'a b'],
    [1, '"quoted"'],
    [1, '--'],
  ]);
  const options: MultipartOptions = {};
  const framing: string[] = [];
  if (d.chance(0.05)) {
    options.newline = '\n';
    framing.push('lf');
  }
  if (d.chance(0.05)) {
    options.unclosed = true;
    framing.push('unclosed');
  }
  if (d.chance(0.03)) {
    options.preamble = 'preamble text';
    options.epilogue = 'epilogue';
    framing.push('pre-epilogue');
  }
  let body: Uint8Array = multipartBody(boundary.replace(/^"|"$/gu, ''), order, options);
  if (d.chance(0.08)) {
    body = body.subarray(0, d.int(body.length));
    framing.push('truncated');
  }
  const contentType = d.weighted<string | undefined>([
    [30, `multipart/form-data; boundary=${boundary}`],
    [1, 'multipart/form-data'],
    [1, 'multipart/form-data; boundary='],
    [1, 'multipart/form-data; boundary="'],
    [1, `multipart/form-data; boundary=${boundary}-mismatch`],
    [1, `multipart/mixed; boundary=${boundary}`],
    [1, `MULTIPART/FORM-DATA; BOUNDARY=${boundary}`],
    [1, 'application/json'],
    [1, 'text/plain'],
    [1, undefined],
  ]);
  const headers: Record<string, string> = {};
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (d.chance(0.03)) {
    body = gzipSync(body);
    headers['content-encoding'] = 'gzip';
    framing.push('gzip-encoded');
  }
  const auth = d.weighted<FuzzCase['auth']>([
    [30, 'admin'],
    [1, 'none'],
  ]);
  return {
    name: `import/${up.what}${fields.what ? `/${fields.what}` : ''}${fileField === 'file' ? '' : `/field:${JSON.stringify(fileField)}`}${framing.length ? `/${framing.join('+')}` : ''}`,
    method: 'POST',
    path: IMPORTS + d.weighted([
      [20, ''],
      [1, '?format=native'],
      [1, '/'],
    ]),
    headers,
    body: d.chance(0.01) ? undefined : body,
    auth,
  };
}
