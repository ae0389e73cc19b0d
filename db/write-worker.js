// @ts-check
// The write thread (db/write-thread.ts): its own connection to the database file (db/worker-connection.js), on
// which the bulk writes of an upload run, so that SQLite's work on them (parsing each multi-row statement,
// inserting, indexing for search, checkpoints at commit) holds this thread and not the server's event loop.
// Plain JavaScript for the same reason as db/read-worker.js. One transaction at a time: the write queue
// (db/client.ts `write`) sends a transaction only when no other write runs.
import { parentPort, workerData } from 'node:worker_threads';
import { done, errorReply, openConnection } from './worker-connection.js';

/** @typedef {import('./write-thread.ts').WriteRequest} WriteRequest */

if (!parentPort) throw new Error('db/write-worker.js runs as a worker thread of db/write-thread.ts');
const port = parentPort;
/** @type {{ path: string }} */
const { path } = workerData;
// The main connection's settings (db/client.ts) are per connection: durability as there, and a wait rather
// than SQLITE_BUSY in the rare moment another connection holds the lock (a checkpoint).
const { db, execute } = openConnection(path, ['PRAGMA synchronous = NORMAL', 'PRAGMA busy_timeout = 5000', 'PRAGMA foreign_keys = ON']);

port.on('message', (/** @type {WriteRequest} */ request) => {
  try {
    if (request.op === 'begin') {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.exec('BEGIN IMMEDIATE');
      port.postMessage({ id: request.id, ...done });
    } else if (request.op === 'execute') {
      if (!db.inTransaction) throw new Error('no transaction is open on the write thread');
      port.postMessage({ id: request.id, ...execute(request.sql, request.params) });
    } else {
      if (db.inTransaction) db.exec(request.op === 'commit' ? 'COMMIT' : 'ROLLBACK');
      port.postMessage({ id: request.id, ...done });
    }
  } catch (err) {
    port.postMessage({ id: request.id, ...errorReply(err) });
  }
});
port.postMessage('ready');
