import { describe, expect, test } from 'vitest';
import { formatSecondsPerItem, myProgressText, nextTrait, percent, queueProgressText, traitStepText } from '../../web/src/lib/label-progress.ts';

describe('labeling progress in words', () => {
  test('mine: done and still to go', () => {
    expect(myProgressText({ mine: 2, available: 1 })).toBe('2 done · 1 to go');
    expect(myProgressText({ mine: 3, available: 0 })).toBe('3 done · none left for you');
    expect(myProgressText({ mine: 1200, available: 3400 })).toBe('1,200 done · 3,400 to go');
  });

  test("the queue's: complete of items", () => {
    expect(queueProgressText({ complete: 1, items: 3 })).toBe('1 of 3 items complete');
    expect(queueProgressText({ complete: 0, items: 1 })).toBe('0 of 1 item complete');
  });

  test('percent for a bar, bounded, 0 of nothing', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(3, 3)).toBe(100);
    expect(percent(0, 0)).toBe(0);
    expect(percent(5, 3)).toBe(100);
  });

  test('the next trait of an item is the first not labeled', () => {
    const traits = [{ slug: 'pushback' }, { slug: 'warmth' }, { slug: 'honesty' }];
    expect(nextTrait(traits, [])?.slug).toBe('pushback');
    expect(nextTrait(traits, ['pushback'])?.slug).toBe('warmth');
    // An undo of the first trait after the second was labeled goes back to the first.
    expect(nextTrait(traits, ['warmth'])?.slug).toBe('pushback');
    expect(nextTrait(traits, ['pushback', 'warmth', 'honesty'])).toBeNull();
    expect(traitStepText(traits, 'warmth')).toBe('trait 2 of 3');
    expect(traitStepText([{ slug: 'pushback' }], 'pushback')).toBe('');
  });

  test('median time per item', () => {
    expect(formatSecondsPerItem(null)).toBe('—');
    expect(formatSecondsPerItem(41.6)).toBe('42 s');
    expect(formatSecondsPerItem(210)).toBe('3.5 min');
  });
});
