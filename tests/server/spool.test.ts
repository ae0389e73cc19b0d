import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { HELD_BYTES, SMALL_BODY_BYTES, spooled } from '../../server/ingest/spool.ts';
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

test('a small body is held in memory and given to the task byte for byte (a character split across chunks too)', async () => {
  const text = `{"a":"ü ✓ 𝄞 \u2028"}\n`.repeat(5000);
  const bytes = new TextEncoder().encode(text);
  // Cut inside multi-byte characters on purpose.
  const parts = [bytes.subarray(0, 7), bytes.subarray(7, 70_001), bytes.subarray(70_001)];
  let seenFiles: string[] = ['not looked'];
  const out = await spooled(chunks(parts), dir, bytes.byteLength, async (body) => {
    seenFiles = readdirSync(dir);
    return collect(body);
  });
  expect(seenFiles).toEqual([]);
  expect(out.equals(Buffer.from(bytes))).toBe(true);
});

test('a body past SMALL_BODY_BYTES goes to a file, what was held first included, and the file is removed after', async () => {
  const text = `{"a":"ü ✓ 𝄞 \u2028"}\n`.repeat(Math.ceil((SMALL_BODY_BYTES * 1.5) / 20));
  const bytes = new TextEncoder().encode(text);
  const parts = Array.from({ length: Math.ceil(bytes.byteLength / 65_537) }, (_, i) => bytes.subarray(i * 65_537, (i + 1) * 65_537));
  let seenFiles: string[] = [];
  const out = await spooled(chunks(parts), dir, bytes.byteLength, async (body) => {
    seenFiles = readdirSync(dir);
    return collect(body);
  });
  expect(seenFiles).toHaveLength(1);
  expect(out.equals(Buffer.from(bytes))).toBe(true);
  expect(readdirSync(dir)).toEqual([]);
});

test('small bodies held at once stay within HELD_BYTES: the next goes to a file, and the budget comes back after', async () => {
  const size = SMALL_BODY_BYTES - 1;
  const fit = Math.floor(HELD_BYTES / size);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const files: number[] = [];
  const upload = () =>
    spooled(chunks([new Uint8Array(size)]), dir, size, async (body) => {
      files.push(readdirSync(dir).length);
      await gate;
      return (await collect(body)).byteLength;
    });
  const held = Array.from({ length: fit }, upload);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(files).toEqual(Array.from({ length: fit }, () => 0));
  const spilled = upload();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(files.at(-1)).toBe(1);
  release();
  expect(await Promise.all([...held, spilled])).toEqual(Array.from({ length: fit + 1 }, () => size));
  expect(readdirSync(dir)).toEqual([]);
  // All of it was given back: one more is held again.
  files.length = 0;
  await upload();
  expect(files).toEqual([0]);
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
  // Failing after it went to a file: the file goes too, and what was held is given back.
  const mib = () => new Uint8Array(1024 * 1024);
  await expect(spooled(chunks([mib(), mib(), mib(), mib()], 3), dir, 10 * 1024 * 1024, async () => 1)).rejects.toThrow('client went away');
  expect(readdirSync(dir)).toEqual([]);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const held = Array.from({ length: Math.floor(HELD_BYTES / SMALL_BODY_BYTES) }, () =>
    spooled(chunks([new Uint8Array(SMALL_BODY_BYTES)]), dir, SMALL_BODY_BYTES, async () => {
      const files = readdirSync(dir).length;
      await gate;
      return files;
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  release();
  expect(await Promise.all(held)).toEqual(held.map(() => 0));
});
