import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { Limits } from '../env.ts';
import { inflateAllowance } from '../lib/body.ts';
import { errorMessage, LimitExceeded, Unprocessable } from '../lib/errors.ts';
import { isGzip, type FileSample, type ImportFile, type ImportFormat } from './formats/format.ts';
import type { FormatRegistry } from './formats/registry.ts';

/** Detection reads this much of a file's text: enough for the first line of every format. */
const SAMPLE_BYTES = 256 * 1024;

/** The opening of a file on disk, for detection: raw head bytes, and the start of its text (inflated when gzip). */
export async function sampleFile(path: string, name: string): Promise<FileSample> {
  const head = await readHead(path, SAMPLE_BYTES);
  const bytes = isGzip(head) ? await inflatedHead(path, name) : head;
  // The sample may be cut anywhere, even inside a character: decode leniently.
  return { name, head, text: new TextDecoder().decode(bytes) };
}

/** The first format of the registry that recognises the sample, or undefined. */
export function detectFormat(sample: FileSample, registry: FormatRegistry): ImportFormat | undefined {
  return registry.find((format) => format.detect(sample));
}

/** The whole file as text: gunzipped when it is gzip (bounded: past the body limit is a 413), UTF-8 checked. */
export function fileText(file: ImportFile, limits: Limits): string {
  let bytes = file.bytes;
  if (isGzip(bytes)) {
    try {
      // The output is capped at what the ratio allows (or the body limit, if smaller): a bomb stops there.
      const allowance = inflateAllowance(bytes.byteLength, limits);
      bytes = gunzipSync(bytes, { maxOutputLength: Math.min(limits.maxBodyBytes, allowance) });
    } catch (err) {
      if (err instanceof RangeError) {
        throw limits.maxBodyBytes <= inflateAllowance(file.bytes.byteLength, limits)
          ? new LimitExceeded(`${file.name}: expands past the limit of ${limits.maxBodyBytes} bytes`, { limit: 'maxBodyBytes' })
          : new LimitExceeded(`${file.name}: expands more than ${limits.maxCompressionRatio}× its ${file.bytes.byteLength} bytes: refused as a decompression bomb`, { limit: 'maxCompressionRatio' });
      }
      throw new Unprocessable(`${file.name}: not valid gzip: ${errorMessage(err)}`);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Unprocessable(`${file.name}: not valid UTF-8 text`);
  }
}

export async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The first SAMPLE_BYTES of a gzip file's content, inflating no more than that. */
async function inflatedHead(path: string, name: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  const source = createReadStream(path);
  const gunzip = source.pipe(createGunzip());
  try {
    for await (const chunk of gunzip) {
      if (!(chunk instanceof Buffer)) continue;
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size >= SAMPLE_BYTES) break;
    }
  } catch (err) {
    // A stream cut short still shows its opening; a file that is not gzip at all has nothing to show.
    if (size === 0) throw new Unprocessable(`${name}: not valid gzip: ${errorMessage(err)}`);
  } finally {
    gunzip.destroy();
    source.destroy();
  }
  return Buffer.concat(chunks).subarray(0, SAMPLE_BYTES);
}
