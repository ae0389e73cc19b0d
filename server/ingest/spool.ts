import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { bodyTooLarge } from './ndjson.ts';

/** A body up to this size is held in memory rather than in a file (while HELD_BYTES allows). */
export const SMALL_BODY_BYTES = 2 * 1024 * 1024;
/** What all the small bodies held at once may take. */
export const HELD_BYTES = 16 * 1024 * 1024;
let heldBytes = 0;

/**
 * Receives `body` whole, then gives `task` the bytes received, and frees them after. The batch ingest validates
 * and writes inside its write transaction (ingest/ndjson-batch.ts), so what it reads must be quick: never a slow
 * client or an inflating stream (whose time budget would then count the writes). A small body (SMALL_BODY_BYTES)
 * is held in memory while the small bodies held at once stay within HELD_BYTES; any other is spooled to a file
 * under `parentDir`, memory holding a chunk at a time. (A file per upload of 100 transcripts: 20 uploaders
 * 1,802 transcripts/s against 2,045 held, bench/mixed.ts.) At most `maxBodyBytes`, past which the body is a
 * 413. A body that fails (over the limit, a client gone, bad gzip) leaves nothing behind.
 */
export async function spooled<T>(
  body: AsyncIterable<Uint8Array>,
  parentDir: string | undefined,
  maxBodyBytes: number,
  task: (bytes: AsyncIterable<Uint8Array>) => Promise<T>,
): Promise<T> {
  let size = 0;
  async function* counted() {
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > maxBodyBytes) throw bodyTooLarge(maxBodyBytes);
      yield chunk;
    }
  }
  const chunks = counted();
  const held: Uint8Array[] = [];
  let claimed = 0;
  let dir: string | null = null;
  try {
    for (;;) {
      const next = await chunks.next();
      if (next.done) return await task(items(held));
      const chunk = next.value;
      if (size > SMALL_BODY_BYTES || heldBytes + chunk.byteLength > HELD_BYTES) {
        // Too large to hold: what was held goes to the file first, then the rest as it comes.
        heldBytes -= claimed;
        claimed = 0;
        async function* all() {
          yield* held.splice(0);
          yield chunk;
          yield* { [Symbol.asyncIterator]: () => chunks };
        }
        dir = await mkdtemp(join(parentDir ?? tmpdir(), 'charlens-spool-'));
        const file = join(dir, 'body');
        await pipeline(Readable.from(all()), createWriteStream(file));
        return await task(createReadStream(file));
      }
      held.push(chunk);
      heldBytes += chunk.byteLength;
      claimed += chunk.byteLength;
    }
  } finally {
    heldBytes -= claimed;
    // Closes the body when it failed part-way (a no-op once it was read to its end).
    await chunks.return(undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

async function* items(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
}
