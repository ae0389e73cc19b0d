import { createHash } from 'node:crypto';

/** The one hash helper: SHA-256 of UTF-8 text, as hex (or base64url, for compact keys). */
export function sha256(text: string, encoding: 'hex' | 'base64url' = 'hex'): string {
  return createHash('sha256').update(text).digest(encoding);
}
