/**
 * The list page's filters live in the URL query string, so a link reproduces the view. These pure
 * functions are the one place that maps between the two.
 */
export interface ListFilters {
  q: string;
  model: string;
  tag: string;
}

export const emptyFilters: ListFilters = { q: '', model: '', tag: '' };

type RawParams = Partial<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return (v ?? '').trim();
}

export function readListFilters(params: RawParams): ListFilters {
  return { q: first(params['q']), model: first(params['model']), tag: first(params['tag']) };
}

export function sameFilters(a: ListFilters, b: ListFilters): boolean {
  return a.q === b.q && a.model === b.model && a.tag === b.tag;
}

export function hasFilters(f: ListFilters): boolean {
  return f.q !== '' || f.model !== '' || f.tag !== '';
}

/** The query string for a set of filters; empty filters are left out so links stay short. */
export function listSearch(f: ListFilters): string {
  const params = new URLSearchParams();
  if (f.q) params.set('q', f.q);
  if (f.model) params.set('model', f.model);
  if (f.tag) params.set('tag', f.tag);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** For `setSearchParams`: an empty filter becomes undefined, which removes it from the URL. */
export function toSearchParams(f: Partial<ListFilters>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(f)) out[key] = value ? value : undefined;
  return out;
}
