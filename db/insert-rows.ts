import type { InStatement, InValue } from '@libsql/client';
import type { StatementRows } from './write-thread.ts';
import { getTableColumns, getTableName, is, SQL, type Column } from 'drizzle-orm';
import { CasingCache } from 'drizzle-orm/casing';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * What runs a statement: the libSQL client, one of its transactions, or a transaction on the write thread. It
 * runs statements in the order `execute` was called, whether or not the caller waited for the one before.
 */
export interface SqlRunner {
  execute(statement: InStatement): Promise<StatementRows>;
}

/**
 * Bound parameters per statement. SQLite allows 32,766; statements of a few thousand parameters were as fast
 * to write as any in bench/ceiling.ts and keep each statement's SQL text and argument array small.
 */
const MAX_PARAMS_PER_STATEMENT = 4000;

/** db/client.ts hands drizzle `casing: 'snake_case'`; column names here must be the ones it writes. */
const casing = new CasingCache('snake_case');

interface InsertPlan {
  columns: [key: string, column: Column][];
  rowsPerStatement: number;
  head: string;
  /** SQL text by row count: every full statement of an upload shares one string. */
  statements: Map<number, string>;
}

const plans = new WeakMap<SQLiteTable, InsertPlan>();

function planFor(table: SQLiteTable): InsertPlan {
  const known = plans.get(table);
  if (known) return known;
  const columns = Object.entries(getTableColumns(table)).filter(([, column]) => column.generated === undefined);
  for (const [key, column] of columns) {
    if (is(column.default, SQL)) throw new Error(`insertRows cannot fill the SQL default of ${getTableName(table)}.${key}`);
  }
  const names = columns.map(([, column]) => `"${casing.getColumnCasing(column)}"`).join(', ');
  const plan: InsertPlan = {
    columns,
    rowsPerStatement: Math.max(1, Math.floor(MAX_PARAMS_PER_STATEMENT / columns.length)),
    head: `insert into "${getTableName(table)}" (${names}) values `,
    statements: new Map(),
  };
  plans.set(table, plan);
  return plan;
}

function statementFor(plan: InsertPlan, rows: number, onConflictDoNothing: boolean): string {
  const key = onConflictDoNothing ? -rows : rows;
  let text = plan.statements.get(key);
  if (!text) {
    const one = `(${plan.columns.map(() => '?').join(', ')})`;
    text = plan.head + Array.from({ length: rows }, () => one).join(', ') + (onConflictDoNothing ? ' on conflict do nothing' : '');
    plan.statements.set(key, text);
  }
  return text;
}

/**
 * The value drizzle's `insert(table).values(row)` would bind for this column: the column's own mapping
 * (JSON columns `JSON.stringify`, booleans 1/0), null as null, a missing value as the column's default.
 */
function driverValue(column: Column, value: unknown): InValue {
  if (value === undefined) {
    const fallback: unknown = column.default !== undefined ? column.default : column.defaultFn ? column.defaultFn() : column.onUpdateFn ? column.onUpdateFn() : null;
    if (is(fallback, SQL)) throw new Error(`insertRows cannot fill the SQL default of ${column.name}`);
    return fallback === null || fallback === undefined ? null : bindable(column.mapToDriverValue(fallback));
  }
  return value === null ? null : bindable(column.mapToDriverValue(value));
}

function bindable(value: unknown): InValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return value;
  if (value instanceof ArrayBuffer || value instanceof Uint8Array || value instanceof Date) return value;
  throw new Error(`cannot bind a ${typeof value} to SQLite`);
}

/**
 * Inserts rows of a drizzle table with multi-row parameterised statements, straight through libSQL. The
 * columns, their names and their serialisation come from the table's drizzle definition, so the schema stays
 * the one source of both and a new column flows through; what is bound is what drizzle's own insert binds
 * (tests/db/insert-rows.test.ts compares the two). Skips drizzle's per-value query building, which cost as
 * much as SQLite's own work on a large upload.
 */
export async function insertRows<T extends SQLiteTable>(
  runner: SqlRunner,
  table: T,
  rows: readonly T['$inferInsert'][],
  options: { onConflictDoNothing?: boolean } = {},
): Promise<void> {
  const values: readonly Record<string, unknown>[] = rows;
  const plan = planFor(table);
  // Sent one after another without waiting for each answer: a runner runs its statements in the order it was
  // given them (a transaction on the write thread takes them as queued messages), so the next statement is built
  // here while the last one runs there. The first error rejects; the caller's transaction then rolls back.
  const sent: Promise<unknown>[] = [];
  for (let start = 0; start < values.length; start += plan.rowsPerStatement) {
    const end = Math.min(values.length, start + plan.rowsPerStatement);
    const args: InValue[] = [];
    for (let i = start; i < end; i++) {
      const row = values[i];
      if (row) for (const [key, column] of plan.columns) args.push(driverValue(column, row[key]));
    }
    sent.push(runner.execute({ sql: statementFor(plan, end - start, options.onConflictDoNothing ?? false), args }));
  }
  await Promise.all(sent);
}
