import { describe, expect, test } from 'vitest';
import { activeFilterCount, apiQuery, columnList, emptyFilters, hasFilters, listSearch, readListFilters, sameFilters, sameQuery, toSearchParams, type ListFilters } from '../../web/src/lib/list-query.ts';
import { safeNextPath } from '../../web/src/lib/navigation.ts';

const none = emptyFilters;

describe('list filters ↔ URL', () => {
  test('reads every filter, trimmed, ignoring anything else and values that make no sense', () => {
    expect(readListFilters({ q: '  moon cheese ', model: 'aurora-1.0', tag: ['pushback', 'x'], cursor: 'abc', trait: 'spiral.pushback', min: '1', max: 'lots', source: 'judge', labeled: 'maybe' })).toEqual({
      ...none,
      q: 'moon cheese',
      model: 'aurora-1.0',
      tag: 'pushback',
      trait: 'spiral.pushback',
      min: '1',
      source: 'judge',
    });
    expect(readListFilters({})).toEqual(none);
  });

  test('a link carries only the filters that are set, and reads back the same', () => {
    const filters: ListFilters = { ...none, q: '"quoted phrase" & more', tag: 'a b', labeled: 'false' };
    const search = listSearch(filters);
    expect(search).toBe('?q=%22quoted+phrase%22+%26+more&tag=a+b&labeled=false');
    expect(readListFilters(Object.fromEntries(new URLSearchParams(search)))).toEqual(filters);
    expect(listSearch(none)).toBe('');
  });

  test('empty filters leave the URL (undefined removes the parameter)', () => {
    expect(toSearchParams({ q: '', model: 'm' })).toEqual({ q: undefined, model: 'm' });
  });

  test('sameFilters, sameQuery and hasFilters', () => {
    expect(sameFilters({ ...none, q: 'a' }, { ...none, q: 'a' })).toBe(true);
    expect(sameFilters({ ...none, q: 'a' }, { ...none, q: 'a', model: 'm' })).toBe(false);
    expect(sameQuery({ ...none, cols: 'x' }, none)).toBe(true);
    expect(hasFilters(none)).toBe(false);
    expect(hasFilters({ ...none, cols: 'x' })).toBe(false);
    expect(hasFilters({ ...none, tag: 't' })).toBe(true);
    expect(activeFilterCount({ ...none, tag: 't', thinking: 'any', cols: 'x' })).toBe(2);
  });

  test('the API query sends a score range only with its trait', () => {
    expect(apiQuery({ ...none, min: '1', source: 'judge' })).toEqual({ q: undefined, model: undefined, scenario: undefined, tag: undefined, trait: undefined, min: undefined, max: undefined, source: undefined, labeled: undefined, thinking: undefined, thinkingMin: undefined });
    expect(apiQuery({ ...none, trait: 'pushback', min: '1', max: '3', source: 'human', labeled: 'true' })).toMatchObject({ trait: 'pushback', min: '1', max: '3', source: 'human', labeled: 'true' });
  });

  test('the thinking filter: any or none, and a minimum length in whole characters', () => {
    expect(readListFilters({ thinking: 'any', thinkingMin: '300' })).toEqual({ ...none, thinking: 'any', thinkingMin: '300' });
    // Values the API would refuse never reach it from a link.
    expect(readListFilters({ thinking: 'sometimes', thinkingMin: '2.5' })).toEqual(none);
    expect(readListFilters({ thinkingMin: '0' })).toEqual(none);
    expect(readListFilters({ thinkingMin: '007' }).thinkingMin).toBe('7');
    expect(listSearch({ ...none, thinking: 'none' })).toBe('?thinking=none');
    expect(hasFilters({ ...none, thinkingMin: '10' })).toBe(true);
    expect(apiQuery({ ...none, thinking: 'any', thinkingMin: '300' })).toMatchObject({ thinking: 'any', thinkingMin: '300' });
    // "Did not think" and "thought at least 300 characters" cannot both hold: the length is dropped.
    expect(apiQuery({ ...none, thinking: 'none', thinkingMin: '300' })).toMatchObject({ thinking: 'none', thinkingMin: undefined });
  });

  test('columnList', () => {
    expect(columnList(' a, b,,c ')).toEqual(['a', 'b', 'c']);
    expect(columnList('')).toEqual([]);
  });
});

describe('safeNextPath: where sign-in may send the user', () => {
  test('a path on this site is kept, with its query and hash', () => {
    expect(safeNextPath('/transcripts/abc?x=1#turn-3')).toBe('/transcripts/abc?x=1#turn-3');
  });

  test('anything that could leave the site, or loop back to sign-in, falls back', () => {
    for (const next of [undefined, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/login?next=/x', '/setup']) {
      expect(safeNextPath(next)).toBe('/transcripts');
    }
  });
});
