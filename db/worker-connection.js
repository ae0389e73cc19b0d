// @ts-check
// A database worker thread's connection (db/read-worker.js, db/write-worker.js) and the answers it sends.
// It drives `libsql`, the engine under @libsql/client, directly: to keep prepared statements (an upload sends
// one multi-row INSERT text chunk after chunk, a list page the same query page after page, and @libsql/client
// prepares every statement anew: 11% of the write thread's time on a 10,000-transcript upload), and to hand
// rows over as the arrays the engine gives, where the client builds an object per row, a property per value.
import Database from 'libsql';

/** @typedef {import('./read-pool.ts').ReadReply} ReadReply */

/** Prepared statements kept per connection, least recently used dropped first. */
const MAX_STATEMENTS = 64;

/** The answer to a statement without rows, and to begin, commit and rollback. @type {ReadReply} */
export const done = { ok: true, rowCount: 0, names: [], columns: [] };

/**
 * Opens the database file at `path`; `pragmas` run once, first.
 * @param {string} path
 * @param {string[]} pragmas
 */
export function openConnection(path, pragmas) {
  const db = new Database(path);
  for (const pragma of pragmas) db.exec(pragma);
  /** @type {Map<string, ReturnType<typeof db.prepare>>} */
  const statements = new Map();

  /** @param {string} sql */
  const prepared = (sql) => {
    let statement = statements.get(sql);
    if (statement) statements.delete(sql);
    else {
      statement = db.prepare(sql);
      const oldest = statements.size >= MAX_STATEMENTS ? statements.keys().next() : null;
      if (oldest && !oldest.done) statements.delete(oldest.value);
    }
    statements.set(sql, statement);
    return statement;
  };

  return {
    db,
    /**
     * Runs one statement. Its rows go column-major: one array per column clones between threads several
     * times faster than one per row.
     * @param {string} sql
     * @param {unknown[]} params
     * @returns {ReadReply}
     */
    execute(sql, params) {
      const statement = prepared(sql);
      const args = params.map(toSql);
      if (!statement.reader) {
        statement.run(args);
        return done;
      }
      /** @type {string[]} */
      const names = statement.columns().map((/** @type {{ name: string }} */ c) => c.name);
      const rows = /** @type {unknown[][]} */ (statement.raw(true).all(args));
      const columns = names.map((_, /** @type {number} */ c) => rows.map((row) => row[c]));
      return { ok: true, rowCount: rows.length, names, columns };
    },
  };
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

/**
 * An error as a reply, with the fields @libsql/client's LibsqlError has: `code` the base code
 * (SQLITE_CONSTRAINT), `extendedCode` the extended one (SQLITE_CONSTRAINT_NOTNULL), as the main connection
 * reports them.
 * @param {unknown} err
 * @returns {ReadReply}
 */
export function errorReply(err) {
  if (err instanceof Database.SqliteError) {
    const extendedCode = String(err.code);
    return { ok: false, message: err.message, code: extendedCode.split('_').slice(0, 2).join('_'), extendedCode, rawCode: err.rawCode };
  }
  return { ok: false, message: String(err instanceof Error ? err.message : err), code: undefined, extendedCode: undefined, rawCode: undefined };
}
