import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from './package-root.ts';
import * as schema from './schema/index.ts';

export type Db = LibSQLDatabase<typeof schema>;
/** A transaction handle, as `db.transaction` passes it. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  /** Reads may run at any time; never write through it outside `write`. */
  db: Db;
  client: Client;
  /**
   * Runs `task` after every write queued before it has settled. Concurrent write transactions on one libSQL
   * file fail with SQLITE_BUSY and a busy timeout blocks the event loop, so every write goes through here.
   */
  write<T>(task: (db: Db) => Promise<T>): Promise<T>;
  /**
   * A number that differs whenever the data may have changed since it was last read: it moves when a write
   * starts and again when it settles, so a result computed during a write is never taken for one after it.
   * Caches of derived figures key on it (server/queries/memo.ts).
   */
  version(): number;
  close(): void;
}

const migrationsFolder = join(packageRoot(), 'db', 'migrations');

export async function createDb(url: string, options: { authToken?: string } = {}): Promise<Database> {
  const filePath = localFilePath(url);
  if (filePath) mkdirSync(dirname(filePath), { recursive: true });
  const client = createClient({ url, ...(options.authToken ? { authToken: options.authToken } : {}) });
  if (filePath) {
    // WAL lets readers go on while the queue writes; it is a property of the file, so once is enough.
    // foreign_keys is on by default in libSQL connections; asserted below rather than trusted.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  const fk = await client.execute('PRAGMA foreign_keys');
  if (filePath && Number(fk.rows[0]?.[0]) !== 1) throw new Error('libSQL connection has foreign_keys off');
  const db = drizzle(client, { schema, casing: 'snake_case' });
  await migrate(db, { migrationsFolder });

  let tail: Promise<unknown> = Promise.resolve();
  let version = 0;
  const write = <T>(task: (db: Db) => Promise<T>): Promise<T> => {
    const run = tail.then(async () => {
      version++;
      try {
        return await task(db);
      } finally {
        version++;
      }
    });
    tail = run.catch(() => undefined);
    return run;
  };
  return { db, client, write, version: () => version, close: () => client.close() };
}

/** The path of an embedded database file, or null for a libSQL server URL or memory. */
export function localFilePath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const path = url.slice('file:'.length).split('?')[0] ?? '';
  return path === '' || path === ':memory:' ? null : path;
}
