import { strToU8, zipSync, type Zippable } from 'fflate';
import type { FuzzContext } from './context.ts';
import { fixture } from './context.ts';
import { mutateDocument, RawJson } from './mutate.ts';
import type { Dice } from './random.ts';

/**
 * Inspect `.eval` archives (zip), valid and hostile: unsafe entry paths, too many entries, a corrupt
 * central directory, sizes that lie, unsupported compression, a bomb entry, mutated sample JSON.
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fixture log split the way Inspect writes `.eval` files: header.json, one file per sample, journal, summaries. */
export function evalEntries(context: FuzzContext): Record<string, unknown> {
  const log: unknown = JSON.parse(new TextDecoder().decode(fixture(context, 'inspect-log.json')));
  if (!isRecord(log) || !Array.isArray(log['samples'])) throw new Error('inspect fixture has no samples');
  const { samples, ...header } = log;
  const entries: Record<string, unknown> = {
    'header.json': header,
    '_journal/start.json': { version: 2, eval: header['eval'], plan: header['plan'] },
    'summaries.json': [],
  };
  samples.forEach((s: unknown, i: number) => {
    const id = isRecord(s) ? String(s['id'] ?? `bad${i}`) : `bad${i}`;
    const epoch = isRecord(s) ? String(s['epoch'] ?? 1) : '1';
    entries[`samples/${id}_epoch_${epoch}.json`] = s;
  });
  return entries;
}

function zipOf(entries: Record<string, unknown>, raw?: RawJson): Uint8Array {
  const files: Zippable = {};
  for (const [name, value] of Object.entries(entries)) files[name] = value instanceof Uint8Array ? value : strToU8(raw ? raw.stringify(value) : JSON.stringify(value));
  return zipSync(files);
}

/** Offsets of the central-directory headers, found from the end record (no zip64 in what fflate writes here). */
function centralHeaders(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = -1;
  for (let i = zip.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const out: number[] = [];
  for (let i = 0; i < count && offset + 46 <= zip.length; i++) {
    if (view.getUint32(offset, true) !== CENTRAL_HEADER) break;
    out.push(offset);
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return out;
}

export function evalArchive(d: Dice, context: FuzzContext): { what: string; bytes: Uint8Array } {
  const entries = evalEntries(context);
  const kind = d.weighted<string>([
    [3, 'valid'],
    [2, 'traversal'],
    [1, 'too-many-entries'],
    [2, 'corrupt-directory'],
    [1, 'lying-size'],
    [1, 'unsupported-method'],
    [1, 'bomb-entry'],
    [4, 'mutated-sample'],
    [1, 'no-header'],
    [1, 'empty-zip'],
    [1, 'duplicate-names'],
    [1, 'not-json-entries'],
  ]);
  switch (kind) {
    case 'traversal': {
      const name = d.pick(['../../etc/passwd', '/abs/samples/x.json', 'C:/x.json', 'samples\\..\\x.json', 'samples/../../x.json', 'samples/a\u0000.json', 'samples/%2e%2e/x.json', '', 'samples/\u202ex.json']);
      return { what: `traversal:${JSON.stringify(name)}`, bytes: zipOf({ ...entries, [name]: { x: 1 } }) };
    }
    case 'too-many-entries': {
      // In all: exactly the limit, or just past it.
      const total = context.limits.maxArchiveEntries + d.pick([0, 1, 10]);
      const extra: Record<string, unknown> = {};
      for (let i = Object.keys(entries).length; i < total; i++) extra[`extra/${i}.txt`] = strToU8('x');
      return { what: `entries:${total}`, bytes: zipOf({ ...entries, ...extra }) };
    }
    case 'corrupt-directory': {
      const zip = new Uint8Array(zipOf(entries));
      const how = d.pick(['cut-end', 'flip-eocd', 'bad-offset', 'flip-central', 'cut-middle']);
      if (how === 'cut-end') return { what: 'corrupt:cut-end', bytes: zip.subarray(0, zip.length - d.between(1, 30)) };
      if (how === 'cut-middle') return { what: 'corrupt:cut-middle', bytes: zip.subarray(0, d.int(zip.length)) };
      if (how === 'flip-eocd') {
        for (let i = 0; i < 4; i++) zip[zip.length - d.between(1, 22)] = d.int(256);
        return { what: 'corrupt:flip-eocd', bytes: zip };
      }
      if (how === 'bad-offset') {
        new DataView(zip.buffer).setUint32(zip.length - 6, d.pick([0, zip.length, 0xffffffff, 7]), true);
        return { what: 'corrupt:bad-offset', bytes: zip };
      }
      const headers = centralHeaders(zip);
      const at = headers.length ? d.pick(headers) : 0;
      for (let i = 0; i < 6; i++) zip[at + d.between(4, 45)] = d.int(256);
      return { what: 'corrupt:flip-central', bytes: zip };
    }
    case 'lying-size': {
      const zip = new Uint8Array(zipOf(entries));
      const view = new DataView(zip.buffer);
      const size = d.pick([0, 1, 10, 0x7fffffff, 0xffffffff]);
      for (const at of centralHeaders(zip)) view.setUint32(at + 24, size, true);
      return { what: `lying-size:${size}`, bytes: zip };
    }
    case 'unsupported-method': {
      const zip = new Uint8Array(zipOf(entries));
      const view = new DataView(zip.buffer);
      const method = d.pick([1, 12, 14, 99, 0xffff]);
      for (const at of centralHeaders(zip)) {
        view.setUint16(at + 10, method, true);
        view.setUint16(view.getUint32(at + 42, true) + 8, method, true);
      }
      return { what: `unsupported-method:${method}`, bytes: zip };
    }
    case 'bomb-entry': {
      const mb = d.pick([4, 24]);
      return { what: `bomb-entry:${mb}MiB`, bytes: zipSync({ ...Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, strToU8(JSON.stringify(v))])), 'samples/bomb_epoch_1.json': new Uint8Array(mb * 1024 * 1024) }) };
    }
    case 'mutated-sample': {
      const raw = new RawJson();
      const names = Object.keys(entries);
      const name = d.pick(names);
      const mutated = mutateDocument(d, entries[name], raw);
      return { what: `mutated:${name}:${mutated.what}`, bytes: zipOf({ ...entries, [name]: mutated.value }, raw) };
    }
    case 'no-header': {
      const { 'header.json': _header, ...rest } = entries;
      return { what: 'no-header', bytes: zipOf(d.chance(0.5) ? rest : { 'header.json': entries['header.json'] }) };
    }
    case 'empty-zip':
      return { what: 'empty-zip', bytes: zipSync({}) };
    case 'duplicate-names': {
      // fflate writes no two entries of one name: an entry `header.jsoN`, renamed in place (local and central
      // headers) to `header.json`, makes the second one.
      const zip = new Uint8Array(zipOf({ ...entries, 'header.jsoN': entries['header.json'] }));
      const text = new TextDecoder('latin1').decode(zip);
      let at = text.indexOf('header.jsoN');
      while (at >= 0) {
        zip[at + 10] = 'n'.charCodeAt(0);
        at = text.indexOf('header.jsoN', at + 1);
      }
      return { what: 'duplicate-names', bytes: zip };
    }
    case 'not-json-entries':
      return { what: 'not-json-entries', bytes: zipSync({ 'header.json': strToU8('{not json'), 'samples/1_epoch_1.json': new Uint8Array([0xff, 0xfe, 0x00]) }) };
    default:
      return { what: 'valid', bytes: zipOf(entries) };
  }
}
