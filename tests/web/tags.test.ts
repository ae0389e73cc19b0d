import { describe, expect, test } from 'vitest';
import { visibleTags } from '../../web/src/lib/tags.ts';

describe('a row’s tags in a fixed space', () => {
  test('few tags are all shown', () => {
    expect(visibleTags([], 2)).toEqual({ shown: [], hidden: [] });
    expect(visibleTags(['a', 'b'], 2)).toEqual({ shown: ['a', 'b'], hidden: [] });
  });
  test('one over the limit is folded too: the room is fixed', () => {
    expect(visibleTags(['a', 'b', 'c'], 2)).toEqual({ shown: ['a', 'b'], hidden: ['c'] });
  });
  test('more are folded into a "+n" with the rest named', () => {
    expect(visibleTags(['a', 'b', 'c', 'd', 'e'], 2)).toEqual({ shown: ['a', 'b'], hidden: ['c', 'd', 'e'] });
  });
});
