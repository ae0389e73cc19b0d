import { downloadText } from '../../lib/download.ts';
import { exportFileName, toCsv, toJsonl, type ExportRow } from '../../lib/export-rows.ts';

/** Download what a table or chart shows, as CSV or JSONL, from the rows the page already has. */
export function ExportButtons(props: { name: readonly string[]; rows: () => ExportRow[]; what: string }) {
  return (
    <span class="export-buttons" role="group" aria-label={`Download ${props.what}`}>
      <button type="button" class="chip-button" onClick={() => downloadText(exportFileName(props.name, 'csv'), toCsv(props.rows()), 'text/csv')} title={`Download ${props.what} as CSV`}>
        CSV
      </button>
      <button type="button" class="chip-button" onClick={() => downloadText(exportFileName(props.name, 'jsonl'), toJsonl(props.rows()), 'application/x-ndjson')} title={`Download ${props.what} as JSON lines`}>
        JSONL
      </button>
    </span>
  );
}
