import { stringify } from 'csv-stringify/sync';

export type ExportFormat = 'csv' | 'jsonl';

/**
 * A spreadsheet runs a cell that starts with = + - @ (or tab or carriage return) as a formula; exported text is
 * data, so such a cell gets a leading apostrophe (OWASP, "CSV Injection"). Numbers are numbers and stay as they are.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
}

type Cell = string | number | boolean | null | undefined;

/** Rows as CSV text (csv-stringify: quoting, embedded newlines and commas, unicode) or as JSON lines. */
export function formatRows(rows: readonly Record<string, Cell>[], columns: readonly string[], format: ExportFormat, header: boolean): string {
  if (format === 'jsonl') return rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, r[c] ?? null])))).join('\n') + (rows.length ? '\n' : '');
  const records = rows.map((r) => columns.map((c) => {
    const v = r[c];
    if (v === null || v === undefined) return '';
    return typeof v === 'string' ? neutralizeFormula(v) : String(v);
  }));
  return stringify(records, { header, columns: [...columns] });
}
