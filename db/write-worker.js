// @ts-check
// The bulk writer's thread (db/write-thread.ts): its own @libsql/client connection to the database file, on a
// worker thread, so that the statements of an upload (multi-row inserts, their FTS indexing, the commit) run
// here and not on the server's event loop. One transaction at a time; the write queue (db/client.ts `write`)
// makes sure no other write runs meanwhile. Plain JavaScript for the same reason as db/read-worker.js.
import { createClient } from '@libsql/client';
import { parentPort, workerData } from 'node:worker_threads';

/** @typedef {import('./write-thread.ts').WriteRequest} WriteRequest */
/** @typedef {import('./write-thread.ts').WriteReply} WriteReply */

if (!parentPort) throw new Error('db/write-worker.js runs as a worker thread of db/write-thread.ts');
const port = parentPort;
/** @type {{ url: string }} */
const { url } = workerData;
const client = createClient({ url, concurrency: 1 });
// Per connection, as on the main one (db/client.ts): WAL is the file's, synchronous is each connection's.
await client.execute('PRAGMA synchronous = NORMAL');
await client.execute('PRAGMA busy_timeout = 5000');
/** @type {import('@libsql/client').Transaction | null} */
let tx = null;

// Strictly one request after another, whatever awaits inside a step.
let turn = Promise.resolve();
port.on('message', (/** @type {WriteRequest} */ request) => {
  turn = turn.then(() => answer(request));
});

async function answer(/** @type {WriteRequest} */ request) {
  /** @type {WriteReply} */
  let reply;
  try {
    if (request.op === 'begin') {
      if (tx) throw new Error('a write transaction is already open on the write thread');
      tx = await client.transaction('write');
      reply = { ok: true, names: [], columns: [], rowCount: 0 };
    } else if (request.op === 'execute') {
      if (!tx) throw new Error('no write transaction is open on the write thread');
      const result = await tx.execute({ sql: request.sql, args: request.params });
      const columns = result.columns.map((_, c) => result.rows.map((row) => row[c]));
      reply = { ok: true, names: result.columns, columns, rowCount: result.rows.length };
    } else {
      const open = tx;
      tx = null;
      try {
        if (open && request.op === 'commit') await open.commit();
      } finally {
        // Rolls back unless committed; a no-op after a commit.
        open?.close();
      }
      reply = { ok: true, names: [], columns: [], rowCount: 0 };
    }
  } catch (err) {
    const e = /** @type {{ message?: unknown, code?: unknown, extendedCode?: unknown, rawCode?: unknown }} */ (err ?? {});
    reply = {
      ok: false,
      message: String(e.message ?? err),
      code: typeof e.code === 'string' ? e.code : undefined,
      extendedCode: typeof e.extendedCode === 'string' ? e.extendedCode : undefined,
      rawCode: typeof e.rawCode === 'number' ? e.rawCode : undefined,
    };
  }
  port.postMessage(reply);
}
port.postMessage('ready');
