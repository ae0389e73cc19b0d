import { LibsqlError, type InValue } from '@libsql/client';
import { AsyncLocalStorage } from 'node:async_hooks';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from './package-root.ts';

/** One statement for a reader (db/read-worker.js). */
export interface ReadRequest {
  sql: string;
  params: InValue[];
}

/** A reader's answer: the rows column by column, or the error with the fields LibsqlError carries. */
export type ReadReply =
  | { ok: true; rowCount: number; names: string[]; columns: unknown[][] }
  | { ok: false; message: string; code: string | undefined; extendedCode: string | undefined; rawCode: number | undefined };

/** Reader threads for a database file unless told otherwise (CHARLENS_READ_WORKERS). */
export const DEFAULT_READ_WORKERS = 2;

/** A statement's rows as arrays of column values, and the columns' names. */
export interface ReadRows {
  names: string[];
  rows: unknown[][];
}

export interface ReadPool {
  /** Runs one statement on the first free reader; resolves with its rows and column names. */
  query(sql: string, params: InValue[]): Promise<ReadRows>;
  /** The live reader threads, for observation (a test stops one to see it replaced). */
  readonly workers: readonly Worker[];
  /**
   * Rejects what is queued, lets the statements in flight finish, then stops every reader; resolves once their
   * threads have exited. (A reader is never terminated mid-statement: libsql's native binding aborts the whole
   * process when V8 terminates a thread that is inside it.)
   */
  close(): Promise<void>;
}

/** The reads of one unit of work (an HTTP request): its statements on a reader now, and reader time had so far. */
interface ReadAccount {
  running: number;
  spentMs: number;
  /** Said by the request (`heavyReads`), or earned by its reader time (HEAVY_AFTER_MS). */
  heavy: boolean;
}

/** Reader time after which a request counts as heavy, whatever it said: its next statements skip the light reader. */
export const HEAVY_AFTER_MS = 100;



const accounts = new AsyncLocalStorage<ReadAccount>();
const freshAccount = (): ReadAccount => ({ running: 0, spentMs: 0, heavy: false });

/**
 * Runs `task` with its own read account: every statement it issues, across its awaits, is charged to it. The
 * app opens one per HTTP request, so that a request whose statements already hold readers, or have held them
 * longest, lets a fresh one go first (see `dispatch`). Outside any, each statement counts as its own work.
 */
export function withReadAccount<T>(task: () => T): T {
  return accounts.run(freshAccount(), task);
}

/**
 * Marks the current request's reads heavy (statistics over every transcript, exports): heavy work never runs on
 * the light reader, so a list page or a transcript never waits behind it for seconds.
 */
export function heavyReads(): void {
  const account = accounts.getStore();
  if (account) account.heavy = true;
}

const isHeavy = (account: ReadAccount) => account.heavy || account.spentMs >= HEAVY_AFTER_MS;

interface Job {
  request: ReadRequest;
  account: ReadAccount;
  startedAt: number;
  resolve: (rows: ReadRows) => void;
  reject: (err: Error) => void;
}

interface Reader {
  worker: Worker;
  /**
   * Takes no heavy work; the others take heavy and light. (The others at a lower thread priority raised a 200 MB
   * upload's peak RSS from 197 to 290 MB in bench/run.ts's memory bench, not understood yet: not done.)
   */
  light: boolean;
  ready: boolean;
  job: Job | null;
  /** The uncaught error that is about to stop the thread, if any. */
  failure: Error | null;
  exited: Promise<void>;
}

const readerFile = join(packageRoot(), 'db', 'read-worker.js');

/**
 * `size` worker threads, each with its own connection to the database file at `url`. SQLite in WAL mode lets
 * them read while the main connection writes, and an autocommit statement sees every write committed before
 * it starts, so a read issued after `write()` resolves sees that write. Statements wait in one queue and go to
 * whichever reader is free, one at a time each, so a slow statement never holds up the ones behind it while
 * another reader is idle; among those waiting, a request that holds fewer readers goes first (`next`). A reader that dies fails only the statement it was running and is replaced.
 * Resolves once every reader has opened the database (a bad URL fails here, not at the first request).
 * `workerFile` is db/read-worker.js; a test passes a reader that dies.
 */
export async function startReadPool(url: string, size: number, workerFile: string = readerFile): Promise<ReadPool> {
  const readers: Reader[] = [];
  const queue: Job[] = [];
  let closed = false;

  // Which queued statement a free reader takes: the one whose work has the fewest statements on readers, then
  // the least reader time so far, then the oldest. First come, first served would let one slow request that
  // queues several statements at once (Promise.all) hold every reader while a one-statement list page waits.
  // The light reader takes no heavy work: it is kept for list pages and transcripts.
  const next = (reader: Reader): Job | undefined => {
    let best = -1;
    for (let i = 0; i < queue.length; i++) {
      const a = queue[i]?.account;
      if (!a || (reader.light && isHeavy(a))) continue;
      const b = queue[best]?.account;
      if (!b || a.running < b.running || (a.running === b.running && a.spentMs < b.spentMs)) best = i;
    }
    return best < 0 ? undefined : queue.splice(best, 1)[0];
  };

  const settle = (job: Job) => {
    job.account.running--;
    job.account.spentMs += performance.now() - job.startedAt;
  };

  const dispatch = () => {
    for (const reader of readers) {
      if (!reader.ready || reader.job) continue;
      const job = next(reader);
      if (!job) continue;
      try {
        reader.worker.postMessage(job.request);
      } catch (err) {
        // A parameter that cannot cross threads (structured clone refused it): this statement's error alone.
        job.reject(err instanceof Error ? err : new Error(String(err)));
        continue;
      }
      reader.job = job;
      job.account.running++;
      job.startedAt = performance.now();
      // An idle reader does not keep the process alive; one with a statement in flight does.
      reader.worker.ref();
    }
  };

  const failQueued = (err: Error) => {
    for (const job of queue.splice(0)) job.reject(err);
  };

  const spawn = (): Promise<void> => {
    // With two readers or more, one is the light reader (the first, or the one replacing it).
    const light = size >= 2 && !readers.some((r) => r.light);
    const worker = new Worker(workerFile, { workerData: { url } });
    worker.unref();
    let started: { resolve: () => void; reject: (err: Error) => void } = { resolve: () => undefined, reject: () => undefined };
    const ready = new Promise<void>((resolve, reject) => (started = { resolve, reject }));
    const reader: Reader = { worker, light, ready: false, job: null, failure: null, exited: new Promise((resolve) => worker.once('exit', () => resolve())) };
    readers.push(reader);
    worker.on('message', (message: 'ready' | ReadReply) => {
      if (message === 'ready') {
        reader.ready = true;
        started.resolve();
        if (closed) void worker.terminate();
        else dispatch();
        return;
      }
      const job = reader.job;
      reader.job = null;
      worker.unref();
      if (job) {
        settle(job);
        if (message.ok) job.resolve(rowsOf(message));
        else job.reject(sqlError(message));
      }
      if (closed) void worker.terminate();
      else dispatch();
    });
    worker.on('error', (err) => {
      reader.failure = err;
    });
    worker.on('exit', (code) => {
      readers.splice(readers.indexOf(reader), 1);
      const cause = reader.failure?.message ?? `exit code ${code}`;
      if (reader.job) settle(reader.job);
      reader.job?.reject(new Error(`A read worker stopped (${cause}) while running this statement`, { cause: reader.failure ?? undefined }));
      if (closed) return;
      if (reader.ready) {
        // It ran statements before, so a new one will open the database as it did: replace it now.
        spawn().catch(() => undefined);
        return;
      }
      // It never opened the database. No retry loop: the next statement tries again.
      const err = new Error(`A read worker could not open the database (${cause})`, { cause: reader.failure ?? undefined });
      started.reject(err);
      if (!readers.length) failQueued(err);
    });
    return ready;
  };

  const pool: ReadPool = {
    query(sql, params) {
      if (closed) return Promise.reject(new LibsqlError('The client is closed', 'CLIENT_CLOSED'));
      return new Promise<ReadRows>((resolve, reject) => {
        queue.push({ request: { sql, params }, account: accounts.getStore() ?? freshAccount(), startedAt: 0, resolve, reject });
        if (readers.length < size) spawn().catch(() => undefined);
        dispatch();
      });
    },
    get workers() {
      return readers.map((r) => r.worker);
    },
    async close() {
      if (!closed) {
        closed = true;
        failQueued(new LibsqlError('The client is closed', 'CLIENT_CLOSED'));
        // Idle readers stop now; busy ones when their statement answers (the message handler above).
        for (const reader of readers) if (reader.ready && !reader.job) void reader.worker.terminate();
      }
      await Promise.all(readers.map((r) => r.exited));
    },
  };
  try {
    await Promise.all(Array.from({ length: size }, spawn));
  } catch (err) {
    await pool.close();
    throw err;
  }
  return pool;
}

/** A reader's column-major reply as rows. */
function rowsOf(reply: { rowCount: number; names: string[]; columns: unknown[][] }): ReadRows {
  const rows = new Array<unknown[]>(reply.rowCount);
  for (let r = 0; r < reply.rowCount; r++) rows[r] = reply.columns.map((column) => column[r]);
  return { names: reply.names, rows };
}

/** The error as the main connection would have thrown it: a LibsqlError with its code and message, or a plain one. */
function sqlError(reply: Extract<ReadReply, { ok: false }>): Error {
  if (reply.code === undefined) return new Error(reply.message);
  // LibsqlError prefixes its message with the code; strip it so the prefix is not doubled.
  const message = reply.message.startsWith(`${reply.code}: `) ? reply.message.slice(reply.code.length + 2) : reply.message;
  return new LibsqlError(message, reply.code, reply.extendedCode, reply.rawCode);
}
