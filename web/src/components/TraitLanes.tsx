import { createMemo, createUniqueId, For, Index, Show } from 'solid-js';
import { laneMax, laneSplits, splitSentence, type LaneCell, type SampleCell } from '../lib/lanes.ts';
import { formatScoreValue } from '../lib/scores.ts';
import { traitCatalogue } from '../stores/trait-catalogue.ts';
import './trait-lanes.css';

export interface ThoughtCell {
  index: number;
  thought: boolean;
  line: string;
}

export interface Lane {
  label: string;
  /** The shown sample's cells. */
  cells: LaneCell[];
  /** Every sample of this version as one row (mean and spread per range); null with a single sample. */
  samples: SampleCell[] | null;
  /** Per assistant turn: did it think (issue 13). */
  thought: ThoughtCell[];
}

const rangeKey = (c: { start: number; end: number }) => `${c.start}:${c.end}`;
const turnText = (r: { start: number; end: number }) => (r.start === r.end ? `turn ${r.start}` : `turns ${r.start}–${r.end}`);

/** What a row compares on: the mean over samples where there are several, else the shown sample. */
function comparedCells(lane: Lane): { start: number; end: number; value: number | null }[] {
  return lane.samples ? lane.samples.map((s) => ({ start: s.start, end: s.end, value: s.mean })) : lane.cells;
}

/**
 * Per-turn lanes of one trait, one per version (and one for all its samples), on a shared turn axis, with a
 * "thought here" row per version. A value is a bar as high as the value, a 0 an outlined "0", N/A hatched,
 * and a range nobody scored a dashed empty box. ▲ marks the ranges where the versions differ by more than
 * the threshold.
 */
export function TraitLanes(props: {
  trait: string;
  lanes: Lane[];
  colour: string;
  threshold: number;
  defaultThreshold: number;
  pooledSd: number | null;
  onThreshold: (value: number | null) => void;
  onCell: (lane: number, cell: LaneCell) => void;
  stripRef?: (el: HTMLElement) => void;
}) {
  const thresholdId = createUniqueId();
  const label = () => traitCatalogue.label(props.trait);
  const ranges = createMemo(() => {
    const keys = new Map<string, { start: number; end: number }>();
    for (const lane of props.lanes) for (const c of [...lane.cells, ...(lane.samples ?? [])]) keys.set(rangeKey(c), { start: c.start, end: c.end });
    return [...keys.entries()].sort((a, b) => a[1].start - b[1].start || a[1].end - b[1].end);
  });
  const max = createMemo(() => Math.max(1, laneMax(props.lanes.flatMap((l) => [l.cells, (l.samples ?? []).map((s) => ({ value: s.mean === null ? null : s.mean + (s.sd ?? 0) }))]))));
  const splitList = createMemo(() => laneSplits(props.lanes.map(comparedCells), props.threshold));
  const splits = createMemo(() => new Set(splitList().map(rangeKey)));
  const cellOf = (lane: Lane, key: string) => lane.cells.find((c) => rangeKey(c) === key);
  const sampleOf = (lane: Lane, key: string) => lane.samples?.find((c) => rangeKey(c) === key);
  const template = () => `minmax(7rem, 11rem) repeat(${Math.max(1, ranges().length)}, minmax(1.6rem, 1fr))`;
  const thoughtTurns = createMemo(() => [...new Set(props.lanes.flatMap((l) => l.thought.map((t) => t.index)))].sort((a, b) => a - b));
  const anyThought = () => props.lanes.some((l) => l.thought.some((t) => t.thought));
  const level = (v: number) => String(Math.max(0, v) / max());

  return (
    <>
    <section ref={(el) => props.stripRef?.(el)} class={`lanes ${props.colour}`} aria-label={`${label().text} by turn`} data-trait={props.trait}>
      <Show when={ranges().length > 0} fallback={<p class="muted">No turn-range scores of {label().text} in these transcripts.</p>}>
        <div class="lane-grid" role="table" aria-label={`${label().short} per turn`} style={{ 'grid-template-columns': template() }}>
          <div role="row" class="lane-row lane-axis">
            <span role="columnheader" class="lane-label muted">
              turn
            </span>
            <For each={ranges()}>
              {([key, r]) => (
                <span role="columnheader" class="lane-turn" classList={{ split: splits().has(key) }} title={splits().has(key) ? `The versions differ by more than ${formatScoreValue(props.threshold)} here` : undefined}>
                  {r.start === r.end ? r.start : `${r.start}–${r.end}`}
                </span>
              )}
            </For>
          </div>
          <Index each={props.lanes}>
            {(lane, laneIndex) => (
              <>
                <div role="row" class="lane-row" data-lane={laneIndex}>
                  <span role="rowheader" class="lane-label" title={lane().label}>
                    {lane().label}
                  </span>
                  <For each={ranges()}>
                    {([key, r]) => {
                      const cell = () => cellOf(lane(), key);
                      return (
                        <span role="cell" class="lane-cell-wrap">
                          <Show when={cell()} fallback={<span class="lane-cell missing" title={`${lane().label}: not scored at ${turnText(r)}`} data-state="missing" />}>
                            {(c) => (
                              <button
                                type="button"
                                class="lane-cell"
                                classList={{ zero: c().value === 0, na: c().value === null, split: splits().has(key) }}
                                data-state={c().value === null ? 'na' : c().value === 0 ? 'zero' : 'value'}
                                style={{ '--level': level(c().value ?? 0) }}
                                aria-label={`${lane().label}: ${label().short} ${c().value === null ? 'N/A' : formatScoreValue(c().value ?? 0)} at ${turnText(c())}`}
                                title={`${label().short}: ${c().value === null ? 'N/A (does not apply)' : `${formatScoreValue(c().value ?? 0)} on ${label().scale}`} · ${turnText(c())}. Show the evidence`}
                                data-turn={c().start}
                                data-score={c().scoreId}
                                onClick={() => props.onCell(laneIndex, c())}
                              >
                                {c().value === null ? 'N/A' : formatScoreValue(c().value ?? 0)}
                              </button>
                            )}
                          </Show>
                        </span>
                      );
                    }}
                  </For>
                </div>
                <Show when={lane().samples}>
                  {(samples) => (
                    <div role="row" class="lane-row lane-samples" data-lane={laneIndex}>
                      <span role="rowheader" class="lane-label lane-sub" title={`${lane().label}: every sample, mean and SD across them`}>
                        all {samples()[0]?.of ?? ''} samples
                      </span>
                      <For each={ranges()}>
                        {([key, r]) => {
                          const s = () => sampleOf(lane(), key);
                          return (
                            <span role="cell" class="lane-cell-wrap">
                              <Show when={s()?.mean !== null && s()?.mean !== undefined ? s() : undefined} fallback={<span class="lane-cell missing" data-state={s() ? 'na' : 'missing'} title={s() ? `N/A in every sample at ${turnText(r)}` : `No sample scored ${turnText(r)}`} />}>
                                {(cell) => (
                                  <span
                                    class="lane-cell sample-cell"
                                    data-state="mean"
                                    style={{ '--level': level(cell().mean ?? 0), '--low': level((cell().mean ?? 0) - (cell().sd ?? 0)), '--high': level((cell().mean ?? 0) + (cell().sd ?? 0)) }}
                                    title={`${label().short}: mean ${formatScoreValue(cell().mean ?? 0)} over ${cell().n} of ${cell().of} samples${cell().sd === null ? '' : `, SD ${formatScoreValue(cell().sd ?? 0)} across them`} · ${turnText(cell())}`}
                                  >
                                    {formatScoreValue(cell().mean ?? 0)}
                                  </span>
                                )}
                              </Show>
                            </span>
                          );
                        }}
                      </For>
                    </div>
                  )}
                </Show>
              </>
            )}
          </Index>
        </div>
      </Show>
      <Show when={anyThought()}>
        <div class="thought-grid" role="table" aria-label="Thought here, per assistant turn" style={{ 'grid-template-columns': `minmax(7rem, 11rem) repeat(${thoughtTurns().length}, minmax(1.1rem, 1fr))` }}>
          <div role="row" class="lane-row lane-axis">
            <span role="columnheader" class="lane-label muted">
              thought here · turn
            </span>
            <For each={thoughtTurns()}>{(i) => <span role="columnheader" class="lane-turn">{i}</span>}</For>
          </div>
          <Index each={props.lanes}>
            {(lane) => (
              <div role="row" class="lane-row thought-row">
                <span role="rowheader" class="lane-label" title={lane().label}>
                  {lane().label}
                </span>
                <For each={thoughtTurns()}>
                  {(i) => {
                    const t = () => lane().thought.find((x) => x.index === i);
                    return (
                      <span role="cell" class="thought-cell" classList={{ thought: t()?.thought === true, missing: !t() }} data-turn={i} data-thought={t() ? String(t()?.thought) : 'missing'} title={t() ? `${lane().label}, turn ${i}: ${t()?.line}` : `${lane().label}: no assistant turn ${i}`}>
                        {t()?.thought ? '●' : ''}
                      </span>
                    );
                  }}
                </For>
              </div>
            )}
          </Index>
        </div>
      </Show>
    </section>
    <div class={`lane-foot ${props.colour.replace('sticky', '')}`}>
        <Show when={ranges().length > 0}>
          <p class="lane-note">{splitSentence(splitList(), props.threshold, props.lanes.length)}</p>
        </Show>
        <Show when={thoughtTurns().length > 0 && !anyThought()}>
          <p class="muted lane-note">No version thought on any turn of this scenario.</p>
        </Show>
        <ul class="lane-legend" aria-label="How to read the lanes">
          <li>
            <span class="lane-cell key-value" aria-hidden="true" /> bar height = value (scale {label().scale})
          </li>
          <li>
            <span class="lane-cell zero key" aria-hidden="true">
              0
            </span>{' '}
            scored 0
          </li>
          <li>
            <span class="lane-cell na key" aria-hidden="true">
              N/A
            </span>{' '}
            does not apply
          </li>
          <li>
            <span class="lane-cell missing key" aria-hidden="true" /> not scored
          </li>
          <Show when={props.lanes.some((l) => l.samples)}>
            <li>
              <span class="lane-cell sample-cell key-sample" aria-hidden="true" /> all samples: mean, band ±1 SD across samples
            </li>
          </Show>
          <Show when={anyThought()}>
            <li>
              <span class="thought-cell thought key" aria-hidden="true">
                ●
              </span>{' '}
              thought before answering
            </li>
          </Show>
        </ul>
        <Show when={props.lanes.length > 1}>
          <label class="inline threshold" for={thresholdId}>
            ▲ where versions differ by more than
            <input
              id={thresholdId}
              type="number"
              min="0"
              step="0.5"
              value={formatScoreValue(props.threshold)}
              onChange={(e) => props.onThreshold(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
            />
            <span class="muted" title="The default is the larger of 1 scale point and the pooled SD of a turn's value across samples of one version">
              (default {formatScoreValue(props.defaultThreshold)}
              {props.pooledSd === null ? ': 1 point' : `: larger of 1 and the pooled SD across samples, ${formatScoreValue(props.pooledSd)}`})
            </span>
          </label>
        </Show>
      </div>
    </>
  );
}
