import type { Client, InValue } from '@libsql/client';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from './package-root.ts';
import { rowsOf, sqlError, type ReadReply } from './read-pool.ts';

/** One step of the write thread's transaction (db/write-worker.js). */
export type WriteRequest = { op: 'begin' } | { op: 'execute'; sql: string; params: InValue[] } | { op: 'commit' } | { op: 'rollback' };
/** Its answer: as a reader's. */
export type WriteReply = ReadReply;

/** What runs a statement with positional arguments: the libSQL client, a transaction, the write thread's. */
export interface SqlRunner {
  execute(statement: { sql: string; args: InValue[] }): Promise<{ columns: string[]; rows: ArrayLike<unknown>[] }>;
}

/** A write transaction of raw statements: committed by `commit`, rolled back by `close` unless committed. */
export interface BulkTransaction extends SqlRunner {
  commit(): Promise<void>;
  /** Rolls back unless committed; resolves once the write lock is released, so the next write can take it. */
  close(): Promise<void>;
}

export interface WriteThread {
  /** Opens a write transaction on the thread (BEGIN IMMEDIATE). One at a time: call it inside `Database.write`. */
  transaction(): Promise<BulkTransaction>;
  /** Stops the thread once the request in flight, if any, has answered. */
  close(): Promise<void>;
}

const writerFile = join(packageRoot(), 'db', 'write-worker.js');

/**
 * The bulk writer's thread: a worker with its own connection to the database file at `url`, on which an upload's
 * transaction runs (server/ingest/writer.ts). The embedded client runs each statement synchronously on the
 * calling thread, and an upload's inserts, FTS indexing and commit were half of the server's main-thread time
 * under mixed load (bench/mixed.ts, profiled), holding every request while they ran. Writes stay one at a time
 * (the write queue), so the two connections never contend for the write lock. A thread that dies fails the
 * statement in flight (SQLite rolls its transaction back) and a new one starts with the next transaction.
 */
export function startWriteThread(url: string, workerFile: string = writerFile): WriteThread {
  let worker: Worker | null = null;
  let ready: Promise<void> = Promise.resolve();
  let failure: Error | null = null;
  // Requests go one at a time (the writer awaits each); their answers come back in order.
  const waiting: { resolve: (reply: WriteReply) => void; reject: (err: Error) => void }[] = [];

  const spawn = () => {
    const w = new Worker(workerFile, { workerData: { url } });
    worker = w;
    failure = null;
    ready = new Promise<void>((resolve, reject) => {
      w.once('message', (first: unknown) => (first === 'ready' ? resolve() : reject(new Error('the write thread did not start'))));
      w.once('exit', (code) => reject(new Error(`the write thread could not open the database (exit code ${code})`)));
    });
    ready.catch(() => undefined);
    void ready.then(() => {
      w.on('message', (reply: WriteReply) => waiting.shift()?.resolve(reply));
    }, () => undefined);
    w.on('error', (err) => (failure = err));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      const err = new Error(`The write thread stopped (${failure?.message ?? `exit code ${code}`}); its transaction was rolled back`, { cause: failure ?? undefined });
      for (const job of waiting.splice(0)) job.reject(err);
    });
    w.unref();
  };

  // The request in flight: the thread is never terminated inside a statement (libsql's native binding aborts
  // the process when V8 stops a thread that is inside it; see db/read-pool.ts).
  let inflight: Promise<unknown> = Promise.resolve();
  const send = async (request: WriteRequest) => {
    if (!worker) throw new Error('The write thread stopped; its transaction was rolled back');
    const w = worker;
    await ready;
    const answer = new Promise<WriteReply>((resolve, reject) => {
      waiting.push({ resolve, reject });
      w.ref();
      w.postMessage(request);
    }).finally(() => w.unref());
    inflight = answer.catch(() => undefined);
    const reply = await answer;
    if (!reply.ok) throw sqlError(reply);
    return rowsOf(reply);
  };

  return {
    async transaction() {
      if (!worker) spawn();
      await send({ op: 'begin' });
      let open = true;
      return {
        async execute(statement) {
          const { names, rows } = await send({ op: 'execute', sql: statement.sql, params: statement.args });
          return { columns: names, rows };
        },
        async commit() {
          open = false;
          await send({ op: 'commit' });
        },
        async close() {
          if (!open) return;
          open = false;
          // A thread that died has rolled back already.
          await send({ op: 'rollback' }).catch(() => undefined);
        },
      };
    },
    async close() {
      const w = worker;
      worker = null;
      if (!w) return;
      await ready.catch(() => undefined);
      await inflight;
      await w.terminate();
    },
  };
}

/** The same transaction on a connection of this thread: for a memory database or a libSQL server. */
export async function clientTransaction(client: Client): Promise<BulkTransaction> {
  const tx = await client.transaction('write');
  return {
    execute: (statement) => tx.execute(statement),
    commit: () => tx.commit(),
    close: async () => tx.close(),
  };
}
