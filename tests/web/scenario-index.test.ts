import { expect, test } from 'vitest';
import { matchesQuery, scenarioExportRows, scenarioIndexRows } from '../../web/src/lib/scenario-index.ts';

const sc = (id: string, key: string, title: string | null, transcriptCount = 2) => ({ id, key, title, category: null, transcriptCount, modelCount: 2 });
const scenarios = [sc('1', 'spiral/sc01', 'Qualia sandbox'), sc('2', 'spiral/sc02', 'Café théorie', 6), sc('3', 'demo/false-premise-1', null)];
const d = (scenarioId: string, delta: number) => ({ scenarioId, a: 1, b: 1 + delta, delta, transcriptsA: ['x'], transcriptsB: ['y', 'z'] });

test('search by key or title, every word, ignoring case and accents', () => {
  expect(matchesQuery(scenarios[1] ?? sc('', '', ''), 'cafe THEORIE')).toBe(true);
  expect(matchesQuery(scenarios[0] ?? sc('', '', ''), 'sc01 qualia')).toBe(true);
  expect(matchesQuery(scenarios[0] ?? sc('', '', ''), 'qualia sc02')).toBe(false);
  expect(scenarioIndexRows(scenarios, [], 'spiral', 'key').map((r) => r.scenario.id)).toEqual(['1', '2']);
  expect(scenarioIndexRows(scenarios, [], '', 'key').map((r) => r.scenario.id)).toEqual(['3', '1', '2']);
});

test('sorted by delta either way, scenarios without one last; or by transcripts', () => {
  const deltas = [d('1', -0.5), d('2', 2)];
  expect(scenarioIndexRows(scenarios, deltas, '', 'delta-desc').map((r) => r.scenario.id)).toEqual(['2', '1', '3']);
  expect(scenarioIndexRows(scenarios, deltas, '', 'delta-asc').map((r) => r.scenario.id)).toEqual(['1', '2', '3']);
  expect(scenarioIndexRows(scenarios, deltas, '', 'transcripts').map((r) => r.scenario.id)).toEqual(['2', '3', '1']);
});

test('the export holds the trait columns only when a trait is chosen', () => {
  const rows = scenarioIndexRows(scenarios, [d('1', -0.5)], 'qualia', 'key');
  expect(scenarioExportRows(rows, null)).toEqual([{ scenario: 'spiral/sc01', title: 'Qualia sandbox', category: null, versions: 2, transcripts: 2 }]);
  expect(scenarioExportRows(rows, { label: 'Pushback', a: 'v1', b: 'v2' })[0]).toMatchObject({ trait: 'Pushback', meanA: 1, meanB: 0.5, delta: -0.5, transcriptsA: 1, transcriptsB: 2 });
});
