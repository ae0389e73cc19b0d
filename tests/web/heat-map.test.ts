import { expect, test } from 'vitest';
import { cellCompareIds, heatMapRows, sortHeatRows, type ScenarioDeltaLike } from '../../web/src/lib/heat-map.ts';

const s = (scenarioId: string, a: number, b: number, transcriptsA: string[], transcriptsB: string[]): ScenarioDeltaLike => ({ scenarioId, key: `key-${scenarioId}`, title: null, a, b, delta: b - a, transcriptsA, transcriptsB });

// Baseline v1 against v2 and against v3: the scenarios each pair shares, with their transcripts.
const comparisons = [
  { version: 'v2', scenarios: [s('s1', 1, 4, ['t1a'], ['t1b']), s('s2', 3, 2, ['t2a', 't2a2', 't2a3'], ['t2b'])] },
  { version: 'v3', scenarios: [s('s1', 1, 3, ['t1a'], ['t1c']), s('s3', 2, 5, ['t3a'], ['t3c'])] },
];
const rows = heatMapRows({ baseline: 'v1', compared: 'v2', versions: ['v1', 'v2', 'v3'], comparisons });

test('one row per scenario any comparison lists, cells in version order, empty where a version has no value', () => {
  expect(rows.map((r) => r.scenarioId)).toEqual(['s1', 's2', 's3']);
  expect(rows[0]?.cells.map((c) => c.mean)).toEqual([1, 4, 3]);
  expect(rows[1]?.cells.map((c) => c.mean)).toEqual([3, 2, null]);
  expect(rows[2]?.cells.map((c) => c.mean)).toEqual([2, null, 5]);
  expect(rows[2]?.cells[1]?.transcripts).toEqual([]);
});

test('the delta is compared − baseline, null where the compared version has no value', () => {
  expect(rows.map((r) => r.delta)).toEqual([3, -1, null]);
});

test('sorting by delta either way or by size; rows without a delta last; ties by key', () => {
  expect(sortHeatRows(rows, 'delta-desc').map((r) => r.scenarioId)).toEqual(['s1', 's2', 's3']);
  expect(sortHeatRows(rows, 'delta-asc').map((r) => r.scenarioId)).toEqual(['s2', 's1', 's3']);
  expect(sortHeatRows(rows, 'abs-desc').map((r) => r.scenarioId)).toEqual(['s1', 's2', 's3']);
  expect(sortHeatRows(rows, 'key').map((r) => r.scenarioId)).toEqual(['s1', 's2', 's3']);
  const tied = heatMapRows({ baseline: 'v1', compared: 'v2', versions: ['v1', 'v2'], comparisons: [{ version: 'v2', scenarios: [s('b', 1, 2, ['x'], ['y']), s('a', 2, 3, ['x'], ['y'])] }] });
  expect(sortHeatRows(tied, 'delta-desc').map((r) => r.key)).toEqual(['key-a', 'key-b']);
});

test("a cell opens the baseline's transcripts beside that version's; the baseline's own cell pairs with the compared version", () => {
  const [s1, s2, s3] = rows;
  expect(s1 && cellCompareIds(s1, 'v3', 'v1', 'v2')).toEqual(['t1a', 't1c']);
  expect(s1 && cellCompareIds(s1, 'v1', 'v1', 'v2')).toEqual(['t1a', 't1b']);
  // Four columns at most: two samples a side.
  expect(s2 && cellCompareIds(s2, 'v2', 'v1', 'v2')).toEqual(['t2a', 't2a2', 't2b']);
  // Nothing to put beside: no link.
  expect(s3 && cellCompareIds(s3, 'v2', 'v1', 'v2')).toEqual([]);
  expect(s3 && cellCompareIds(s3, 'v1', 'v1', 'v1')).toEqual([]);
});
