import { unzipSync, type UnzipFileInfo } from 'fflate';
import { DomainError, FormatError, LimitExceeded } from '../../lib/errors.ts';

/** Bounds on what an uploaded archive may expand to; a breach rejects the whole archive before anything is inflated. */
export interface ArchiveLimits {
  /** Sum of the declared uncompressed sizes of the entries that are read. */
  maxUncompressedBytes: number;
  /** Entries in the archive's central directory, read or not. */
  maxEntries: number;
}

/**
 * Reads the entries `wanted` selects from a zip, safely.
 *
 * A first pass walks the central directory without inflating anything and rejects the archive when it has
 * too many entries, an unsafe path (`..`, absolute, drive letter, backslash), or when the selected entries
 * declare more than the size limit. Only then are they inflated, each into a buffer of exactly its
 * declared size: fflate's `inflateSync` with an `out` buffer never grows it (fflate 0.8 `inflt`: `resize`
 * is false when a buffer is given), so an entry that lies about its size comes out cut short (and then
 * fails to parse), never larger.
 */
export function readZipEntries(bytes: Uint8Array, limits: ArchiveLimits, wanted: (name: string) => boolean): Map<string, Uint8Array> {
  if (bytes.length === 0) throw new FormatError('archive', 'the file is empty');
  let entries = 0;
  let declaredBytes = 0;
  const selected = new Set<string>();
  inspectDirectory(bytes, (file) => {
    entries++;
    if (entries > limits.maxEntries) throw new LimitExceeded(`archive: more than ${limits.maxEntries} entries`, { where: 'archive', limit: 'maxArchiveEntries' });
    const problem = unsafePath(file.name);
    if (problem) throw new FormatError(file.name, `unsafe path in archive: ${problem}`);
    if (!wanted(file.name)) return;
    if (file.compression !== 0 && file.compression !== 8) {
      throw new FormatError(file.name, `unsupported zip compression method ${file.compression} (stored and deflate are read)`);
    }
    if (selected.has(file.name)) throw new FormatError(file.name, 'duplicate entry name in archive');
    selected.add(file.name);
    declaredBytes += file.originalSize;
    if (declaredBytes > limits.maxUncompressedBytes) {
      throw new LimitExceeded(`archive: expands to more than ${limits.maxUncompressedBytes} bytes (the archive limit)`, { where: 'archive', limit: 'maxBodyBytes' });
    }
  });
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => selected.has(file.name) });
  } catch (err) {
    throw new FormatError('archive', `corrupt zip: ${err instanceof Error ? err.message : String(err)}`);
  }
  return new Map(Object.entries(files));
}

/** Calls `visit` for every central-directory entry; `filter` returning false means nothing is inflated. */
function inspectDirectory(bytes: Uint8Array, visit: (file: UnzipFileInfo) => void): void {
  try {
    unzipSync(bytes, {
      filter: (file) => {
        visit(file);
        return false;
      },
    });
  } catch (err) {
    if (err instanceof DomainError) throw err;
    throw new FormatError('archive', `not a readable zip archive: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Why an entry name could escape an extraction directory, or undefined when it is a plain relative path. */
export function unsafePath(name: string): string | undefined {
  if (name.includes('\\')) return 'backslash in path';
  if (name.includes('\0')) return 'NUL in path';
  if (name.startsWith('/')) return 'absolute path';
  if (/^[a-zA-Z]:/u.test(name)) return 'drive letter in path';
  if (name.split('/').includes('..')) return 'parent directory (..) in path';
  return undefined;
}
