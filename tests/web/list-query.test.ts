import { describe, expect, test } from 'vitest';
import { hasFilters, listSearch, readListFilters, sameFilters, toSearchParams } from '../../web/src/lib/list-query.ts';
import { safeNextPath } from '../../web/src/lib/navigation.ts';

describe('list filters ↔ URL', () => {
  test('reads q, model and tag, trimmed, ignoring anything else', () => {
    expect(readListFilters({ q: '  moon cheese ', model: 'aurora-1.0', tag: ['pushback', 'x'], cursor: 'abc' })).toEqual({
      q: 'moon cheese',
      model: 'aurora-1.0',
      tag: 'pushback',
    });
    expect(readListFilters({})).toEqual({ q: '', model: '', tag: '' });
  });

  test('a link carries only the filters that are set, and reads back the same', () => {
    const filters = { q: '"quoted phrase" & more', model: '', tag: 'a b' };
    const search = listSearch(filters);
    expect(search).toBe('?q=%22quoted+phrase%22+%26+more&tag=a+b');
    expect(readListFilters(Object.fromEntries(new URLSearchParams(search)))).toEqual(filters);
    expect(listSearch({ q: '', model: '', tag: '' })).toBe('');
  });

  test('empty filters leave the URL (undefined removes the parameter)', () => {
    expect(toSearchParams({ q: '', model: 'm' })).toEqual({ q: undefined, model: 'm' });
  });

  test('sameFilters and hasFilters', () => {
    expect(sameFilters({ q: 'a', model: '', tag: '' }, { q: 'a', model: '', tag: '' })).toBe(true);
    expect(sameFilters({ q: 'a', model: '', tag: '' }, { q: 'a', model: 'm', tag: '' })).toBe(false);
    expect(hasFilters({ q: '', model: '', tag: '' })).toBe(false);
    expect(hasFilters({ q: '', model: '', tag: 't' })).toBe(true);
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
