import { randomBytes } from 'node:crypto';

const ENCODING = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

let lastMs = 0;
let counter = 0;

/**
 * A sortable text id: 10 characters of millisecond time, then a per-process counter and randomness.
 * Ids made later in one process sort after earlier ones, so keyset pagination by id follows upload order.
 */
export function newId(): string {
  const now = Date.now();
  if (now === lastMs) counter++;
  else {
    lastMs = now;
    counter = 0;
  }
  return encode(now, 10) + encode(counter, 4) + encode(randomBytes(5).readUIntBE(0, 5), 8);
}

function encode(value: number, length: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    out = ENCODING[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}
