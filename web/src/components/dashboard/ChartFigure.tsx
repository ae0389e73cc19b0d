import { Show, type JSX } from 'solid-js';
import type { ExportRow } from '../../lib/export-rows.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { NumbersTable } from './NumbersTable.tsx';

/**
 * Every chart's frame: a heading, what the chart shows (and what each number is the mean of), its legend
 * where colour means something, the chart, its numbers as a table, and downloads of those numbers.
 */
export function ChartFigure(props: {
  title: JSX.Element;
  /** The title as text: the table's caption and the download's name. */
  titleText: string;
  description?: JSX.Element;
  legend?: JSX.Element;
  rows: ExportRow[];
  exportName: readonly string[];
  children: JSX.Element;
  class?: string;
}) {
  return (
    <figure class={`chart-figure ${props.class ?? ''}`}>
      <figcaption>
        <div class="figure-head">
          <h3>{props.title}</h3>
          <ExportButtons name={props.exportName} rows={() => props.rows} what={`the numbers of ${props.titleText}`} />
        </div>
        <Show when={props.description}>
          <p class="muted figure-description">{props.description}</p>
        </Show>
      </figcaption>
      <Show when={props.legend}>{props.legend}</Show>
      {props.children}
      <NumbersTable rows={props.rows} caption={props.titleText} />
    </figure>
  );
}
