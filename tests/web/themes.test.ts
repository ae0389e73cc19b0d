import { describe, expect, test } from 'vitest';
import { clearlyMoved, groupBySelection, movementText, shareWithCi, sideBySideGroups } from '../../web/src/lib/themes.ts';

describe('theme page helpers', () => {
  test('a share reads with its interval, or says why it has none', () => {
    expect(shareWithCi({ share: 0.4166, ciLow: 0.3, ciHigh: 0.55 })).toBe('42% (95% CI 30%–55%)');
    expect(shareWithCi({ share: 0.5, ciLow: null, ciHigh: null, reason: 'only one scenario' })).toBe('50% (no CI: only one scenario)');
    expect(shareWithCi({ share: null, ciLow: null, ciHigh: null })).toBe('—');
  });

  test('a movement reads in signed percentage points, and is clear only when its interval excludes zero', () => {
    expect(movementText({ meanDelta: 0.12, ciLow: 0.03, ciHigh: 0.2 })).toBe('+12 pts (95% CI +3 pts to +20 pts)');
    expect(movementText({ meanDelta: -0.05, ciLow: -0.1, ciHigh: 0.01 })).toBe('−5 pts (95% CI −10 pts to +1 pts)');
    expect(clearlyMoved({ ciLow: 0.03, ciHigh: 0.2 })).toBe(true);
    expect(clearlyMoved({ ciLow: -0.1, ciHigh: 0.01 })).toBe(false);
    expect(movementText({ meanDelta: null, ciLow: null, ciHigh: null, reason: 'no shared scenario' })).toBe('no change measurable: no shared scenario');
  });

  test('members open side by side by scenario, one per model version first, at most four', () => {
    const m = (t: string, s: string, model: string) => ({ transcriptId: t, scenarioId: s, scenario: s, model });
    const groups = sideBySideGroups([m('t1', 's1', 'a'), m('t2', 's1', 'a'), m('t3', 's1', 'b'), m('t4', 's2', 'a'), { transcriptId: null, scenarioId: null, scenario: null, model: null }, m('t5', 's1', 'c'), m('t6', 's1', 'd')]);
    expect(groups.map((g) => [g.scenario, g.transcriptIds])).toEqual([
      ['s1', ['t1', 't3', 't5', 't6']],
      ['s2', ['t4']],
    ]);
  });

  test('runs group by selection, newest first', () => {
    const r = (key: string, version: number, createdAt: string) => ({ selectionKey: key, version, createdAt });
    expect(groupBySelection([r('x', 1, '2026-01-01'), r('y', 1, '2026-01-02'), r('x', 2, '2026-01-03')]).map((g) => [g.key, g.runs.map((x) => x.version)])).toEqual([
      ['x', [2, 1]],
      ['y', [1]],
    ]);
  });
});
