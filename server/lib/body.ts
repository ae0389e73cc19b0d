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
  const gunzip = Readable.from(request.body).pipe(createGunzip());
  try {
    for await (const chunk of gunzip) {
      if (chunk instanceof Uint8Array) yield chunk;
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('bad_request', `Request body is not valid gzip: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    gunzip.destroy();
  }
}
