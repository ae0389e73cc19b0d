import busboy from 'busboy';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from './errors.ts';

export interface UploadedFile {
  /** The file name the client gave (never used as a path). */
  name: string;
  /** Where it was spooled. */
  path: string;
  size: number;
}

export interface MultipartLimits {
  maxTotalBytes: number;
  maxFiles: number;
}

/**
 * Streams a multipart/form-data body: file parts named `fileField` go to numbered files in `dir` (the client's
 * file name is kept only as a label), text fields are collected. Limits are enforced while the bytes arrive.
 */
export async function readMultipart(
  request: Request,
  dir: string,
  fileField: string,
  limits: MultipartLimits,
): Promise<{ fields: Record<string, string>; files: UploadedFile[] }> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new ApiError('unsupported_media_type', `Content-Type must be multipart/form-data with the file in a "${fileField}" field`);
  }
  if (!request.body) throw new ApiError('bad_request', 'The request has no body');
  const parser = busboy({
    headers: { 'content-type': contentType },
    limits: { files: limits.maxFiles, fileSize: limits.maxTotalBytes, fields: 20, fieldSize: 10_000, parts: limits.maxFiles + 20 },
  });
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  const writes: Promise<void>[] = [];
  let total = 0;
  let failure: ApiError | null = null;
  const fail = (err: ApiError) => {
    failure ??= err;
  };

  parser.on('field', (name, value) => {
    fields[name] = value;
  });
  parser.on('file', (name, stream, info) => {
    if (name !== fileField || failure) {
      if (name !== fileField) fail(new ApiError('bad_request', `Unexpected file field "${name}": send files in "${fileField}"`));
      stream.resume();
      return;
    }
    const file: UploadedFile = { name: info.filename || `upload-${files.length + 1}`, path: join(dir, `part-${files.length}`), size: 0 };
    files.push(file);
    stream.on('data', (chunk: Buffer) => {
      file.size += chunk.byteLength;
      total += chunk.byteLength;
      if (total > limits.maxTotalBytes) {
        fail(new ApiError('payload_too_large', `Upload is over the limit of ${limits.maxTotalBytes} bytes`, { limit: 'maxBodyBytes' }));
        stream.resume();
      }
    });
    stream.on('limit', () => fail(new ApiError('payload_too_large', `${file.name} is over the limit of ${limits.maxTotalBytes} bytes`, { limit: 'maxBodyBytes' })));
    writes.push(pipeline(stream, createWriteStream(file.path)));
  });
  parser.on('filesLimit', () => fail(new ApiError('payload_too_large', `At most ${limits.maxFiles} files per upload`, { limit: 'maxImportFiles' })));

  try {
    await pipeline(Readable.from(request.body), parser);
    await Promise.all(writes);
  } catch (err) {
    if (failure) throw failure;
    throw new ApiError('bad_request', `Malformed multipart body: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (failure) throw failure;
  return { fields, files };
}
