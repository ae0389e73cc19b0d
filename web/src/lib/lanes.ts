/**
 * Per-turn trait lanes: the turn-range scores of one trait (Spiral-Bench judges each assistant turn in
 * its own chunk) laid out by turn, so that two versions' lanes, one above the other, show where they part.
 * A lane tells three things apart: a value (0 included: "none seen" is a result), N/A (the rater said the
 * trait does not apply) and missing (no valid score covers the range: no cell at all).
 */
export interface RangeScoreLike {
  id: string;
  trait: string;
  status: string;
  value: number | null;
  category?: string | null;
  turnStart: number | null;
  turnEnd: number | null;
  evidence: readonly { message_index: number }[];
}

export interface LaneCell {
  start: number;
  end: number;
  /** Mean of the valid values over this range (several sources or samples may score it); null when all are N/A. */
  value: number | null;
  /** The score to open on click: the first with evidence, else the first. */
  scoreId: string;
}

const key = (c: { start: number; end: number }) => `${c.start}:${c.end}`;

const isNa = (s: RangeScoreLike) => s.value === null && (s.category ?? null) === null;

/** Traits that have turn-range scores, most common first (then by name). */
export function rangeTraits(scores: readonly RangeScoreLike[]): string[] {
  const counts = new Map<string, number>();
  for (const s of scores) if (s.turnStart !== null && s.status === 'valid' && (s.value !== null || isNa(s))) counts.set(s.trait, (counts.get(s.trait) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}

export function laneCells(scores: readonly RangeScoreLike[], trait: string): LaneCell[] {
  const groups = new Map<string, RangeScoreLike[]>();
  for (const s of scores) {
    if (s.trait !== trait || s.status !== 'valid' || s.turnStart === null || !(s.value !== null || isNa(s))) continue;
    const k = `${s.turnStart}:${s.turnEnd ?? s.turnStart}`;
    groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  const cells: LaneCell[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first || first.turnStart === null) continue;
    const values = group.flatMap((s) => (s.value === null ? [] : [s.value]));
    const withEvidence = group.find((s) => s.evidence.length > 0) ?? first;
    cells.push({
      start: first.turnStart,
      end: first.turnEnd ?? first.turnStart,
      value: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null,
      scoreId: withEvidence.id,
    });
  }
  return cells.sort((a, b) => a.start - b.start || a.end - b.end);
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Sample standard deviation (n − 1); null below two values. */
export function sampleSd(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

export interface SampleCell {
  start: number;
  end: number;
  /** Mean over the samples with a value at this range; null when none has one. */
  mean: number | null;
  /** SD across those samples; null with fewer than two. */
  sd: number | null;
  /** Samples with a value here, and samples in all. */
  n: number;
  of: number;
}

/** One version's samples as one lane: per range, the mean across samples and their spread. */
export function sampleCells(samples: readonly (readonly LaneCell[])[]): SampleCell[] {
  const ranges = new Map<string, { start: number; end: number; values: number[] }>();
  for (const lane of samples)
    for (const c of lane) {
      const r = ranges.get(key(c)) ?? { start: c.start, end: c.end, values: [] };
      if (c.value !== null) r.values.push(c.value);
      ranges.set(key(c), r);
    }
  return [...ranges.values()]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((r) => ({ start: r.start, end: r.end, mean: r.values.length ? mean(r.values) : null, sd: sampleSd(r.values), n: r.values.length, of: samples.length }));
}

/**
 * How much a turn's value moves between samples of one version: the pooled SD over every version and range
 * with at least two samples (square root of the df-weighted mean variance). Null when no range has two.
 */
export function pooledSampleSd(versions: readonly (readonly (readonly LaneCell[])[])[]): number | null {
  let ss = 0;
  let df = 0;
  for (const samples of versions) {
    const byRange = new Map<string, number[]>();
    for (const lane of samples) for (const c of lane) if (c.value !== null) byRange.set(key(c), [...(byRange.get(key(c)) ?? []), c.value]);
    for (const values of byRange.values()) {
      if (values.length < 2) continue;
      const m = mean(values);
      ss += values.reduce((a, x) => a + (x - m) ** 2, 0);
      df += values.length - 1;
    }
  }
  return df > 0 ? Math.sqrt(ss / df) : null;
}

/** The default "differs here" threshold: a difference smaller than one scale point, or than samples of one version differ among themselves, is not shown as one. */
export function defaultSplitThreshold(pooledSd: number | null): number {
  return Math.max(1, pooledSd ?? 0);
}

export interface LaneGap {
  start: number;
  end: number;
  /** Largest minus smallest value across the lanes at this range. */
  spread: number;
}

/** For each range with a value in every lane, how far the lanes are apart there. */
export function laneGaps(lanes: readonly (readonly { start: number; end: number; value: number | null }[])[]): LaneGap[] {
  if (lanes.length < 2) return [];
  const maps = lanes.map((lane) => new Map(lane.map((c) => [key(c), c.value])));
  const gaps: LaneGap[] = [];
  for (const cell of lanes[0] ?? []) {
    const values = maps.map((m) => m.get(key(cell)));
    const numbers = values.filter((v): v is number => v !== undefined && v !== null);
    if (numbers.length !== values.length) continue;
    gaps.push({ start: cell.start, end: cell.end, spread: Math.max(...numbers) - Math.min(...numbers) });
  }
  return gaps;
}

/** Ranges where the lanes are further apart than `threshold` (strictly: "exceeds"). */
export function laneSplits(lanes: readonly (readonly { start: number; end: number; value: number | null }[])[], threshold: number): LaneGap[] {
  return laneGaps(lanes).filter((g) => g.spread > threshold);
}

/** The first range where the lanes differ by more than `threshold`: where the versions part ways. */
export function firstLaneSplit(lanes: readonly (readonly LaneCell[])[], threshold = 1): LaneGap | null {
  return laneSplits(lanes, threshold)[0] ?? null;
}

function rangeWords(g: { start: number; end: number }): string {
  return g.start === g.end ? `${g.start}` : `${g.start}–${g.end}`;
}

/** The splits in plain words: "The versions differ by more than 1 point at turns 3, 7 and 9 (▲)." */
export function splitSentence(splits: readonly LaneGap[], threshold: number, compared: number): string {
  const by = `by more than ${Math.round(threshold * 100) / 100} point${threshold === 1 ? '' : 's'}`;
  if (compared < 2) return '';
  if (!splits.length) return `No turn where the versions differ ${by}.`;
  const turns = splits.map(rangeWords);
  const list = turns.length === 1 ? turns[0] : `${turns.slice(0, -1).join(', ')} and ${turns[turns.length - 1]}`;
  return `The versions differ ${by} at turn${turns.length === 1 && !turns[0]?.includes('–') ? '' : 's'} ${list} (marked ▲).`;
}

/** The lanes' largest value, for a shared colour scale across lanes. */
export function laneMax(lanes: readonly (readonly { value: number | null }[])[]): number {
  return Math.max(0, ...lanes.flatMap((l) => l.flatMap((c) => (c.value === null ? [] : [c.value]))));
}

export interface TurnMark {
  scoreId: string;
  trait: string;
  value: number;
  start: number;
  end: number;
}

/**
 * The turn-range scores to show beside the turns they are about, by message index. A score is about the
 * assistant turns its evidence cites; without evidence, the assistant turns of its range. User turns never
 * get a mark: a range covers them only because a chunk spans the exchange, and the trait scores the model.
 */
export function marksByTurn(scores: readonly RangeScoreLike[], roleOf: (index: number) => string | undefined): Map<number, TurnMark[]> {
  const byTurn = new Map<number, TurnMark[]>();
  for (const s of scores) {
    if (s.status !== 'valid' || s.value === null || s.turnStart === null) continue;
    const start = s.turnStart;
    const end = s.turnEnd ?? start;
    const turns = [...new Set(s.evidence.map((e) => e.message_index))].filter((i) => i >= start && i <= end && roleOf(i) === 'assistant');
    if (!turns.length) for (let i = start; i <= end; i++) if (roleOf(i) === 'assistant') turns.push(i);
    const value = s.value;
    for (const i of turns.sort((a, b) => a - b)) byTurn.set(i, [...(byTurn.get(i) ?? []), { scoreId: s.id, trait: s.trait, value, start, end }]);
  }
  return byTurn;
}
