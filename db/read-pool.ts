import { LibsqlError, type InValue } from '@libsql/client';
import { AsyncLocalStorage } from 'node:async_hooks';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packageRoot } from './package-root.ts';
import { LOW_PRIORITY } from './thread-priority.js';

/** One statement for a reader (db/read-worker.js). */
export interface ReadRequest {
  sql: string;
  params: InValue[];
}

/**
 * A reader's answer: the rows column by column, or the error with the fields LibsqlError carries; from a reader,
 * with how long the statement ran there (`ms`).
 */
export type ReadReply = (
  | { ok: true; rowCount: number; names: string[]; columns: unknown[][] }
  | { ok: false; message: string; code: string | undefined; extendedCode: string | undefined; rawCode: number | undefined }
) & { ms?: number };

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
  /** How many readers run while there are reads; none run while there are none for READER_IDLE_MS. */
  readonly size: number;
  /** Statements on readers now. */
  readonly running: number;
  /** The live reader threads, for observation (a test stops one to see it replaced). */
  readonly workers: readonly Worker[];
  /**
   * Rejects what is queued, lets the statements in flight finish, then stops every reader; resolves once their
   * threads have exited. (A reader is never terminated mid-statement: libsql's native binding aborts the whole
   * process when V8 terminates a thread that is inside it.)
   */
  close(): Promise<void>;
}

export interface ReadPoolOptions {
  /** A reader that has had no statement for this long stops; the next read starts readers again. */
  idleMs?: number;
  /** db/read-worker.js; a test passes a reader that dies. */
  workerFile?: string;
}

/**
 * How long the readers wait for work before they stop. A live reader holds ~15 MB (a V8 isolate and libSQL), a
 * quarter of an idle server; starting one takes ~0.2 s, which only the first read after this long a pause pays.
 */
export const READER_IDLE_MS = 30_000;

/** The reads of one unit of work (an HTTP request): its statements on a reader now, and reader time had so far. */
interface ReadAccount {
  running: number;
  spentMs: number;
  /** Said by the request (`heavyReads`), or earned by the time its statements ran on readers (HEAVY_AFTER_MS). */
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
   * Takes no heavy work, at the process's priority; the others take heavy and light at LOW_PRIORITY, so that on
   * a busy machine statistics and exports take the CPU that uploads and the light reader leave.
   */
  light: boolean;
  ready: boolean;
  job: Job | null;
  /** The uncaught error that is about to stop the thread, if any. */
  failure: Error | null;
  /** Stopping for want of work: not replaced. */
  retiring: boolean;
  exited: Promise<void>;
}

const readerFile = join(packageRoot(), 'db', 'read-worker.js');

/**
 * Up to `size` worker threads, each with its own connection to the database file at `path`. SQLite in WAL mode
 * lets them read while the main connection writes, and an autocommit statement sees every write committed
 * before it starts, so a read issued after `write()` resolves sees that write. Statements wait in one queue and
 * go to whichever reader is free, one at a time each, so a slow statement never holds up the ones behind it
 * while another reader is idle; among those waiting, a request that holds fewer readers goes first (`next`).
 * Readers start as statements need them (one for one at a time, up to `size` when they wait) and stop after
 * `idleMs` without any, so an idle server holds none. A
 * reader that dies fails only the statement it was running and is replaced; one that cannot open the database
 * fails the statements waiting when no reader is left, with the reason, and the next statement tries again.
 */
export function startReadPool(path: string, size: number, options: ReadPoolOptions = {}): ReadPool {
  const { idleMs = READER_IDLE_MS, workerFile = readerFile } = options;
  /** Readers starting or running; a retiring one leaves at once, its exit kept in `retiring` for close(). */
  const readers: Reader[] = [];
  const retiring = new Set<Promise<void>>();
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

  // A request is charged the time its statements ran on the readers, as they measured it: not the time until this
  // thread took the answer, which a busy event loop stretches (20 uploads at work made most search pages heavy
  // after two statements, and their next ones waited behind statistics).
  const settle = (job: Job, ranMs?: number) => {
    job.account.running--;
    job.account.spentMs += ranMs ?? performance.now() - job.startedAt;
  };

  // Once no statement has run or waited for idleMs, the readers stop together, and the next statement starts
  // them all again: a pool that shrank one reader at a time would restart one at every pause in a sparse
  // stream of reads. An idle reader is outside any statement, so stopping it cannot catch libsql mid-call.
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const retireAll = () => {
    idleTimer = undefined;
    if (closed || queue.length || readers.some((r) => r.job)) return;
    for (const reader of readers.filter((r) => r.ready)) {
      readers.splice(readers.indexOf(reader), 1);
      reader.retiring = true;
      retiring.add(reader.exited);
      void reader.exited.then(() => retiring.delete(reader.exited));
      void reader.worker.terminate();
    }
  };
  const idleCheck = () => {
    const idle = !queue.length && !readers.some((r) => r.job);
    if (!idle) {
      clearTimeout(idleTimer);
      idleTimer = undefined;
    } else if (idleTimer === undefined && !closed) {
      idleTimer = setTimeout(retireAll, idleMs);
      idleTimer.unref();
    }
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
    idleCheck();
  };

  // A reader more is started only for a statement that no free (or starting) reader can take: one statement at a
  // time (an upload's token lookups, a page now and then) keeps one reader, and one isolate, not `size`.
  const moreWanted = () => {
    const free = readers.filter((r) => !r.job);
    if (queue.length > free.length) return true;
    return queue.some((job) => isHeavy(job.account)) && free.every((r) => r.light);
  };

  const failQueued = (err: Error) => {
    for (const job of queue.splice(0)) job.reject(err);
  };

  const spawn = () => {
    // With two readers or more, one is the light reader (the first, or the one replacing it).
    const light = size >= 2 && !readers.some((r) => r.light);
    const worker = new Worker(workerFile, { workerData: { path, nice: light ? 0 : LOW_PRIORITY } });
    worker.unref();
    const reader: Reader = {
      worker,
      light,
      ready: false,
      job: null,
      failure: null,
      retiring: false,
      exited: new Promise((resolve) => worker.once('exit', () => resolve())),
    };
    readers.push(reader);
    worker.on('message', (message: 'ready' | ReadReply) => {
      if (message === 'ready') {
        reader.ready = true;
        if (closed) void worker.terminate();
        else dispatch();
        return;
      }
      const job = reader.job;
      reader.job = null;
      worker.unref();
      if (job) {
        settle(job, message.ms);
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
      if (reader.retiring) return;
      readers.splice(readers.indexOf(reader), 1);
      const cause = reader.failure?.message ?? `exit code ${code}`;
      if (reader.job) settle(reader.job);
      reader.job?.reject(new Error(`A read worker stopped (${cause}) while running this statement`, { cause: reader.failure ?? undefined }));
      if (closed) return;
      if (reader.ready) {
        // It ran statements before, so a new one will open the database as it did: replace it if there is work.
        if (queue.length) spawn();
        return;
      }
      // It never opened the database. No retry loop: the next statement tries again.
      if (!readers.length) failQueued(new Error(`A read worker could not open the database (${cause})`, { cause: reader.failure ?? undefined }));
      idleCheck();
    });
  };

  return {
    query(sql, params) {
      if (closed) return Promise.reject(new LibsqlError('The client is closed', 'CLIENT_CLOSED'));
      return new Promise<ReadRows>((resolve, reject) => {
        queue.push({ request: { sql, params }, account: accounts.getStore() ?? freshAccount(), startedAt: 0, resolve, reject });
        while (readers.length < size && moreWanted()) spawn();
        dispatch();
      });
    },
    size,
    get running() {
      return readers.filter((r) => r.job).length;
    },
    get workers() {
      return readers.map((r) => r.worker);
    },
    async close() {
      if (!closed) {
        closed = true;
        failQueued(new LibsqlError('The client is closed', 'CLIENT_CLOSED'));
        // Idle readers stop now; busy and starting ones when they answer (the message handler above).
        clearTimeout(idleTimer);
        for (const reader of readers) if (reader.ready && !reader.job) void reader.worker.terminate();
      }
      await Promise.all([...readers.map((r) => r.exited), ...retiring]);
    },
  };
}

/** A reader's column-major reply as rows. */
export function rowsOf(reply: { rowCount: number; names: string[]; columns: unknown[][] }): ReadRows {
  const rows = new Array<unknown[]>(reply.rowCount);
  for (let r = 0; r < reply.rowCount; r++) rows[r] = reply.columns.map((column) => column[r]);
  return { names: reply.names, rows };
}

/** The error as the main connection would have thrown it: a LibsqlError with its code and message, or a plain one. */
export function sqlError(reply: Extract<ReadReply, { ok: false }>): Error {
  if (reply.code === undefined) return new Error(reply.message);
  // LibsqlError prefixes its message with the code; strip it so the prefix is not doubled.
  const message = reply.message.startsWith(`${reply.code}: `) ? reply.message.slice(reply.code.length + 2) : reply.message;
  return new LibsqlError(message, reply.code, reply.extendedCode, reply.rawCode);
}
