/**
 * One fuzz request and how to print it so that someone else can replay it. Cases are plain data (no
 * functions), so a case copied out of a report is the whole reproduction.
 */

/** Who the request claims to be: the admin token (the default), nobody, or a token the server never gave out. */
export type FuzzAuth = 'admin' | 'none' | 'bogus';

export interface FuzzCase {
  /** The family and the mutation, e.g. `batch/deep-metadata-65`; findings are grouped by it. */
  name: string;
  method: string;
  /** Path and query string, exactly as sent (already percent-encoded, or deliberately not). */
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  auth?: FuzzAuth;
}

/** Where a case came from: `generateCase(seed, index, context)` gives it back. */
export interface CaseOrigin {
  seed: number;
  index: number;
}

/** Bodies up to this size are printed whole (base64 for bytes); larger ones by size, hash and opening. */
const FULL_BODY_BYTES = 2048;

export interface Reproduction {
  seed: number;
  index: number;
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  auth: FuzzAuth;
  body: { utf8: string } | { base64: string } | { bytes: number; sha256: string; headBase64: string; note: string } | null;
}

export function bodyBytes(body: FuzzCase['body']): Uint8Array {
  if (body === undefined) return new Uint8Array(0);
  return typeof body === 'string' ? new TextEncoder().encode(body) : body;
}

function isWellFormedText(body: string): boolean {
  return body.isWellFormed() && !/[\u0000-\u0008\u000e-\u001f]/u.test(body);
}

/** The case as compact JSON-able data: small bodies whole, large ones described (replay from seed + index). */
export function reproduction(c: FuzzCase, origin: CaseOrigin, sha256: (bytes: Uint8Array) => string): Reproduction {
  const bytes = bodyBytes(c.body);
  let body: Reproduction['body'] = null;
  if (c.body !== undefined) {
    if (bytes.byteLength <= FULL_BODY_BYTES) {
      body = typeof c.body === 'string' && isWellFormedText(c.body) ? { utf8: c.body } : { base64: Buffer.from(bytes).toString('base64') };
    } else {
      body = {
        bytes: bytes.byteLength,
        sha256: sha256(bytes),
        headBase64: Buffer.from(bytes.subarray(0, 256)).toString('base64'),
        note: `too large to print: regenerate with generateCase(${origin.seed}, ${origin.index}, context)`,
      };
    }
  }
  return { seed: origin.seed, index: origin.index, name: c.name, method: c.method, path: c.path, headers: c.headers, auth: c.auth ?? 'admin', body };
}

/** A one-line summary for logs: `#index name METHOD path (n bytes)`. */
export function describeCase(c: FuzzCase, origin: CaseOrigin): string {
  const size = c.body === undefined ? '' : ` (${bodyBytes(c.body).byteLength} bytes)`;
  const path = c.path.length > 160 ? `${c.path.slice(0, 160)}…[${c.path.length} chars]` : c.path;
  return `#${origin.index} ${c.name} ${c.method} ${path}${size}`;
}
