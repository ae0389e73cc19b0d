import busboy from 'busboy';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BadRequest, DomainError, errorMessage, LimitExceeded, UnsupportedMediaType } from './errors.ts';

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
    throw new UnsupportedMediaType(`Content-Type must be multipart/form-data with the file in a "${fileField}" field`);
  }
  if (!request.body) throw new BadRequest('The request has no body');
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      limits: { files: limits.maxFiles, fileSize: limits.maxTotalBytes, fields: 20, fieldSize: 10_000, parts: limits.maxFiles + 20 },
    });
  } catch (err) {
    // busboy throws at once on a missing, empty or malformed boundary: the client's Content-Type is wrong.
    throw new BadRequest(`Malformed multipart Content-Type (${errorMessage(err)}): it needs a boundary, e.g. multipart/form-data; boundary=X`);
  }
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  const writes: Promise<void>[] = [];
  let total = 0;
  let failure: DomainError | null = null;
  const fail = (err: DomainError) => {
    failure ??= err;
  };

  parser.on('field', (name, value) => {
    // A part named like the file field but without a file name is read as text: it would be dropped unseen.
    if (name === fileField) fail(new BadRequest(`The "${fileField}" part has no filename: send it as a file (Content-Disposition with filename)`));
    else fields[name] = value;
  });
  parser.on('file', (name, stream, info) => {
    if (name !== fileField || failure) {
      if (name !== fileField) fail(new BadRequest(`Unexpected file field "${name}": send files in "${fileField}"`));
      // A skipped part still errors when the body ends inside it; unobserved, that error ends the process.
      stream.on('error', () => undefined);
      stream.resume();
      return;
    }
    const file: UploadedFile = { name: info.filename || `upload-${files.length + 1}`, path: join(dir, `part-${files.length}`), size: 0 };
    files.push(file);
    stream.on('data', (chunk: Buffer) => {
      file.size += chunk.byteLength;
      total += chunk.byteLength;
      if (total > limits.maxTotalBytes) {
        fail(new LimitExceeded(`Upload is over the limit of ${limits.maxTotalBytes} bytes`, { limit: 'maxBodyBytes' }));
        stream.resume();
      }
    });
    stream.on('limit', () => fail(new LimitExceeded(`${file.name} is over the limit of ${limits.maxTotalBytes} bytes`, { limit: 'maxBodyBytes' })));
    // A body that ends inside a file part rejects this pipeline too, possibly while the parse is still
    // awaited: observe it now (an unobserved rejection ends the process) and settle it below.
    const write = pipeline(stream, createWriteStream(file.path));
    write.catch(() => undefined);
    writes.push(write);
  });
  parser.on('filesLimit', () => fail(new LimitExceeded(`At most ${limits.maxFiles} files per upload`, { limit: 'maxImportFiles' })));

  let parseError: unknown = null;
  try {
    await pipeline(Readable.from(request.body), parser);
  } catch (err) {
    parseError = err;
  }
  const written = await Promise.allSettled(writes);
  if (failure) throw failure;
  if (parseError !== null) throw new BadRequest(`Malformed multipart body: ${errorMessage(parseError)}`);
  const writeFailure = written.find((w) => w.status === 'rejected');
  // The body parsed, so a failed write is ours (a full disk, say), not the client's: let it be a logged 500.
  if (writeFailure) throw writeFailure.reason;
  return { fields, files };
}
