/**
 * Per-turn trait lanes: the turn-range scores of one trait (Spiral-Bench judges each assistant turn in
 * its own chunk) laid out by turn, so that two versions' lanes, one above the other, show where they part.
 */
export interface RangeScoreLike {
  id: string;
  trait: string;
  status: string;
  value: number | null;
  turnStart: number | null;
  turnEnd: number | null;
  evidence: readonly unknown[];
}

export interface LaneCell {
  start: number;
  end: number;
  /** Mean of the valid values over this range (several sources or samples may score it). */
  value: number;
  /** The score to open on click: the first with evidence, else the first. */
  scoreId: string;
}

/** Traits that have turn-range scores, most common first (then by name). */
export function rangeTraits(scores: readonly RangeScoreLike[]): string[] {
  const counts = new Map<string, number>();
  for (const s of scores) if (s.turnStart !== null && s.status === 'valid' && s.value !== null) counts.set(s.trait, (counts.get(s.trait) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
}

export function laneCells(scores: readonly RangeScoreLike[], trait: string): LaneCell[] {
  const groups = new Map<string, RangeScoreLike[]>();
  for (const s of scores) {
    if (s.trait !== trait || s.status !== 'valid' || s.value === null || s.turnStart === null) continue;
    const key = `${s.turnStart}:${s.turnEnd ?? s.turnStart}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const cells: LaneCell[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first || first.turnStart === null) continue;
    const values = group.map((s) => s.value ?? 0);
    const withEvidence = group.find((s) => s.evidence.length > 0) ?? first;
    cells.push({ start: first.turnStart, end: first.turnEnd ?? first.turnStart, value: values.reduce((a, b) => a + b, 0) / values.length, scoreId: withEvidence.id });
  }
  return cells.sort((a, b) => a.start - b.start || a.end - b.end);
}

export interface LaneGap {
  start: number;
  end: number;
  /** Largest minus smallest value across the lanes at this range. */
  spread: number;
}

/** For each range scored in every lane, how far the lanes are apart there. */
export function laneGaps(lanes: readonly (readonly LaneCell[])[]): LaneGap[] {
  if (lanes.length < 2) return [];
  const maps = lanes.map((lane) => new Map(lane.map((c) => [`${c.start}:${c.end}`, c])));
  const gaps: LaneGap[] = [];
  for (const cell of lanes[0] ?? []) {
    const key = `${cell.start}:${cell.end}`;
    const values = maps.map((m) => m.get(key)?.value);
    if (values.some((v) => v === undefined)) continue;
    const numbers = values.filter((v): v is number => v !== undefined);
    gaps.push({ start: cell.start, end: cell.end, spread: Math.max(...numbers) - Math.min(...numbers) });
  }
  return gaps;
}

/** The first range where the lanes differ by at least `threshold`: where the versions part ways. */
export function firstLaneSplit(lanes: readonly (readonly LaneCell[])[], threshold = 1): LaneGap | null {
  return laneGaps(lanes).find((g) => g.spread >= threshold) ?? null;
}

/** The lane's largest value, for a shared colour scale across lanes. */
export function laneMax(lanes: readonly (readonly LaneCell[])[]): number {
  return Math.max(0, ...lanes.flatMap((l) => l.map((c) => c.value)));
}

export interface TurnMark {
  scoreId: string;
  trait: string;
  value: number;
  start: number;
  end: number;
}

/** The turn-range scores to show beside each turn they cover, by message index. */
export function marksByTurn(scores: readonly RangeScoreLike[]): Map<number, TurnMark[]> {
  const byTurn = new Map<number, TurnMark[]>();
  for (const s of scores) {
    if (s.status !== 'valid' || s.value === null || s.turnStart === null) continue;
    const end = s.turnEnd ?? s.turnStart;
    for (let i = s.turnStart; i <= end; i++) byTurn.set(i, [...(byTurn.get(i) ?? []), { scoreId: s.id, trait: s.trait, value: s.value, start: s.turnStart, end }]);
  }
  return byTurn;
}
