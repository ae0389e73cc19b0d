import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { bodyTooLarge } from './ndjson.ts';

/**
 * Receives `body` whole into a spool file, then gives `task` the bytes received, and removes the file after.
 * The batch ingest validates and writes in one pass inside its write transaction (ingest/ndjson-batch.ts), so
 * what it reads must be quick: a spool, never a slow client or an inflating stream (whose time budget would
 * then count the writes). Memory holds a chunk at a time; the file is at most `maxBodyBytes`, past which the
 * body is a 413. A body that fails (over the limit, a client gone, bad gzip) leaves nothing behind.
 */
export async function spooled<T>(
  body: AsyncIterable<Uint8Array>,
  parentDir: string | undefined,
  maxBodyBytes: number,
  task: (bytes: AsyncIterable<Uint8Array>) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(parentDir ?? tmpdir(), 'charlens-spool-'));
  try {
    const file = join(dir, 'body');
    let size = 0;
    async function* counted() {
      for await (const chunk of body) {
        size += chunk.byteLength;
        if (size > maxBodyBytes) throw bodyTooLarge(maxBodyBytes);
        yield chunk;
      }
    }
    await pipeline(Readable.from(counted()), createWriteStream(file));
    return await task(createReadStream(file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
