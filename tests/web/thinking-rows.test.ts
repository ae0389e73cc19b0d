import { describe, expect, test } from 'vitest';
import { APPROPRIATENESS_GRID, formatPercent, lengthBinLabel, lengthBinShares, shareRows, shareText } from '../../web/src/lib/thinking-rows.ts';

describe('the thinking dashboard’s words', () => {
  test('shares read as percents; a small one keeps a decimal, none reads as a dash', () => {
    expect(formatPercent(0.372)).toBe('37%');
    expect(formatPercent(0.0431)).toBe('4.3%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBe('—');
  });
  test('a share says its interval and n, or why it has none', () => {
    expect(shareText({ mean: 0.5, ciLow: 0.25, ciHigh: 0.75, scenarios: 8 })).toBe('50% [25%, 75%] n=8');
    expect(shareText({ mean: 0.5, ciLow: null, ciHigh: null, scenarios: 1 })).toBe('50% (no CI) n=1');
    expect(shareText({ mean: null, ciLow: null, ciHigh: null, scenarios: 0, reason: 'no assistant messages' })).toBe('no assistant messages');
  });
  test('length bins are inclusive ranges of characters, the last one open', () => {
    expect(lengthBinLabel(0, 100)).toBe('0–99');
    expect(lengthBinLabel(1000, 3000)).toBe('1,000–2,999');
    expect(lengthBinLabel(30000, null)).toBe('30,000+');
    expect(lengthBinShares([{ low: 0, high: 100, count: 1 }, { low: 100, high: null, count: 3 }])).toEqual([
      { label: '0–99', short: '0', count: 1, share: 0.25 },
      { label: '100+', short: '100+', count: 3, share: 0.75 },
    ]);
    expect(lengthBinShares([{ low: 0, high: 100, count: 0 }])).toEqual([{ label: '0–99', short: '0', count: 0, share: 0 }]);
    expect(lengthBinShares([{ low: 3000, high: 10000, count: 1 }, { low: 30000, high: null, count: 1 }]).map((b) => b.short)).toEqual(['3k', '30k+']);
  });
  test('the 2×2 puts each rubric category where warranted × thought says, the good decisions on the diagonal', () => {
    const cells = APPROPRIATENESS_GRID.flatMap((r) => r.cells.map((c) => `${r.warranted}/${c.thought}=${c.category}${c.good ? ' ✓' : ''}`));
    expect(cells).toEqual(['Warranted/Thought=thought-warranted ✓', 'Warranted/Did not think=skipped-warranted', 'Not needed/Thought=thought-unneeded', 'Not needed/Did not think=skipped-fine ✓']);
  });
  test('share rows hold exactly what the table shows', () => {
    expect(shareRows([{ model: 'v1', assistantTurns: 10, thoughtTurns: 4, redactedTurns: 1, interleavedBlocks: 0, share: { mean: 0.4, ciLow: 0.2, ciHigh: 0.6, scenarios: 5 } }])).toEqual([
      { version: 'v1', share: 0.4, ciLow: 0.2, ciHigh: 0.6, scenarios: 5, assistantTurns: 10, thoughtTurns: 4, redactedTurns: 1, interleavedBlocks: 0 },
    ]);
  });
});
