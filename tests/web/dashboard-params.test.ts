import { expect, test } from 'vitest';
import { dashboardHref, orderVersions, readTraitKey, traitKeyText } from '../../web/src/lib/dashboard-params.ts';

test('a trait in the URL names its source, or takes the page’s', () => {
  expect(readTraitKey('spiral.pushback:import', null)).toEqual({ slug: 'spiral.pushback', source: 'import' });
  expect(readTraitKey('pushback', 'human')).toEqual({ slug: 'pushback', source: 'human' });
  expect(readTraitKey('pushback:human', 'import')).toEqual({ slug: 'pushback', source: 'human' });
  expect(readTraitKey('pushback', null)).toBeNull();
  expect(readTraitKey('pushback:nobody', 'judge')).toEqual({ slug: 'pushback:nobody', source: 'judge' });
  expect(readTraitKey('', 'judge')).toBeNull();
  expect(traitKeyText({ slug: 'warmth', source: 'judge' })).toBe('warmth:judge');
});

test('versions oldest first: release date, then name with numbers in order', () => {
  const v = (name: string, releaseDate: string | null = null) => ({ name, releaseDate });
  expect(orderVersions([v('aurora-2.0-preview'), v('aurora-1.10'), v('aurora-1.1'), v('aurora-1.0')]).map((m) => m.name)).toEqual(['aurora-1.0', 'aurora-1.1', 'aurora-1.10', 'aurora-2.0-preview']);
  expect(orderVersions([v('b', '2025-01-01'), v('a'), v('c', '2024-06-01')]).map((m) => m.name)).toEqual(['c', 'b', 'a']);
});

test('links between dashboards keep the trait and source, and the baseline as version a', () => {
  const params = { baseline: 'aurora-1.0', source: 'import', trait: 'pushback:import' };
  expect(dashboardHref('versions', params)).toBe('/dashboards/versions?source=import&trait=pushback%3Aimport&a=aurora-1.0');
  expect(dashboardHref('overview', { a: 'x', b: 'y' })).toBe('/overview?baseline=x');
  expect(dashboardHref('distributions', params)).toBe('/dashboards/distributions?source=import&trait=pushback%3Aimport');
  expect(dashboardHref('agreement', {})).toBe('/dashboards/agreement');
});
