// @ts-check
// The answer a database worker thread (db/read-worker.js, db/write-worker.js) sends for one statement.

/** @typedef {import('./read-pool.ts').ReadReply} ReadReply */

/**
 * A result set as a reply: column-major, since one array per column clones between threads several times
 * faster than one per row.
 * @param {import('@libsql/client').ResultSet} result
 * @returns {ReadReply}
 */
export function rowsReply(result) {
  const columns = result.columns.map((_, c) => {
    const values = new Array(result.rows.length);
    for (let r = 0; r < result.rows.length; r++) values[r] = result.rows[r]?.[c];
    return values;
  });
  return { ok: true, rowCount: result.rows.length, names: result.columns, columns };
}

/**
 * An error as a reply, with the fields a LibsqlError carries.
 * @param {unknown} err
 * @returns {ReadReply}
 */
export function errorReply(err) {
  const e = /** @type {{ message?: unknown, code?: unknown, extendedCode?: unknown, rawCode?: unknown }} */ (err ?? {});
  return {
    ok: false,
    message: String(e.message ?? err),
    code: typeof e.code === 'string' ? e.code : undefined,
    extendedCode: typeof e.extendedCode === 'string' ? e.extendedCode : undefined,
    rawCode: typeof e.rawCode === 'number' ? e.rawCode : undefined,
  };
}
