import { For } from 'solid-js';
import { exportColumns, type Cell, type ExportRow } from '../../lib/export-rows.ts';

function shown(value: Cell | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
  return String(value);
}

/**
 * A chart's text alternative: its rows — the same the CSV and JSONL exports hold — as a table, folded under a
 * toggle so the chart leads and the numbers are one click (or Enter) away.
 */
export function NumbersTable(props: { rows: ExportRow[]; caption: string }) {
  const columns = () => exportColumns(props.rows);
  return (
    <details class="numbers-table">
      <summary>Numbers as a table</summary>
      <div class="table-wrap">
        <table class="matrix">
          <caption class="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <For each={columns()}>{(c) => <th scope="col">{c}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr>
                  <For each={columns()}>{(c) => <td classList={{ num: typeof row[c] === 'number' }}>{shown(row[c])}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </details>
  );
}
