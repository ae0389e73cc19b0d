import { api, call } from './client.ts';

/** The statistics endpoints the dashboards read (GET /stats/…), and the scenario list they join to. */

export type Source = 'judge' | 'human' | 'import';

/** `slug:source` tokens, as GET /stats/compare/traits takes them. */
export function traitToken(slug: string, source: Source): string {
  return `${slug}:${source}`;
}

/** Version b against baseline a on several traits, with Holm's correction across them. */
export function compareTraits(query: { traits: readonly string[]; a: string; b: string }) {
  return call(() => api.stats.compare.traits.$get({ query: { traits: query.traits.join(','), a: query.a, b: query.b } }));
}

/** Version b against a on one trait: the paired delta and every shared scenario's means (at most 200, largest |delta| first). */
export function comparePaired(query: { trait: string; a: string; b: string; source?: Source | undefined }) {
  return call(() => api.stats.compare.$get({ query }));
}

export function getRatings(query: { trait: string; source?: Source | undefined }) {
  return call(() => api.stats.ratings.$get({ query }));
}

export function getAgreement(trait: string) {
  return call(() => api.stats.agreement.$get({ query: { trait } }));
}

const SCENARIO_PAGE = 500;

/** Every scenario, page by page (keyset on the key); the index filters them in the browser. */
export async function listAllScenarios() {
  const items: Awaited<ReturnType<typeof scenarioPage>>['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await scenarioPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

function scenarioPage(cursor: string | undefined) {
  return call(() => api.scenarios.$get({ query: { cursor, limit: String(SCENARIO_PAGE) } }));
}

/** Traits with pairwise verdicts, from the newest verdicts (there is no endpoint listing them). */
export async function traitsWithVerdicts() {
  const page = await call(() => api.comparisons.$get({ query: { limit: '500' } }));
  const seen = new Map<string, { trait: string; title: string; source: Source }>();
  for (const c of page.items) seen.set(`${c.trait}:${c.source}`, { trait: c.trait, title: c.traitTitle, source: c.source });
  return [...seen.values()].sort((a, b) => a.trait.localeCompare(b.trait) || a.source.localeCompare(b.source));
}

export type PairedComparison = Awaited<ReturnType<typeof comparePaired>>;
export type TraitComparisons = Awaited<ReturnType<typeof compareTraits>>;
export type TraitComparison = TraitComparisons['items'][number];
export type ScenarioDelta = PairedComparison['scenarios'][number];
export type Ratings = Awaited<ReturnType<typeof getRatings>>;
export type Agreement = Awaited<ReturnType<typeof getAgreement>>;
export type ScenarioSummary = Awaited<ReturnType<typeof listAllScenarios>>[number];
