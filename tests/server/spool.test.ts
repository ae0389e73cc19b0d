import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { spooled } from '../../server/ingest/spool.ts';
import { LimitExceeded } from '../../server/lib/errors.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'charlens-spool-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function* chunks(parts: Uint8Array[], failAfter?: number) {
  for (const [i, part] of parts.entries()) {
    if (i === failAfter) throw new Error('client went away');
    yield part;
  }
}

async function collect(bytes: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of bytes) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

test('gives the task the body byte for byte (a character split across chunks too), then removes the file', async () => {
  const text = `{"a":"ü ✓ 𝄞 \u2028"}\n`.repeat(5000);
  const bytes = new TextEncoder().encode(text);
  // Cut inside multi-byte characters on purpose.
  const parts = [bytes.subarray(0, 7), bytes.subarray(7, 70_001), bytes.subarray(70_001)];
  let seenFiles: string[] = [];
  const out = await spooled(chunks(parts), dir, bytes.byteLength, async (body) => {
    seenFiles = readdirSync(dir);
    return collect(body);
  });
  expect(seenFiles).toHaveLength(1);
  expect(out.equals(Buffer.from(bytes))).toBe(true);
  expect(readdirSync(dir)).toEqual([]);
});

test('a body over the limit is a 413 naming it, the task never runs and nothing is left behind', async () => {
  let ran = false;
  const attempt = spooled(chunks([new Uint8Array(600), new Uint8Array(600)]), dir, 1000, async () => {
    ran = true;
  });
  await expect(attempt).rejects.toThrow(LimitExceeded);
  await expect(attempt).rejects.toThrow('over the limit of 1000 bytes');
  expect(ran).toBe(false);
  expect(readdirSync(dir)).toEqual([]);
});

test('a body that fails part-way, or a task that throws, passes its error on and leaves nothing behind', async () => {
  await expect(spooled(chunks([new Uint8Array(10), new Uint8Array(10)], 1), dir, 1000, async () => 1)).rejects.toThrow('client went away');
  expect(readdirSync(dir)).toEqual([]);
  await expect(
    spooled(chunks([new Uint8Array(10)]), dir, 1000, async () => {
      throw new Error('task failed');
    }),
  ).rejects.toThrow('task failed');
  expect(readdirSync(dir)).toEqual([]);
});
