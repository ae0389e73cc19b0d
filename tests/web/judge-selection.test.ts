import { describe, expect, test } from 'vitest';
import { bodyKey, describeListFilters, describeSelection, filtersOfWhere, judgeHrefForList, judgeWhere, parseIds, runRequestBody, selectionFromSearch, selectionOf, type RunFormState, type StoredWhere } from '../../web/src/lib/judge-selection.ts';
import { emptyFilters } from '../../web/src/lib/list-query.ts';

describe('selectionFromSearch: what /judge?… asks to judge', () => {
  test('model, scenario and tag are a filter the judge API takes as it is', () => {
    expect(selectionFromSearch({ model: 'aurora-1.1', tag: 'pushback', cols: 'warmth' })).toEqual({ kind: 'where', model: 'aurora-1.1', scenario: '', tag: 'pushback' });
    expect(selectionFromSearch({})).toEqual({ kind: 'where', model: '', scenario: '', tag: '' });
  });
  test('ids win over filters', () => {
    expect(selectionFromSearch({ ids: 'a, b,,a c', model: 'x' })).toEqual({ kind: 'ids', ids: ['a', 'b', 'c'] });
  });
  test('a search, a score range or labeled stay the list\'s filter, whole, for the judge\'s where', () => {
    expect(selectionFromSearch({ q: 'Einstein', model: 'aurora-1.1', cols: 'warmth' })).toEqual({ kind: 'list', filters: { ...emptyFilters, q: 'Einstein', model: 'aurora-1.1' } });
    expect(selectionFromSearch({ trait: 'pushback', min: '4' }).kind).toBe('list');
    expect(selectionFromSearch({ labeled: 'false' }).kind).toBe('list');
    // A range without a trait means nothing to the list either.
    expect(selectionFromSearch({ min: '4' }).kind).toBe('where');
  });
  test('what the form sends for each: ids as ids, the list and the fields as filters', () => {
    expect(selectionOf({ kind: 'ids', ids: ['a', 'b'] })).toEqual({ transcriptIds: ['a', 'b'] });
    const list = { ...emptyFilters, q: 'Einstein', trait: 'pushback', min: '2' };
    expect(selectionOf({ kind: 'list', filters: list })).toEqual({ where: list });
    expect(selectionOf({ kind: 'where', model: 'm', scenario: '', tag: 't' })).toEqual({ where: { ...emptyFilters, model: 'm', tag: 't' } });
  });
});

describe('judgeWhere: list filters as the judge API\'s where', () => {
  test('every filter of the list, empty ones left out, columns never', () => {
    expect(
      judgeWhere({ q: 'brain "quoted"', model: 'aurora-1.1', scenario: 's/1', tag: 'pushback', trait: 'spiral.pushback', min: '1.5', max: '4', source: 'judge', labeled: 'false', thinking: 'any', thinkingMin: '300', cols: 'warmth' }),
    ).toEqual({ model: 'aurora-1.1', scenario: 's/1', tag: 'pushback', q: 'brain "quoted"', trait: 'spiral.pushback', min: '1.5', max: '4', source: 'judge', labeled: 'false', thinking: 'any', thinkingMin: '300' });
    expect(judgeWhere(emptyFilters)).toEqual({});
  });
  test('a range or source without a trait is dropped, as the list drops it; typed fields are trimmed', () => {
    expect(judgeWhere({ ...emptyFilters, min: '3', source: 'human', labeled: 'true' })).toEqual({ labeled: 'true' });
    expect(judgeWhere({ ...emptyFilters, model: ' m ', q: '  ', tag: '' })).toEqual({ model: 'm' });
  });
  test('a thinking length goes with "thought" or no choice, never with "did not think"', () => {
    expect(judgeWhere({ ...emptyFilters, thinkingMin: '50' })).toEqual({ thinkingMin: '50' });
    expect(judgeWhere({ ...emptyFilters, thinking: 'none', thinkingMin: '50' })).toEqual({ thinking: 'none' });
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

test('a stored where says every filter, in the list\'s words, and links back to the same list', () => {
  const stored: StoredWhere = { q: 'Einstein', model: 'aurora-1.1', scenario: 'demo/7', tag: 'pushback', trait: 'warmth', min: 2, max: 4.5, source: 'judge', labeled: 'false' };
  expect(describeSelection({ where: stored })).toBe('search “Einstein” · model aurora-1.1 · scenario demo/7 · tag pushback · warmth 2–4.5 (judge) · not labeled');
  expect(describeSelection({ where: { trait: 'warmth', max: 0 } })).toBe('warmth …–0');
  expect(filtersOfWhere(stored)).toEqual({ q: 'Einstein', model: 'aurora-1.1', scenario: 'demo/7', tag: 'pushback', trait: 'warmth', min: '2', max: '4.5', source: 'judge', labeled: 'false', thinking: '', thinkingMin: '', cols: '' });
  expect(describeSelection({ where: { thinking: 'any', thinkingMin: 300 } })).toBe('thought · thinking ≥ 300 characters');
  expect(judgeWhere(filtersOfWhere({ trait: 'warmth', min: 0 }))).toEqual({ trait: 'warmth', min: '0' });
});

describe('runRequestBody: the form as the body of estimate and start', () => {
  const form: RunFormState = {
    traits: ['warmth', 'pushback'],
    selection: { where: { ...emptyFilters, model: ' aurora-1.1 ' } },
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
  test('the list\'s whole filter travels as where; ids never come from it', () => {
    const fromList = runRequestBody({ ...form, selection: { where: { ...emptyFilters, q: 'Einstein', model: 'aurora-1.1', trait: 'warmth', min: '2', labeled: 'false' } } });
    expect(fromList).toEqual({
      ok: true,
      body: { traits: ['pushback', 'warmth'], where: { model: 'aurora-1.1', q: 'Einstein', trait: 'warmth', min: '2', labeled: 'false' }, samples: 2, mode: 'sync', pairwise: false, budgetUsd: 5 },
    });
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
