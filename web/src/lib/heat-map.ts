/**
 * The scenario × version heat map of one trait, shaped from paired comparisons against the baseline
 * (GET /stats/compare, one per other version): each scenario's mean per version, the transcripts behind it,
 * and the delta between the two versions being compared, to sort by.
 */

export interface ScenarioDeltaLike {
  scenarioId: string;
  key: string;
  title: string | null;
  a: number;
  b: number;
  delta: number;
  transcriptsA: readonly string[];
  transcriptsB: readonly string[];
}

export interface HeatCell {
  version: string;
  /** The mean of this version's transcripts of the scenario; null where it has none with a value. */
  mean: number | null;
  transcripts: readonly string[];
}

export interface HeatRow {
  scenarioId: string;
  key: string;
  title: string | null;
  cells: HeatCell[];
  /** `compared − baseline` on this scenario; null where either has no value. */
  delta: number | null;
}

export type HeatSort = 'delta-desc' | 'delta-asc' | 'abs-desc' | 'key';

/**
 * Rows for every scenario any comparison lists, cells in `versions` order. A scenario the baseline shares with
 * no other version has no row: the comparisons list shared scenarios only.
 */
export function heatMapRows(options: {
  baseline: string;
  compared: string;
  versions: readonly string[];
  comparisons: readonly { version: string; scenarios: readonly ScenarioDeltaLike[] }[];
}): HeatRow[] {
  const rows = new Map<string, { key: string; title: string | null; cells: Map<string, { mean: number; transcripts: readonly string[] }> }>();
  for (const c of options.comparisons) {
    for (const s of c.scenarios) {
      const row = rows.get(s.scenarioId) ?? { key: s.key, title: s.title, cells: new Map() };
      row.cells.set(options.baseline, { mean: s.a, transcripts: s.transcriptsA });
      row.cells.set(c.version, { mean: s.b, transcripts: s.transcriptsB });
      rows.set(s.scenarioId, row);
    }
  }
  return [...rows.entries()].map(([scenarioId, row]) => {
    const cells = options.versions.map((version) => ({ version, mean: row.cells.get(version)?.mean ?? null, transcripts: row.cells.get(version)?.transcripts ?? [] }));
    const a = row.cells.get(options.baseline)?.mean;
    const b = row.cells.get(options.compared)?.mean;
    return { scenarioId, key: row.key, title: row.title, cells, delta: a === undefined || b === undefined || options.baseline === options.compared ? null : b - a };
  });
}

/** Sorted copies; rows without a delta go last whatever the order, ties by key. */
export function sortHeatRows(rows: readonly HeatRow[], sort: HeatSort): HeatRow[] {
  const byKey = (x: HeatRow, y: HeatRow) => x.key.localeCompare(y.key);
  if (sort === 'key') return [...rows].sort(byKey);
  const value = (r: HeatRow) => (r.delta === null ? null : sort === 'abs-desc' ? -Math.abs(r.delta) : sort === 'delta-desc' ? -r.delta : r.delta);
  return [...rows].sort((x, y) => {
    const vx = value(x);
    const vy = value(y);
    if (vx === null || vy === null) return vx === vy ? byKey(x, y) : vx === null ? 1 : -1;
    return vx - vy || byKey(x, y);
  });
}

/** The compare view shows four columns: two samples a side at most. */
const PER_SIDE = 2;

/**
 * What a cell opens side by side: the baseline's transcripts of the scenario, then this version's; the
 * baseline's own cell pairs it with the compared version. Empty when either side has none.
 */
export function cellCompareIds(row: HeatRow, version: string, baseline: string, compared: string): string[] {
  const right = version === baseline ? compared : version;
  if (right === baseline) return [];
  const of = (v: string) => row.cells.find((c) => c.version === v)?.transcripts ?? [];
  const left = of(baseline);
  const other = of(right);
  return left.length && other.length ? [...left.slice(0, PER_SIDE), ...other.slice(0, PER_SIDE)] : [];
}
