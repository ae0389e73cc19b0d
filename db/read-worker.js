// @ts-check
// One reader of the read pool (db/read-pool.ts): its own @libsql/client connection to the database file, on a
// worker thread, so that a slow read holds this thread and not the server's event loop. Plain JavaScript: the
// same file runs beside the esbuild bundle and under tsx or vitest (worker threads do not inherit tsx's loader
// on Node 20).
import { createClient } from '@libsql/client';
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority } from './thread-priority.js';
import { errorReply, rowsReply } from './worker-reply.js';

/** @typedef {import('./read-pool.ts').ReadRequest} ReadRequest */
/** @typedef {import('./read-pool.ts').ReadReply} ReadReply */

if (!parentPort) throw new Error('db/read-worker.js runs as a worker thread of db/read-pool.ts');
const port = parentPort;
/** @type {{ url: string, nice: number }} */
const { url, nice } = workerData;
lowerThreadPriority(nice);
// One connection, so the pragmas below hold for every statement this worker runs.
const client = createClient({ url, concurrency: 1 });
// A reader never writes: a write sent here by mistake fails loudly ("attempt to write a readonly database").
await client.execute('PRAGMA query_only = ON');
// Under WAL a reader waits only in rare moments (WAL recovery); waiting blocks this thread, not the server.
await client.execute('PRAGMA busy_timeout = 5000');

port.on('message', async (/** @type {ReadRequest} */ request) => {
  /** @type {ReadReply} */
  let reply;
  try {
    reply = rowsReply(await client.execute({ sql: request.sql, args: request.params }));
  } catch (err) {
    reply = errorReply(err);
  }
  port.postMessage(reply);
});
port.postMessage('ready');
