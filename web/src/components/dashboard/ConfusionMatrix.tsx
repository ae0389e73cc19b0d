import { For, Index, Show } from 'solid-js';
import type { Agreement } from '../../api/stats.ts';
import type { ExportRow } from '../../lib/export-rows.ts';
import { formatStat } from '../../lib/stat-format.ts';
import { inkOn, rampColour } from '../charts/colour.ts';

type Confusion = NonNullable<Agreement['confusion']>;

export function confusionRows(c: Confusion, label: string): ExportRow[] {
  return c.categories.flatMap((judge, i) => c.categories.map((human, j) => ({ trait: label, judge, human, count: c.counts[i]?.[j] ?? 0 })));
}

/** The judge's value (rows) against the humans' consensus (columns), both rounded to the scale's points; the diagonal is agreement. */
export function ConfusionMatrix(props: { confusion: Confusion }) {
  const max = () => Math.max(1, ...props.confusion.counts.flat());
  return (
    <div class="table-wrap">
      <table class="matrix confusion">
        <caption class="visually-hidden">Judge value by human consensus, counts of transcripts</caption>
        <thead>
          <tr>
            <th scope="col">Judge ↓ · humans →</th>
            <For each={props.confusion.categories}>{(c) => <th scope="col" class="num">{formatStat(c)}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <Index each={props.confusion.categories}>
            {(judge, i) => (
              <tr>
                <th scope="row">{formatStat(judge())}</th>
                <Index each={props.confusion.categories}>
                  {(human, j) => {
                    const n = () => props.confusion.counts[i]?.[j] ?? 0;
                    return (
                      <td class="num heat-cell" classList={{ diagonal: i === j }}>
                        <Show when={n() > 0} fallback={<span class="muted">0</span>}>
                          <span class={`heat-swatch ink-${inkOn(n() / max())}`} style={{ 'background-color': rampColour(n() / max()) }} title={`${n()} transcripts: judge ${formatStat(judge())}, humans ${formatStat(human())}`}>
                            {n()}
                          </span>
                        </Show>
                      </td>
                    );
                  }}
                </Index>
              </tr>
            )}
          </Index>
        </tbody>
      </table>
    </div>
  );
}
