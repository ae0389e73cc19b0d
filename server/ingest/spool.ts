import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/**
 * A temporary file of JSON lines. Uploads are validated into a spool first and written to the database from
 * it afterwards, so an upload of any size is checked whole before anything is written, and the write
 * transaction never waits on a slow client.
 */
export class Spool<T> {
  private count = 0;
  private constructor(
    private readonly dir: string,
    private readonly out: ReturnType<typeof createWriteStream>,
  ) {}

  static async create<T>(parentDir: string | undefined): Promise<Spool<T>> {
    const dir = await mkdtemp(join(parentDir ?? tmpdir(), 'charlens-spool-'));
    return new Spool<T>(dir, createWriteStream(join(dir, 'items.jsonl')));
  }

  get size(): number {
    return this.count;
  }

  async push(item: T): Promise<void> {
    this.count++;
    if (!this.out.write(JSON.stringify(item) + '\n')) await once(this.out, 'drain');
  }

  async *read(): AsyncGenerator<T> {
    this.out.end();
    await once(this.out, 'finish');
    const lines = createInterface({ input: createReadStream(join(this.dir, 'items.jsonl')), crlfDelay: Infinity });
    for await (const line of lines) {
      // The spool holds only what `push` wrote, so its lines are T by construction.
      const item: T = JSON.parse(line);
      yield item;
    }
  }

  async dispose(): Promise<void> {
    this.out.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}
