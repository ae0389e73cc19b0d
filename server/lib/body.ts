import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { BadRequest, DomainError, errorMessage, UnsupportedMediaType } from './errors.ts';

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
    throw new UnsupportedMediaType(`Content-Encoding ${encoding} is not supported: send identity or gzip`);
  }
  yield* gunzipStream(request.body, (message) => new BadRequest(`Request body ${message}`));
}

/** Inflates a gzip byte stream; a corrupt or truncated stream becomes the caller's domain error, not a crash. */
export async function* gunzipStream(source: AsyncIterable<Uint8Array>, corrupt: (message: string) => DomainError): AsyncGenerator<Uint8Array> {
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
    if (err instanceof DomainError) throw err;
    throw corrupt(`is not valid gzip: ${errorMessage(err)}`);
  } finally {
    gunzip.destroy();
    input.destroy();
  }
}
