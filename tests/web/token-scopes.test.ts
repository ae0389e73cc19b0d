import { describe, expect, test } from 'vitest';
import { initialScopes, scopeChoices, withScope } from '../../web/src/lib/token-scopes.ts';

describe('scope checkboxes of a new token', () => {
  test('only the scopes the caller has, in menu order, each with what it allows', () => {
    const researcher = scopeChoices(['ingest', 'read', 'judge', 'label']);
    expect(researcher.map((c) => c.scope)).toEqual(['read', 'ingest', 'judge', 'label']);
    expect(researcher[2]?.description).toBe('start, cancel and resume judge runs (these cost money)');
    expect(scopeChoices(['ingest', 'read', 'judge', 'label', 'admin']).map((c) => c.scope)).toEqual(['read', 'ingest', 'judge', 'label', 'admin']);
    expect(scopeChoices(['label']).map((c) => c.scope)).toEqual(['label']);
    expect(scopeChoices([])).toEqual([]);
  });

  test('a new token starts read-only when reading is allowed, else with nothing ticked', () => {
    expect(initialScopes(scopeChoices(['ingest', 'read']))).toEqual(['read']);
    expect(initialScopes(scopeChoices(['label']))).toEqual([]);
  });

  test('ticking and unticking keeps the menu order and each scope once', () => {
    expect(withScope(['read'], 'admin', true)).toEqual(['read', 'admin']);
    expect(withScope(['read', 'admin'], 'ingest', true)).toEqual(['read', 'ingest', 'admin']);
    expect(withScope(['read', 'ingest'], 'ingest', true)).toEqual(['read', 'ingest']);
    expect(withScope(['read', 'ingest'], 'read', false)).toEqual(['ingest']);
    expect(withScope([], 'judge', false)).toEqual([]);
  });
});
