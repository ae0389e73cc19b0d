import { describe, expect, test } from 'vitest';
import { clearlyMoved, editInWords, shareParts, groupBySelection, movementText, shareWithCi, sideBySideGroups } from '../../web/src/lib/themes.ts';

describe('theme page helpers', () => {
  test('a share reads with its interval, or says why it has none', () => {
    expect(shareWithCi({ share: 0.4166, ciLow: 0.3, ciHigh: 0.55 })).toBe('42% (95% CI 30%–55%)');
    expect(shareWithCi({ share: 0.5, ciLow: null, ciHigh: null, reason: 'only one scenario' })).toBe('50% (no CI: only one scenario)');
    expect(shareWithCi({ share: null, ciLow: null, ciHigh: null })).toBe('—');
    expect(shareParts({ failureRate: 0.25, ciLow: 0.1, ciHigh: 0.5 })).toEqual({ value: '25%', ci: '(95% CI 10%–50%)', reason: null });
  });

  test('a movement reads in signed percentage points, and is clear only when its interval excludes zero', () => {
    expect(movementText({ meanDelta: 0.12, ciLow: 0.03, ciHigh: 0.2 })).toBe('+12 pts (95% CI +3 pts to +20 pts)');
    expect(movementText({ meanDelta: -0.05, ciLow: -0.1, ciHigh: 0.01 })).toBe('−5 pts (95% CI −10 pts to +1 pts)');
    expect(clearlyMoved({ ciLow: 0.03, ciHigh: 0.2 })).toBe(true);
    expect(clearlyMoved({ ciLow: -0.1, ciHigh: 0.01 })).toBe(false);
    expect(movementText({ meanDelta: null, ciLow: null, ciHigh: null, reason: 'no shared scenario' })).toBe('no change measurable: no shared scenario');
    // An end at zero, or a change that rounds to none, reads 0 without a sign.
    expect(movementText({ meanDelta: -0.09, ciLow: -0.45, ciHigh: 0 })).toBe('−9 pts (95% CI −45 pts to 0 pts)');
    expect(movementText({ meanDelta: 0, ciLow: -0.004, ciHigh: 0.004 })).toBe('0 pts (95% CI 0 pts to 0 pts)');
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

  test('an edit reads in words, from the side of the theme whose page shows it', () => {
    const rename = { kind: 'rename', themeId: 't1', details: { from: { name: 'Flattery', description: 'a' }, to: { name: 'Flatters instead of criticising', description: 'a' } } };
    expect(editInWords(rename, 't1')).toBe('Renamed from “Flattery” to “Flatters instead of criticising”');
    expect(editInWords({ ...rename, details: { from: { name: 'Flattery' }, to: { name: 'Flattery' } } }, 't1')).toBe('Reworded “Flattery” (description or inclusion criteria)');
    const merge = { kind: 'merge', themeId: 't2', details: { name: 'Risky plans', into: 't1', intoName: 'False premises', items: 3 } };
    expect(editInWords(merge, 't2')).toBe('Merged into “False premises” (3 items)');
    expect(editInWords(merge, 't1')).toBe('“Risky plans” merged into this theme (3 items)');
    const split = { kind: 'split', themeId: 't1', details: { from: 't1', fromName: 'Flattery', newTheme: 't9', name: 'Flattery of code', items: 1 } };
    expect(editInWords(split, 't1')).toBe('Split 1 item off into “Flattery of code”');
    expect(editInWords(split, 't9')).toBe('Split off from “Flattery” with 1 item');
    expect(editInWords({ kind: 'move', themeId: null, details: { item: 'i1', ref: 'N7', from: 't1', fromName: 'Flattery', to: null, toName: 'other' } }, 't1')).toBe('Moved N7 from “Flattery” to other');
    expect(editInWords({ kind: 'move', themeId: 't1', details: { ref: 'N8', fromName: 'other', toName: 'Flattery' } }, 't1')).toBe('Moved N8 from other to “Flattery”');
  });
});
