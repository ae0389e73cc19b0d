import { createMemo, For, Index, Show } from 'solid-js';
import { laneGaps, laneMax, type LaneCell } from '../lib/lanes.ts';
import { formatScoreValue } from '../lib/scores.ts';
import { traitCatalogue } from '../stores/trait-catalogue.ts';

/** Ranges where the lanes differ by at least this much are marked as the places the versions part. */
const SPLIT_THRESHOLD = 1;

export interface Lane {
  label: string;
  cells: LaneCell[];
}

/**
 * Per-turn lanes of one trait, one per transcript, on a shared turn axis: a cell per scored range,
 * darker for higher values; ranges where the lanes part by a point or more are marked above.
 */
export function TraitLanes(props: { trait: string; lanes: Lane[]; onCell: (lane: number, cell: LaneCell) => void }) {
  const ranges = createMemo(() => {
    const keys = new Map<string, { start: number; end: number }>();
    for (const lane of props.lanes) for (const c of lane.cells) keys.set(`${c.start}:${c.end}`, { start: c.start, end: c.end });
    return [...keys.entries()].sort((a, b) => a[1].start - b[1].start || a[1].end - b[1].end);
  });
  const max = createMemo(() => Math.max(1, laneMax(props.lanes.map((l) => l.cells))));
  const splits = createMemo(() => new Set(laneGaps(props.lanes.map((l) => l.cells)).filter((g) => g.spread >= SPLIT_THRESHOLD).map((g) => `${g.start}:${g.end}`)));
  const firstSplit = () => ranges().find(([key]) => splits().has(key))?.[0];
  const cellOf = (lane: Lane, key: string) => lane.cells.find((c) => `${c.start}:${c.end}` === key);
  const template = () => `minmax(8rem, 12rem) repeat(${Math.max(1, ranges().length)}, minmax(1.6rem, 1fr))`;

  return (
    <section class="lanes" aria-label={`${traitCatalogue.label(props.trait).text} by turn`} data-trait={props.trait}>
      <Show when={ranges().length > 0} fallback={<p class="muted">No turn-range scores of {traitCatalogue.label(props.trait).text} in these transcripts.</p>}>
        <div class="lane-grid" role="table" aria-label={`${traitCatalogue.label(props.trait).short} per turn`} style={{ 'grid-template-columns': template() }}>
          <div role="row" class="lane-row lane-axis">
            <span role="columnheader" class="lane-label muted">
              turn
            </span>
            <For each={ranges()}>
              {([key, r]) => (
                <span role="columnheader" class="lane-turn" classList={{ split: splits().has(key), 'first-split': key === firstSplit() }} title={splits().has(key) ? 'The versions differ here' : undefined}>
                  {r.start === r.end ? r.start : `${r.start}–${r.end}`}
                </span>
              )}
            </For>
          </div>
          <Index each={props.lanes}>
            {(lane, laneIndex) => (
              <div role="row" class="lane-row">
                <span role="rowheader" class="lane-label" title={lane().label}>
                  {lane().label}
                </span>
                <For each={ranges()}>
                  {([key]) => {
                    const cell = () => cellOf(lane(), key);
                    return (
                      <span role="cell" class="lane-cell-wrap">
                        <Show when={cell()} fallback={<span class="lane-cell empty" />}>
                          {(c) => (
                            <button
                              type="button"
                              class="lane-cell"
                              classList={{ zero: c().value === 0, split: splits().has(key) }}
                              style={{ '--level': String(c().value / max()) }}
                              aria-label={`${lane().label}: ${traitCatalogue.label(props.trait).short} ${formatScoreValue(c().value)} at turn ${c().start}`}
                              title={`${traitCatalogue.label(props.trait).short} ${formatScoreValue(c().value)} · turn ${c().start}${c().end !== c().start ? `–${c().end}` : ''}`}
                              data-turn={c().start}
                              data-score={c().scoreId}
                              onClick={() => props.onCell(laneIndex, c())}
                            >
                              {c().value === 0 ? '' : formatScoreValue(c().value)}
                            </button>
                          )}
                        </Show>
                      </span>
                    );
                  }}
                </For>
              </div>
            )}
          </Index>
        </div>
        <Show when={firstSplit()}>{(key) => <p class="muted lane-note">The versions first part by {SPLIT_THRESHOLD}+ at turn {key().split(':')[0]} (marked ▲).</p>}</Show>
      </Show>
    </section>
  );
}
