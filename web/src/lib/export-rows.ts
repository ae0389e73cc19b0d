/**
 * Tables and charts as files: CSV (RFC 4180: comma, CRLF, quotes doubled) and JSONL (one JSON object a line),
 * made in the browser from the rows the page already shows, so a download is exactly what is on screen.
 */

export type Cell = string | number | boolean | null;
export type ExportRow = Record<string, Cell>;

/**
 * A text cell a spreadsheet would run as a formula (= + - @, and tab or CR that some tools strip before
 * looking) gets a leading apostrophe (OWASP, "CSV Injection"). Numbers stay numbers: −0.24 is a delta, not
 * a formula, and prefixing it would turn every negative delta into text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The columns: every key of every row, in the order first seen. */
export function exportColumns(rows: readonly ExportRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/** A byte-order mark first: Excel reads a CSV without one as the local code page and garbles non-ASCII text. */
export function toCsv(rows: readonly ExportRow[]): string {
  const columns = exportColumns(rows);
  const lines = [columns.map(csvCell), ...rows.map((row) => columns.map((c) => csvCell(row[c] ?? null)))];
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

export function toJsonl(rows: readonly ExportRow[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length ? '\n' : '');
}

/** `overview pushback aurora-1.0` → `overview-pushback-aurora-1.0`: a file name every system accepts. */
export function exportFileName(parts: readonly string[], extension: 'csv' | 'jsonl'): string {
  const stem = parts
    .map((p) => p.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('-')
    .slice(0, 120);
  return `${stem || 'charlens'}.${extension}`;
}
