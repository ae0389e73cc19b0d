import { hostileDepth, hostileString, longString, nested, nestedText, rawNumbers } from './hostile.ts';
import type { Dice } from './random.ts';

/**
 * Structured mutation of JSON documents: pick one node and replace it with something hostile. Values that
 * JSON.stringify cannot produce (1e309, 20,000 levels of nesting, duplicate keys) are written as raw JSON
 * text through placeholders, so a deep document never recurses in the generator either.
 */

const RAW = '\u0001raw:';

/** A placeholder that `toJsonText` replaces by `text` verbatim. */
export interface Raw {
  readonly placeholder: string;
  readonly text: string;
}

export class RawJson {
  private readonly items: Raw[] = [];
  put(text: string): string {
    const placeholder = `${RAW}${this.items.length}\u0001`;
    this.items.push({ placeholder, text });
    return placeholder;
  }
  /** JSON.stringify, then each placeholder (a JSON string) swapped for its raw text. */
  stringify(value: unknown): string {
    let text = JSON.stringify(value) ?? 'null';
    for (const item of this.items) text = text.replace(JSON.stringify(item.placeholder), () => item.text);
    return text;
  }
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every path to a node (bounded, breadth first), so the mutation can land anywhere in the document. */
function paths(root: unknown, max = 2000): (string | number)[][] {
  const out: (string | number)[][] = [];
  const queue: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (queue.length && out.length < max) {
    const next = queue.shift();
    if (!next) break;
    if (next.path.length) out.push(next.path);
    if (!isContainer(next.value)) continue;
    const entries: [string | number, unknown][] = Array.isArray(next.value) ? next.value.map((v, i) => [i, v]) : Object.entries(next.value);
    for (const [key, child] of entries) queue.push({ value: child, path: [...next.path, key] });
  }
  return out;
}

/** A value of the wrong type, size, depth or text for wherever it lands. */
export function hostileValue(d: Dice, raw: RawJson): { value: unknown; what: string } {
  return d.weighted<() => { value: unknown; what: string }>([
    [3, () => ({ value: d.pick([null, true, false, 0, -1, 1.5, '', 'x', [], {}, [1, 'a'], { a: 1 }]), what: 'wrong-type' })],
    [3, () => ({ value: hostileString(d), what: 'hostile-string' })],
    [1, () => ({ value: longString(d), what: 'long-string' })],
    [1, () => ({ value: raw.put(d.pick(rawNumbers)), what: 'raw-number' })],
    [
      2,
      () => {
        const depth = hostileDepth(d);
        const kind = d.pick(['array', 'object'] as const);
        // Deep values are raw text: JSON.stringify itself recurses and would overflow on 20,000 levels.
        return { value: depth > 500 ? raw.put(nestedText(depth, kind)) : nested(depth, kind), what: `deep-${depth}` };
      },
    ],
  ])();
}

function child(node: unknown, key: string | number): unknown {
  if (Array.isArray(node)) return typeof key === 'number' ? node[key] : undefined;
  return isRecord(node) && typeof key === 'string' ? node[key] : undefined;
}

/** Replaces (or deletes, or multiplies) one node of a copy of `document`. */
export function mutateDocument(d: Dice, document: unknown, raw: RawJson): { value: unknown; what: string } {
  const copy: unknown = structuredClone(document);
  const all = paths(copy);
  if (!all.length) return hostileValue(d, raw);
  const path = d.pick(all);
  const parent = path.slice(0, -1).reduce<unknown>(child, copy);
  const key = path.at(-1);
  if (key === undefined) return { value: copy, what: 'none' };
  const where = path.join('.');
  const action = d.weighted<'replace' | 'delete' | 'multiply'>([
    [6, 'replace'],
    [2, 'delete'],
    [1, 'multiply'],
  ]);
  if (Array.isArray(parent) && typeof key === 'number') {
    if (action === 'delete') {
      parent.splice(key, 1);
      return { value: copy, what: `delete:${where}` };
    }
    if (action === 'multiply') {
      const copies = d.pick([2, 100, 5000]);
      parent.splice(key, 0, ...Array.from({ length: copies }, () => structuredClone(parent[key])));
      return { value: copy, what: `multiply-${copies}:${where}` };
    }
    const hostile = hostileValue(d, raw);
    parent[key] = hostile.value;
    return { value: copy, what: `${hostile.what}:${where}` };
  }
  if (!isRecord(parent) || typeof key !== 'string') return { value: copy, what: 'none' };
  if (action === 'delete') {
    delete parent[key];
    return { value: copy, what: `delete:${where}` };
  }
  const hostile = hostileValue(d, raw);
  parent[key] = hostile.value;
  return { value: copy, what: `${hostile.what}:${where}` };
}

/** Text-level damage for any file: flipped bytes, a cut, an insertion of hostile text or invalid UTF-8. */
export function damageBytes(d: Dice, bytes: Uint8Array): { bytes: Uint8Array; what: string } {
  const out = new Uint8Array(bytes);
  switch (d.int(4)) {
    case 0: {
      const flips = d.between(1, 8);
      for (let i = 0; i < flips; i++) out[d.int(out.length)] = d.int(256);
      return { bytes: out, what: `flip-${flips}` };
    }
    case 1: {
      const at = d.int(bytes.length);
      return { bytes: bytes.subarray(0, at), what: `cut-at-${at}` };
    }
    case 2: {
      const at = d.int(bytes.length);
      const insert = new TextEncoder().encode(hostileString(d));
      return { bytes: concatBytes([bytes.subarray(0, at), insert, bytes.subarray(at)]), what: `insert-at-${at}` };
    }
    default: {
      const at = d.int(bytes.length);
      return { bytes: concatBytes([bytes.subarray(0, at), new Uint8Array([0xff, 0xc3]), bytes.subarray(at)]), what: `invalid-utf8-at-${at}` };
    }
  }
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
