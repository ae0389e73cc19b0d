import type { InStatement, InValue, Transaction } from '@libsql/client';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from './package-root.ts';
import { READER_IDLE_MS, rowsOf, sqlError, type ReadReply } from './read-pool.ts';

/** One step of a transaction on the write thread (db/write-worker.js). */
type WriteStep = { op: 'begin' | 'commit' | 'rollback' } | { op: 'execute'; sql: string; params: InValue[] };
export type WriteRequest = WriteStep & { id: number };

/** A statement's rows, by position, and its column names: what the bulk writers read back. */
export interface StatementRows {
  columns: string[];
  rows: readonly ArrayLike<unknown>[];
}

/** A write transaction for bulk work: statements, then `commit`; `close` rolls back unless committed. */
export interface BulkTransaction {
  execute(statement: InStatement): Promise<StatementRows>;
  commit(): Promise<void>;
  close(): Promise<void>;
}

/** libSQL's own transaction on the main connection, as a BulkTransaction (memory databases, libSQL servers). */
export function mainTransaction(tx: Transaction): BulkTransaction {
  return {
    execute: (statement) => tx.execute(statement),
    commit: () => tx.commit(),
    close: async () => tx.close(),
  };
}

export interface WriteThread {
  /** Opens a transaction on the write thread, starting the thread if it is not running. */
  transaction(): Promise<BulkTransaction>;
  /** The thread while it runs, for observation. */
  readonly worker: Worker | null;
  /** Stops the thread once it is idle; a transaction still open is rolled back. */
  close(): Promise<void>;
}

const writerFile = join(packageRoot(), 'db', 'write-worker.js');

/**
 * The write thread: one worker with its own connection to the database file, for the bulk writes of uploads.
 * Their statements are built here and run there, so that while SQLite parses, inserts and indexes (45% of the
 * main thread's time under 20 uploaders, profiled) the event loop serves reads. The write queue still orders
 * every write: a transaction here is opened only inside `database.write`, so it never meets another. The
 * thread starts with the first transaction and stops after `idleMs` without one, as the readers do.
 */
export function startWriteThread(path: string, options: { idleMs?: number; workerFile?: string } = {}): WriteThread {
  const { idleMs = READER_IDLE_MS, workerFile = writerFile } = options;
  let worker: Worker | null = null;
  let ready: Promise<Worker> | null = null;
  /** The worker once it has said it is ready. */
  let live: Worker | null = null;
  const pending = new Map<number, { resolve: (reply: ReadReply) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  let open = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const start = (): Promise<Worker> => {
    if (ready) return ready;
    const thread = new Worker(workerFile, { workerData: { path } });
    thread.unref();
    worker = thread;
    let failure: Error | null = null;
    const started = new Promise<Worker>((resolve, reject) => {
      thread.on('message', (message: 'ready' | (ReadReply & { id: number })) => {
        if (message === 'ready') {
          live = thread;
          return resolve(thread);
        }
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (!pending.size) thread.unref();
        waiter?.resolve(message);
      });
      thread.on('error', (err) => (failure = err));
      thread.on('exit', (code) => {
        const cause = failure?.message ?? `exit code ${code}`;
        const err = new Error(`The write thread stopped (${cause})`, { cause: failure ?? undefined });
        reject(err);
        for (const waiter of pending.values()) waiter.reject(err);
        pending.clear();
        if (worker === thread) {
          worker = null;
          ready = null;
          live = null;
        }
      });
    });
    ready = started;
    // A thread that could not start is forgotten at once, so the next transaction tries again.
    started.catch(() => undefined);
    return started;
  };

  // Posted at once when the thread runs: statements reach it in the order `execute` was called (SqlRunner's
  // contract), with no await in between that could let a later one overtake.
  const post = (thread: Worker, request: WriteStep): Promise<ReadReply> =>
    new Promise<ReadReply>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      thread.ref();
      try {
        thread.postMessage({ ...request, id });
      } catch (err) {
        pending.delete(id);
        if (!pending.size) thread.unref();
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  const step = async (request: WriteStep): Promise<Extract<ReadReply, { ok: true }>> => {
    const reply = await (live ? post(live, request) : start().then((thread) => post(thread, request)));
    if (!reply.ok) throw sqlError(reply);
    return reply;
  };

  const settle = () => {
    open--;
    if (open || closed) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (!open && !pending.size) void worker?.terminate();
    }, idleMs);
    idleTimer.unref();
  };

  return {
    async transaction() {
      if (closed) throw new Error('The database is closed');
      clearTimeout(idleTimer);
      open++;
      try {
        await step({ op: 'begin' });
      } catch (err) {
        settle();
        throw err;
      }
      let done = false;
      return {
        execute: (statement) => {
          if (done) return Promise.reject(new Error('This write transaction is closed'));
          const { sql, args } = typeof statement === 'string' ? { sql: statement, args: [] } : statement;
          if (args !== undefined && !Array.isArray(args)) return Promise.reject(new Error('The write thread takes positional arguments only'));
          return step({ op: 'execute', sql, params: args ?? [] }).then((reply) => ({ columns: reply.names, rows: rowsOf(reply).rows }));
        },
        commit: async () => {
          await step({ op: 'commit' });
          done = true;
          settle();
        },
        close: async () => {
          if (done) return;
          done = true;
          // A thread that stopped has rolled back with its connection; nothing more to undo.
          await step({ op: 'rollback' }).catch(() => undefined);
          settle();
        },
      };
    },
    get worker() {
      return worker;
    },
    async close() {
      closed = true;
      clearTimeout(idleTimer);
      const thread = worker;
      if (!thread) return;
      const exited = new Promise((resolve) => thread.once('exit', resolve));
      // Statements in flight answer first: a thread is never stopped inside libsql (see db/read-pool.ts).
      while (pending.size) await new Promise((resolve) => setTimeout(resolve, 5));
      await thread.terminate();
      await exited;
    },
  };
}
