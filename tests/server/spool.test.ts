import { existsSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Spool } from '../../server/ingest/spool.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'charlens-spool-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('gives back what was pushed, in order, and removes its folder', async () => {
  const spool = await Spool.create<{ n: number; s: string }>(dir);
  for (let n = 0; n < 1000; n++) await spool.push({ n, s: `line\n${n} ✓` });
  const out = [];
  for await (const item of spool.read()) out.push(item);
  expect(out).toHaveLength(1000);
  expect(out[999]).toEqual({ n: 999, s: 'line\n999 ✓' });
  await spool.dispose();
  expect(existsSync(join(dir, 'charlens-spool-'))).toBe(false);
});

test('disposing with writes still pending (an abandoned upload) neither throws nor crashes the process', async () => {
  let uncaught: unknown = null;
  const onUncaught = (err: unknown) => {
    uncaught = err;
  };
  process.on('uncaughtException', onUncaught);
  try {
    for (let i = 0; i < 20; i++) {
      const spool = await Spool.create<string>(dir);
      // Past the spool's write buffer, so the file write is in flight when the spool is disposed.
      void spool.push('x'.repeat(2 * 1024 * 1024)).catch(() => undefined);
      const disposed = spool.dispose();
      await expect(spool.push('late')).rejects.toThrow();
      await disposed;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(uncaught).toBeNull();
  } finally {
    process.off('uncaughtException', onUncaught);
  }
});
