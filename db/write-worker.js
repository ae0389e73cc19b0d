// @ts-check
// The write thread (db/write-thread.ts): its own @libsql/client connection to the database file, on which the
// bulk writes of an upload run, so that SQLite's work on them (parsing each multi-row statement, inserting,
// indexing for search, checkpoints at commit) holds this thread and not the server's event loop. Plain
// JavaScript for the same reason as db/read-worker.js. One transaction at a time: the write queue
// (db/client.ts `write`) sends a transaction only when no other write runs.
import { createClient } from '@libsql/client';
import { parentPort, workerData } from 'node:worker_threads';
import { errorReply, rowsReply } from './worker-reply.js';

/** @typedef {import('./write-thread.ts').WriteRequest} WriteRequest */

if (!parentPort) throw new Error('db/write-worker.js runs as a worker thread of db/write-thread.ts');
const port = parentPort;
/** @type {{ url: string }} */
const { url } = workerData;
const client = createClient({ url, concurrency: 1 });
// The main connection's settings (db/client.ts) are per connection: durability as there, and a wait rather
// than SQLITE_BUSY in the rare moment another connection holds the lock (a checkpoint).
await client.execute('PRAGMA synchronous = NORMAL');
await client.execute('PRAGMA busy_timeout = 5000');
const fk = await client.execute('PRAGMA foreign_keys');
if (Number(fk.rows[0]?.[0]) !== 1) throw new Error('libSQL connection has foreign_keys off');

/** @type {import('@libsql/client').Transaction | null} */
let tx = null;
/** The answer to begin, commit and rollback: done, no rows. */
const done = { ok: true, rowCount: 0, names: [], columns: [] };

port.on('message', async (/** @type {WriteRequest} */ request) => {
  try {
    if (request.op === 'begin') {
      tx?.close();
      tx = await client.transaction('write');
      port.postMessage({ id: request.id, ...done });
    } else if (request.op === 'execute') {
      if (!tx) throw new Error('no transaction is open on the write thread');
      port.postMessage({ id: request.id, ...rowsReply(await tx.execute({ sql: request.sql, args: request.params })) });
    } else {
      const open = tx;
      tx = null;
      if (request.op === 'commit' && open) await open.commit();
      // Rolls back unless committed; a no-op after a commit.
      open?.close();
      port.postMessage({ id: request.id, ...done });
    }
  } catch (err) {
    port.postMessage({ id: request.id, ...errorReply(err) });
  }
});
port.postMessage('ready');
