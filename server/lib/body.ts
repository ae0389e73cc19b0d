import type { Context } from 'hono';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { BadRequest, DomainError, errorMessage, LimitExceeded, UnsupportedMediaType } from './errors.ts';

/** How far inflating may go: the ratio cap past a free allowance, and a time budget (Limits in env.ts). */
export interface InflateLimits {
  maxCompressionRatio: number;
  ratioFreeBytes: number;
  maxInflateMs: number;
}

/**
 * The request body as a byte stream, decompressed when `Content-Encoding: gzip`. Decompression errors
 * become a 400; the size limits are applied by the reader, after decompression.
 */
export async function* requestBody(c: Context, limits: InflateLimits): AsyncGenerator<Uint8Array> {
  const request = c.req.raw;
  const encoding = (request.headers.get('content-encoding') ?? 'identity').toLowerCase().trim();
  const bytes = nodeBody(c) ?? request.body;
  if (!bytes) return;
  if (encoding === 'identity') {
    yield* bytes;
    return;
  }
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new UnsupportedMediaType(`Content-Encoding ${encoding} is not supported: send identity or gzip`);
  }
  yield* gunzipStream(bytes, limits, (message) => new BadRequest(`Request body ${message}`));
}

/**
 * Under @hono/node-server, the body as Node receives it, while nothing has read it as a web stream: read like
 * any Node stream, it waits for its reader, where the web stream made of it (Readable.toWeb) copies every
 * chunk, and those copies, freed only by the next collection, raised the server's resident memory by tens of
 * megabytes while a 200 MB upload was received. Elsewhere (tests through `app.request`), null.
 */
function nodeBody(c: Context): AsyncIterable<Uint8Array> | null {
  const env: unknown = c.env;
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return null;
  const incoming = env.incoming;
  if (!(incoming instanceof Readable) || c.req.raw.bodyUsed || incoming.readableDidRead) return null;
  return incoming;
}

/** The most output `inputBytes` of compressed input may inflate to before it is refused as a bomb. */
export function inflateAllowance(inputBytes: number, limits: InflateLimits): number {
  return Math.max(limits.ratioFreeBytes, inputBytes * limits.maxCompressionRatio);
}

/**
 * Inflates a gzip byte stream. A corrupt or truncated stream becomes the caller's domain error, not a crash;
 * output past `maxCompressionRatio` times the input read so far (beyond `ratioFreeBytes`), or inflating for
 * longer than `maxInflateMs`, is a 413 — so a bomb costs a few megabytes of work, not its full size.
 */
export async function* gunzipStream(source: AsyncIterable<Uint8Array>, limits: InflateLimits, corrupt: (message: string) => DomainError): AsyncGenerator<Uint8Array> {
  let inputBytes = 0;
  async function* counted() {
    for await (const chunk of source) {
      inputBytes += chunk.byteLength;
      yield chunk;
    }
  }
  const gunzip = createGunzip();
  const input = Readable.from(counted());
  // pipe() does not forward the source's errors; the gunzip stream's own errors surface in the loop below.
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  const started = Date.now();
  let outputBytes = 0;
  try {
    for await (const chunk of gunzip) {
      if (!(chunk instanceof Uint8Array)) continue;
      outputBytes += chunk.byteLength;
      if (outputBytes > inflateAllowance(inputBytes, limits)) {
        throw new LimitExceeded(
          `The gzip data expands more than ${limits.maxCompressionRatio}× (${outputBytes} bytes from ${inputBytes}): refused as a decompression bomb`,
          { limit: 'maxCompressionRatio' },
        );
      }
      if (Date.now() - started > limits.maxInflateMs) {
        throw new LimitExceeded(`Inflating took longer than ${limits.maxInflateMs / 1000} s`, { limit: 'maxInflateSeconds' });
      }
      yield chunk;
    }
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw corrupt(`is not valid gzip: ${errorMessage(err)}`);
  } finally {
    gunzip.destroy();
    input.destroy();
  }
}
