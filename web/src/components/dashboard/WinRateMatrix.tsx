import { For, Index, Show } from 'solid-js';
import type { Ratings } from '../../api/stats.ts';
import type { ExportRow } from '../../lib/export-rows.ts';
import { inkOn, rampColour } from '../charts/colour.ts';

export function winRateRows(w: Ratings['winRates'], label: string): ExportRow[] {
  return w.models.flatMap((row, i) => w.models.map((col, j) => ({ trait: label, model: row, against: col, winRate: w.rates[i]?.[j] ?? null, battles: w.battles[i]?.[j] ?? 0 })));
}

/** Row version's share of its verdicts against the column version (ties as half), darker for more wins. */
export function WinRateMatrix(props: { winRates: Ratings['winRates'] }) {
  return (
    <div class="table-wrap">
      <table class="matrix win-rates">
        <caption class="visually-hidden">Win rate of each row version against each column version</caption>
        <thead>
          <tr>
            <th scope="col">Row won against →</th>
            <For each={props.winRates.models}>{(m) => <th scope="col" class="num">{m}</th>}</For>
          </tr>
        </thead>
        <tbody>
          <Index each={props.winRates.models}>
            {(m, i) => (
              <tr>
                <th scope="row">{m()}</th>
                <Index each={props.winRates.models}>
                  {(other, j) => {
                    const rate = () => props.winRates.rates[i]?.[j] ?? null;
                    const battles = () => props.winRates.battles[i]?.[j] ?? 0;
                    return (
                      <td class="num heat-cell">
                        <Show when={rate() !== null} fallback={<span class="muted">{i === j ? '' : '·'}</span>}>
                          <span
                            class={`heat-swatch ink-${inkOn(rate() ?? 0)}`}
                            style={{ 'background-color': rampColour(rate() ?? 0) }}
                            title={`${m()} won ${Math.round((rate() ?? 0) * 100)}% of ${battles()} verdicts against ${other()} (ties as half)`}
                          >
                            {Math.round((rate() ?? 0) * 100)}% <span class="battles">of {battles()}</span>
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
