// @ts-check
// The write thread (db/write-thread.ts): its own connection to the database file, on which the bulk writes of an
// upload run, so that SQLite's work on them (parsing each multi-row statement, inserting, indexing for search,
// checkpoints at commit) holds this thread and not the server's event loop. Plain JavaScript for the same reason
// as db/read-worker.js. One transaction at a time: the write queue (db/client.ts `write`) sends a transaction
// only when no other write runs.
//
// It drives `libsql` (the engine under @libsql/client) directly, to keep prepared statements: an upload sends
// the same multi-row INSERT text chunk after chunk, and @libsql/client prepares every statement anew, which
// was 11% of this thread's time on a 10,000-transcript upload (bench:profile).
import Database from 'libsql';
import { parentPort, workerData } from 'node:worker_threads';
import { errorReply } from './worker-reply.js';

/** @typedef {import('./write-thread.ts').WriteRequest} WriteRequest */
/** @typedef {import('./read-pool.ts').ReadReply} ReadReply */

if (!parentPort) throw new Error('db/write-worker.js runs as a worker thread of db/write-thread.ts');
const port = parentPort;
/** @type {{ path: string }} */
const { path } = workerData;
const db = new Database(path);
// The main connection's settings (db/client.ts) are per connection: durability as there, and a wait rather
// than SQLITE_BUSY in the rare moment another connection holds the lock (a checkpoint).
db.exec('PRAGMA synchronous = NORMAL');
db.exec('PRAGMA busy_timeout = 5000');
db.exec('PRAGMA foreign_keys = ON');

/** Prepared statements by SQL text, least recently used first. */
const statements = new Map();
const MAX_STATEMENTS = 64;

/** @param {string} sql */
function prepared(sql) {
  let statement = statements.get(sql);
  if (statement) statements.delete(sql);
  else {
    statement = db.prepare(sql);
    const oldest = statements.size >= MAX_STATEMENTS ? statements.keys().next() : null;
    if (oldest && !oldest.done) statements.delete(oldest.value);
  }
  statements.set(sql, statement);
  return statement;
}

/**
 * Runs one statement: its rows column-major (see worker-reply.js), or none for a statement without rows.
 * @param {string} sql
 * @param {unknown[]} params
 * @returns {ReadReply}
 */
function execute(sql, params) {
  const statement = prepared(sql);
  const args = params.map(toSql);
  if (!statement.reader) {
    statement.run(args);
    return done;
  }
  /** @type {string[]} */
  const names = statement.columns().map((/** @type {{ name: string }} */ c) => c.name);
  /** @type {unknown[][]} */
  const rows = statement.raw(true).all(args);
  const columns = names.map((_, /** @type {number} */ c) => rows.map((row) => row[c]));
  return { ok: true, rowCount: rows.length, names, columns };
}

/**
 * A value as @libsql/client binds it (its `valueToSql`), so a statement binds here what it binds on the main
 * connection: booleans as 1 and 0, dates as milliseconds, bytes as a Buffer; no NaN, Infinity or undefined.
 * @param {unknown} value
 */
function toSql(value) {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

/** The answer to a statement without rows, and to begin, commit and rollback. */
/** @type {ReadReply} */
const done = { ok: true, rowCount: 0, names: [], columns: [] };

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
    port.postMessage({ id: request.id, ...errorReply(sqliteError(err)) });
  }
});
port.postMessage('ready');

/**
 * A libsql error with the fields @libsql/client's LibsqlError has: `code` the base code (SQLITE_CONSTRAINT),
 * `extendedCode` the extended one (SQLITE_CONSTRAINT_NOTNULL), as the main connection reports them.
 * @param {unknown} err
 */
function sqliteError(err) {
  if (!(err instanceof Database.SqliteError)) return err;
  const extendedCode = String(err.code);
  return { message: err.message, code: extendedCode.split('_').slice(0, 2).join('_'), extendedCode, rawCode: err.rawCode };
}
