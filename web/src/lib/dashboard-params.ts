/**
 * The dashboards keep their state in the URL — trait, versions, baseline, source, sort — so a link reproduces
 * the view. These pure functions are the one place that reads it and builds the links between the pages.
 */
import { param, type RawParams } from './list-query.ts';
import type { ScoreSource } from './trait-label.ts';

export { param };

export function asSource(value: string): ScoreSource | null {
  return value === 'judge' || value === 'import' || value === 'human' ? value : null;
}

/** A trait with the source of its numbers (sources are never pooled): `spiral.pushback:import`. */
export interface TraitKey {
  slug: string;
  source: ScoreSource;
}

export function traitKeyText(key: TraitKey): string {
  return `${key.slug}:${key.source}`;
}

/** `slug:source` from the URL, or a bare slug with the page's `source`; null when neither names a source. */
export function readTraitKey(raw: string, fallbackSource: ScoreSource | null): TraitKey | null {
  if (!raw) return null;
  const colon = raw.lastIndexOf(':');
  const source = colon >= 0 ? asSource(raw.slice(colon + 1)) : null;
  const slug = source ? raw.slice(0, colon) : raw;
  const chosen = source ?? fallbackSource;
  return slug && chosen ? { slug, source: chosen } : null;
}

export function sameTraitKey(a: TraitKey | null | undefined, b: TraitKey | null | undefined): boolean {
  return !!a && !!b && a.slug === b.slug && a.source === b.source;
}

/** Oldest first: by release date where known, then by name. The first is the default baseline. */
export function orderVersions<T extends { name: string; releaseDate: string | null }>(models: readonly T[]): T[] {
  return [...models].sort((x, y) => {
    if (x.releaseDate && y.releaseDate && x.releaseDate !== y.releaseDate) return x.releaseDate < y.releaseDate ? -1 : 1;
    if (x.releaseDate !== y.releaseDate) return x.releaseDate ? -1 : 1;
    return x.name.localeCompare(y.name, 'en', { numeric: true });
  });
}

/** The version named in the URL when it exists, else the fallback. */
export function pickVersion(named: string, versions: readonly string[], fallback: string | undefined): string {
  return versions.includes(named) ? named : (fallback ?? '');
}

export type DashboardPage = 'overview' | 'versions' | 'distributions' | 'ratings' | 'agreement' | 'thinking';

export const DASHBOARD_PAGES: readonly { page: DashboardPage; path: string; label: string }[] = [
  { page: 'overview', path: '/overview', label: 'Overview' },
  { page: 'versions', path: '/dashboards/versions', label: 'Two versions' },
  { page: 'distributions', path: '/dashboards/distributions', label: 'Distributions' },
  { page: 'ratings', path: '/dashboards/ratings', label: 'Pairwise ratings' },
  { page: 'agreement', path: '/dashboards/agreement', label: 'Agreement' },
  { page: 'thinking', path: '/dashboards/thinking', label: 'Thinking' },
];

/**
 * A link to another dashboard that keeps what still means something there: the source and trait everywhere,
 * the baseline as version a of the comparison page and back.
 */
export function dashboardHref(page: DashboardPage, params: RawParams): string {
  const path = DASHBOARD_PAGES.find((p) => p.page === page)?.path ?? '/overview';
  const baseline = param(params, 'baseline') || param(params, 'a');
  const keep: Record<string, string> = { source: param(params, 'source'), trait: param(params, 'trait') };
  if (page === 'overview') keep['baseline'] = baseline;
  if (page === 'versions') Object.assign(keep, { a: baseline, b: param(params, 'b') });
  const search = new URLSearchParams(Object.entries(keep).filter(([, v]) => v !== ''));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
