import { describe, expect, test } from 'vitest';
import { bodyKey, describeListFilters, describeSelection, judgeHrefForList, parseIds, runRequestBody, selectionFromSearch, type RunFormState } from '../../web/src/lib/judge-selection.ts';
import { emptyFilters } from '../../web/src/lib/list-query.ts';

describe('selectionFromSearch: what /judge?… asks to judge', () => {
  test('model, scenario and tag are a filter the judge API takes as it is', () => {
    expect(selectionFromSearch({ model: 'aurora-1.1', tag: 'pushback', cols: 'warmth' })).toEqual({ kind: 'where', model: 'aurora-1.1', scenario: '', tag: 'pushback' });
    expect(selectionFromSearch({})).toEqual({ kind: 'where', model: '', scenario: '', tag: '' });
  });
  test('ids win over filters', () => {
    expect(selectionFromSearch({ ids: 'a, b,,a c', model: 'x' })).toEqual({ kind: 'ids', ids: ['a', 'b', 'c'] });
  });
  test('a search or a score filter needs the list to find the ids', () => {
    expect(selectionFromSearch({ q: 'Einstein', model: 'aurora-1.1', cols: 'warmth' })).toEqual({ kind: 'list', filters: { ...emptyFilters, q: 'Einstein', model: 'aurora-1.1' } });
    expect(selectionFromSearch({ trait: 'pushback', min: '4' }).kind).toBe('list');
    expect(selectionFromSearch({ labeled: 'false' }).kind).toBe('list');
    // A range without a trait means nothing to the list either.
    expect(selectionFromSearch({ min: '4' }).kind).toBe('where');
  });
});

test('parseIds splits on commas and spaces, drops repeats', () => {
  expect(parseIds(' x,y  z,x ')).toEqual(['x', 'y', 'z']);
  expect(parseIds('')).toEqual([]);
});

test('judgeHrefForList carries the filters, not the columns', () => {
  expect(judgeHrefForList({ ...emptyFilters, model: 'aurora-1.1', q: 'brain', cols: 'warmth' })).toBe('/judge?q=brain&model=aurora-1.1');
  expect(judgeHrefForList(emptyFilters)).toBe('/judge');
});

test('selections in words', () => {
  expect(describeListFilters({ ...emptyFilters, q: 'brain', model: 'm', trait: 'pushback', min: '4', source: 'judge', labeled: 'true' })).toBe('search “brain” · model m · pushback 4–… (judge) · labeled');
  expect(describeListFilters(emptyFilters)).toBe('all transcripts');
  expect(describeSelection({ transcriptIds: ['a'] })).toBe('1 transcript by id');
  expect(describeSelection({ transcriptIds: ['a', 'b'] })).toBe('2 transcripts by id');
  expect(describeSelection({ where: { model: 'aurora-1.1', tag: 'pushback' } })).toBe('model aurora-1.1 · tag pushback');
  expect(describeSelection({ where: {} })).toBe('all transcripts');
});

describe('runRequestBody: the form as the body of estimate and start', () => {
  const form: RunFormState = {
    traits: ['warmth', 'pushback'],
    selection: { where: { model: ' aurora-1.1 ', scenario: '', tag: '' } },
    samples: '2',
    mode: 'sync',
    pairwise: false,
    budgetUsd: '5',
    judgeModel: '',
  };
  test('a filter, trimmed, empty fields left out; traits sorted so the same choice gives the same body', () => {
    expect(runRequestBody(form)).toEqual({ ok: true, body: { traits: ['pushback', 'warmth'], where: { model: 'aurora-1.1' }, samples: 2, mode: 'sync', pairwise: false, budgetUsd: 5 } });
    const reordered = runRequestBody({ ...form, traits: ['pushback', 'warmth'] });
    const original = runRequestBody(form);
    expect(reordered.ok && original.ok && bodyKey(reordered.body) === bodyKey(original.body)).toBe(true);
  });
  test('ids and a judge model', () => {
    expect(runRequestBody({ ...form, selection: { transcriptIds: ['t1', 't2'] }, judgeModel: ' claude-haiku-5-5 ', mode: 'batch', pairwise: true })).toEqual({
      ok: true,
      body: { traits: ['pushback', 'warmth'], transcriptIds: ['t1', 't2'], judgeModel: 'claude-haiku-5-5', samples: 2, mode: 'batch', pairwise: true, budgetUsd: 5 },
    });
  });
  test('what is missing, in words', () => {
    expect(runRequestBody({ ...form, traits: [] })).toEqual({ ok: false, error: 'Choose at least one trait.' });
    expect(runRequestBody({ ...form, samples: '0' })).toEqual({ ok: false, error: 'Samples must be a whole number from 1 to 20.' });
    expect(runRequestBody({ ...form, samples: '1.5' }).ok).toBe(false);
    expect(runRequestBody({ ...form, budgetUsd: '' })).toEqual({ ok: false, error: 'Set a budget in USD above 0.' });
    expect(runRequestBody({ ...form, budgetUsd: '-1' }).ok).toBe(false);
    expect(runRequestBody({ ...form, selection: { transcriptIds: [] } })).toEqual({ ok: false, error: 'The selection has no transcripts.' });
  });
});
