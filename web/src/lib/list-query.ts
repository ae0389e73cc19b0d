/**
 * The list page's filters live in the URL query string, so a link reproduces the view. These pure
 * functions are the one place that maps between the two.
 */
export type ScoreSourceFilter = '' | 'judge' | 'import' | 'human';
export type LabeledFilter = '' | 'true' | 'false';
/** `any`: some assistant message thought; `none`: none did (server/queries/transcript-filter.ts). */
export type ThinkingFilter = '' | 'any' | 'none';

export interface ListFilters {
  q: string;
  model: string;
  scenario: string;
  tag: string;
  /** A trait slug; `min`/`max`/`source` narrow by its score and mean nothing without it. */
  trait: string;
  min: string;
  max: string;
  source: ScoreSourceFilter;
  labeled: LabeledFilter;
  thinking: ThinkingFilter;
  /** Whole characters: some assistant message thought at least this long. */
  thinkingMin: string;
  /** Trait columns shown, comma-separated slugs; empty means "the most common traits of the page". */
  cols: string;
}

export const emptyFilters: ListFilters = { q: '', model: '', scenario: '', tag: '', trait: '', min: '', max: '', source: '', labeled: '', thinking: '', thinkingMin: '', cols: '' };

const KEYS: readonly (keyof ListFilters)[] = ['q', 'model', 'scenario', 'tag', 'trait', 'min', 'max', 'source', 'labeled', 'thinking', 'thinkingMin', 'cols'];

/** Search params as the router gives them: a key may be missing or repeated. */
export type RawParams = Partial<Record<string, string | string[] | undefined>>;

/** A search param's first value, trimmed; '' when it is missing. The one reading of a URL param. */
export function param(params: RawParams, key: string): string {
  const v = params[key];
  return ((Array.isArray(v) ? v[0] : v) ?? '').trim();
}

function asSource(value: string): ScoreSourceFilter {
  return value === 'judge' || value === 'import' || value === 'human' ? value : '';
}

function asLabeled(value: string): LabeledFilter {
  return value === 'true' || value === 'false' ? value : '';
}

function asThinking(value: string): ThinkingFilter {
  return value === 'any' || value === 'none' ? value : '';
}

/** A length as the API takes it: a whole number ≥ 1, else nothing (a bad link must not make the API answer 400). */
export function asThinkingMin(value: string): string {
  return /^\d+$/.test(value) && Number(value) >= 1 ? String(Number(value)) : '';
}

/** A number as typed in a range box: kept only when it is one, so a bad link cannot make the API answer 400. */
function asNumber(value: string): string {
  return value !== '' && Number.isFinite(Number(value)) ? value : '';
}

export function readListFilters(params: RawParams): ListFilters {
  return {
    q: param(params, 'q'),
    model: param(params, 'model'),
    scenario: param(params, 'scenario'),
    tag: param(params, 'tag'),
    trait: param(params, 'trait'),
    min: asNumber(param(params, 'min')),
    max: asNumber(param(params, 'max')),
    source: asSource(param(params, 'source')),
    labeled: asLabeled(param(params, 'labeled')),
    thinking: asThinking(param(params, 'thinking')),
    thinkingMin: asThinkingMin(param(params, 'thinkingMin')),
    cols: param(params, 'cols'),
  };
}

export function sameFilters(a: ListFilters, b: ListFilters): boolean {
  return KEYS.every((k) => a[k] === b[k]);
}

/** Whether anything narrows the list (the choice of columns does not). */
export function hasFilters(f: ListFilters): boolean {
  return KEYS.some((k) => k !== 'cols' && f[k] !== '');
}

/** How many filters narrow the list (a trait's range and source count with their trait). */
export function activeFilterCount(f: ListFilters): number {
  return KEYS.filter((k) => k !== 'cols' && f[k] !== '').length;
}

/** Same rows, whatever columns: a change of columns must not refetch. */
export function sameQuery(a: ListFilters, b: ListFilters): boolean {
  return sameFilters({ ...a, cols: '' }, { ...b, cols: '' });
}

/** The query string for a set of filters; empty filters are left out so links stay short. */
export function listSearch(f: Partial<ListFilters>): string {
  const params = new URLSearchParams();
  for (const k of KEYS) {
    const v = f[k];
    if (v) params.set(k, v);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** For `setSearchParams`: an empty filter becomes undefined, which removes it from the URL. */
export function toSearchParams(f: Partial<ListFilters>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(f)) out[key] = value ? value : undefined;
  return out;
}

/** The list filter as `GET /transcripts` and the judge's `where` take it: a key per filter, unset ones undefined. */
export interface ApiListQuery {
  q: string | undefined;
  model: string | undefined;
  scenario: string | undefined;
  tag: string | undefined;
  trait: string | undefined;
  min: string | undefined;
  max: string | undefined;
  source: Exclude<ScoreSourceFilter, ''> | undefined;
  labeled: Exclude<LabeledFilter, ''> | undefined;
  thinking: Exclude<ThinkingFilter, ''> | undefined;
  thinkingMin: string | undefined;
}

/** The API's query for these filters: the range and source only travel with a trait. */
export function apiQuery(f: ListFilters): ApiListQuery {
  const withTrait = f.trait !== '';
  return {
    q: f.q || undefined,
    model: f.model || undefined,
    scenario: f.scenario || undefined,
    tag: f.tag || undefined,
    trait: f.trait || undefined,
    min: withTrait && f.min ? f.min : undefined,
    max: withTrait && f.max ? f.max : undefined,
    source: withTrait && f.source ? f.source : undefined,
    labeled: f.labeled || undefined,
    // "Did not think" and "thought at least n characters" cannot both hold: the length goes with any or no choice.
    thinking: f.thinking || undefined,
    thinkingMin: f.thinking !== 'none' && asThinkingMin(f.thinkingMin) ? asThinkingMin(f.thinkingMin) : undefined,
  };
}

export function columnList(cols: string): string[] {
  return cols
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
}
