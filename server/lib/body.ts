import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ApiError } from './errors.ts';

/**
 * The request body as a byte stream, decompressed when `Content-Encoding: gzip`. Decompression errors
 * become a 400; size limits are applied by the reader, after decompression, which is what stops a gzip bomb.
 */
export async function* requestBody(request: Request): AsyncGenerator<Uint8Array> {
  const encoding = (request.headers.get('content-encoding') ?? 'identity').toLowerCase().trim();
  if (!request.body) return;
  if (encoding === 'identity') {
    yield* request.body;
    return;
  }
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    throw new ApiError('unsupported_media_type', `Content-Encoding ${encoding} is not supported: send identity or gzip`);
  }
  yield* gunzipStream(request.body, 'Request body', 'bad_request');
}

/** Inflates a gzip byte stream; a corrupt or truncated stream is an ApiError naming `what`, not a crash. */
export async function* gunzipStream(source: AsyncIterable<Uint8Array>, what: string, code: 'bad_request' | 'unprocessable'): AsyncGenerator<Uint8Array> {
  const gunzip = createGunzip();
  const input = Readable.from(source);
  // pipe() does not forward the source's errors; the gunzip stream's own errors surface in the loop below.
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip) {
      if (chunk instanceof Uint8Array) yield chunk;
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(code, `${what} is not valid gzip: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    gunzip.destroy();
    input.destroy();
  }
}
