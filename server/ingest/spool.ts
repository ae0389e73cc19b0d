import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const WRITE_CHARS = 64 * 1024;

/**
 * A temporary file of JSON lines. Uploads are validated into a spool first and written to the database from
 * it afterwards, so an upload of any size is checked whole before anything is written, and the write
 * transaction never waits on a slow client.
 */
export class Spool<T> {
  private count = 0;
  /**
   * Lines not yet handed to the file: one write per WRITE_CHARS instead of one per item (the syscalls showed in
   * profiles). Kept small: lines waiting here long enough to outlive two young-generation collections are
   * promoted, and a 1 MiB buffer raised the server's peak RSS on a 200 MB upload by ~25 MB.
   */
  private pending = '';
  private constructor(
    private readonly dir: string,
    private readonly out: ReturnType<typeof createWriteStream>,
  ) {}

  private failure: Error | null = null;

  static async create<T>(parentDir: string | undefined): Promise<Spool<T>> {
    const dir = await mkdtemp(join(parentDir ?? tmpdir(), 'charlens-spool-'));
    const spool = new Spool<T>(dir, createWriteStream(join(dir, 'items.jsonl')));
    // Without a listener, a write error (a full disk, or a write still pending when an upload is abandoned
    // and the spool disposed) would be an uncaught exception that takes the whole server down.
    spool.out.on('error', (err) => {
      spool.failure ??= err;
    });
    return spool;
  }

  get size(): number {
    return this.count;
  }

  async push(item: T): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.out.destroyed) throw new Error('spool is disposed');
    this.count++;
    this.pending += JSON.stringify(item) + '\n';
    if (this.pending.length >= WRITE_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    const text = this.pending;
    this.pending = '';
    if (text && !this.out.write(text)) await once(this.out, 'drain');
  }

  async *read(): AsyncGenerator<T> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
    if (this.failure) throw this.failure;
    const lines = createInterface({ input: createReadStream(join(this.dir, 'items.jsonl')), crlfDelay: Infinity });
    for await (const line of lines) {
      // The spool holds only what `push` wrote, so its lines are T by construction.
      const item: T = JSON.parse(line);
      yield item;
    }
  }

  /** Closes the file (pending writes settle first, their errors absorbed) and removes the folder. */
  async dispose(): Promise<void> {
    if (!this.out.closed) {
      const closed = once(this.out, 'close').catch(() => undefined);
      this.out.destroy();
      await closed;
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
