// @ts-check
// One reader of the read pool (db/read-pool.ts): its own connection to the database file
// (db/worker-connection.js), on a worker thread, so that a slow read holds this thread and not the server's
// event loop. Plain JavaScript: the same file runs beside the esbuild bundle and under tsx or vitest (worker
// threads do not inherit tsx's loader on Node 20).
import { parentPort, workerData } from 'node:worker_threads';
import { lowerThreadPriority } from './thread-priority.js';
import { errorReply, openConnection } from './worker-connection.js';

/** @typedef {import('./read-pool.ts').ReadRequest} ReadRequest */
/** @typedef {import('./read-pool.ts').ReadReply} ReadReply */

if (!parentPort) throw new Error('db/read-worker.js runs as a worker thread of db/read-pool.ts');
const port = parentPort;
/** @type {{ path: string, nice: number }} */
const { path, nice } = workerData;
lowerThreadPriority(nice);
// A reader never writes: a write sent here by mistake fails loudly ("attempt to write a readonly database").
// Under WAL a reader waits only in rare moments (WAL recovery); waiting blocks this thread, not the server.
const { execute } = openConnection(path, ['PRAGMA query_only = ON', 'PRAGMA busy_timeout = 5000']);

port.on('message', (/** @type {ReadRequest} */ request) => {
  /** @type {ReadReply} */
  let reply;
  const start = performance.now();
  try {
    reply = execute(request.sql, request.params);
  } catch (err) {
    reply = errorReply(err);
  }
  // How long the statement ran here: what the pool charges the request (db/read-pool.ts `spentMs`).
  port.postMessage({ ...reply, ms: performance.now() - start });
});
port.postMessage('ready');
