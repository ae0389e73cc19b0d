import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { drizzle as drizzleProxy } from 'drizzle-orm/sqlite-proxy';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from './package-root.ts';
import { DEFAULT_READ_WORKERS, startReadPool, type ReadPool } from './read-pool.ts';
import { mainTransaction, startWriteThread, type BulkTransaction } from './write-thread.ts';
import * as schema from './schema/index.ts';

/** The main connection, as write tasks receive it. */
export type WriteDb = LibSQLDatabase<typeof schema>;
/** A transaction handle, as `db.transaction` passes it. */
export type Tx = Parameters<Parameters<WriteDb['transaction']>[0]>[0];
/**
 * What a read needs, and all it can do: select, and raw SQL through `all`/`get` (rows with named columns, as
 * libSQL gives them) or `values` (rows as arrays). The read handle, the main connection and a transaction all
 * fit it, so one query function serves the API and the writers; a write through it does not compile (and the
 * readers' connections are query_only besides).
 */
export type Db = Pick<BaseSQLiteDatabase<'async', unknown, typeof schema>, 'select' | 'selectDistinct' | 'all' | 'get' | 'values' | '$count' | '$with' | 'with'>;

export interface WriteOptions {
  /**
   * A write that no derived figure reads (session and token activity, a labeling lease kept alive): it leaves
   * `version()` where it is, so the kept statistics survive it. Leave it out when in doubt.
   */
  bookkeeping?: boolean;
}

export interface Database {
  /** Reads may run at any time; on the read pool for a database file, else on the main connection. */
  db: Db;
  client: Client;
  /**
   * Runs `task` after every write queued before it has settled. Concurrent write transactions on one libSQL
   * file fail with SQLITE_BUSY and a busy timeout blocks the event loop, so every write goes through here.
   */
  write<T>(task: (db: WriteDb) => Promise<T>, options?: WriteOptions): Promise<T>;
  /**
   * A number that differs whenever the data may have changed since it was last read: it moves when a write
   * starts and again when it settles, so a result computed during a write is never taken for one after it.
   * Caches of derived figures key on it (server/queries/memo.ts). The read workers see a write once it has
   * committed, which is before it settles, so a figure read after the second move includes it.
   */
  version(): number;
  /**
   * Opens a write transaction for bulk work (an upload's rows), to be used inside `write` only: on the write
   * thread for a database file (db/write-thread.ts), else libSQL's own on the main connection.
   */
  bulkTransaction(): Promise<BulkTransaction>;
  /** The reader threads behind `db` for a database file; null when reads share the main connection. */
  readers: ReadPool | null;
  /**
   * This database with `db` on the main connection, for the checks a server makes before it listens: nothing
   * else runs yet, and reading them on the pool would start readers only for them to sit idle (READER_IDLE_MS).
   */
  atStartup(): Database;
  /**
   * Reads on the main connection, for the lookups by a unique index that every request makes (who is calling):
   * a few microseconds of SQLite, less than the trip to a reader thread, and they would otherwise start a reader
   * (an isolate and a connection, ~15 MB) for an upload that reads nothing else, and queue behind slow reads.
   */
  keyLookups: Db;
  close(): Promise<void>;
}

const migrationsFolder = join(packageRoot(), 'db', 'migrations');

export async function createDb(url: string, options: { authToken?: string; readWorkers?: number } = {}): Promise<Database> {
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

  // The embedded client runs each statement synchronously on the calling thread, so a slow read on the main
  // connection holds every request. A file database reads on worker threads instead; a memory database exists
  // only on its one connection, and a libSQL server is already asynchronous, so those read here.
  const workers = options.readWorkers ?? DEFAULT_READ_WORKERS;
  const readers: ReadPool | null = filePath && workers > 0 ? startReadPool(filePath, workers) : null;
  // With no read workers everything stays on the main thread, bulk writes included.
  const writeThread = filePath && readers ? startWriteThread(filePath) : null;

  let tail: Promise<unknown> = Promise.resolve();
  let version = 0;
  const write = <T>(task: (db: WriteDb) => Promise<T>, options: WriteOptions = {}): Promise<T> => {
    const moves = options.bookkeeping ? 0 : 1;
    const run = tail.then(async () => {
      version += moves;
      try {
        return await task(db);
      } finally {
        version += moves;
      }
    });
    tail = run.catch(() => undefined);
    return run;
  };
  const database: Database = {
    db: readers ? readHandle(readers) : db,
    client,
    write,
    version: () => version,
    bulkTransaction: async () => (writeThread ? writeThread.transaction() : mainTransaction(await client.transaction('write'))),
    readers,
    atStartup: () => ({ ...database, db }),
    keyLookups: db,
    close: async () => {
      await Promise.all([readers?.close(), writeThread?.close()]);
      client.close();
    },
  };
  return database;
}

/**
 * Drizzle over the read pool (drizzle-orm/sqlite-proxy): drizzle builds each statement here and maps the rows
 * the reader sends back, as arrays, the shape sqlite-proxy expects for all, values and (one row) get.
 */
function readHandle(readers: ReadPool): Db {
  const proxy = (named: boolean) =>
    drizzleProxy(
      async (sql, params, method) => {
        const reply = await readers.query(sql, params);
        // Drizzle's selects map rows by position, so they take the arrays as they are; raw `db.all`/`db.get`
        // read columns by name, so their rows are built as libSQL builds them (sqlite3.js rowFromSql).
        const rows = named && method !== 'values' ? reply.rows.map((row) => libsqlRow(row, reply.names)) : reply.rows;
        if (method !== 'get') return { rows };
        // `get` takes the one row itself, or nothing when there is none (an empty row would map to an object of
        // undefineds); sqlite-proxy's type says any[] for both, hence the `any`.
        const one: { rows: any } = { rows: rows[0] };
        return one;
      },
      async () => {
        throw new Error('The read handle runs one statement at a time; batch writes inside database.write');
      },
      // Passed third: sqlite-proxy reads `casing` only from the argument after the batch callback.
      { schema, casing: 'snake_case' },
    );
  // Two handles because the proxy's callback cannot tell a select's `all` from a raw one: naming the columns of
  // every row of a large select would cost the main thread a property per value for nothing.
  const handle = proxy(false);
  const raw = proxy(true);
  handle.all = raw.all.bind(raw);
  handle.get = raw.get.bind(raw);
  return handle;
}

/**
 * A row as @libsql/client returns one: positions and `length` not enumerable, a property per column name (the
 * first of a repeated name wins), so spreading it or sending it as JSON gives the named columns alone.
 */
function libsqlRow(values: readonly unknown[], names: readonly string[]): unknown[] {
  const row = {};
  Object.defineProperty(row, 'length', { value: values.length });
  for (let c = 0; c < values.length; c++) {
    Object.defineProperty(row, c, { value: values[c] });
    const name = names[c];
    if (name !== undefined && !Object.hasOwn(row, name)) Object.defineProperty(row, name, { value: values[c], enumerable: true, configurable: true, writable: true });
  }
  // An array-like, which is how drizzle reads it (row[i]); sqlite-proxy's row type is any[].
  const arrayLike: any = row;
  return arrayLike;
}

/** The path of an embedded database file, or null for a libSQL server URL or memory. */
export function localFilePath(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const path = url.slice('file:'.length).split('?')[0] ?? '';
  return path === '' || path === ':memory:' ? null : path;
}
