import { apiQuery, listSearch, readListFilters, type ListFilters } from './list-query.ts';

/**
 * What a new judge run reads: a filter the judge API understands (model, scenario, tag), a list of
 * transcript ids, or the list page's filters when they say more than that (a search, a score range),
 * which the run page turns into the ids the list shows.
 */
export type SelectionChoice =
  | { kind: 'where'; model: string; scenario: string; tag: string }
  | { kind: 'ids'; ids: string[] }
  | { kind: 'list'; filters: ListFilters };

type RawParams = Partial<Record<string, string | string[] | undefined>>;

export const MAX_IDS_IN_URL = 2000;

function first(value: string | string[] | undefined): string {
  return ((Array.isArray(value) ? value[0] : value) ?? '').trim();
}

/** `a,b,,c ` → `['a', 'b', 'c']`, without repeats, in order. */
export function parseIds(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** Filters of the list that the judge API's `where` cannot say. */
export function needsListLookup(f: ListFilters): boolean {
  const q = apiQuery(f);
  return Boolean(q['q'] || q['trait'] || q['labeled']);
}

/** What `/judge?…` asks to judge: `?ids=`, else the list's filters. */
export function selectionFromSearch(params: RawParams): SelectionChoice {
  const ids = parseIds(first(params['ids']));
  if (ids.length) return { kind: 'ids', ids };
  const filters = readListFilters(params);
  if (needsListLookup(filters)) return { kind: 'list', filters: { ...filters, cols: '' } };
  return { kind: 'where', model: filters.model, scenario: filters.scenario, tag: filters.tag };
}

/** The "Judge these" link of the transcript list: the judge page with the list's filters (not its columns). */
export function judgeHrefForList(filters: ListFilters): string {
  return `/judge${listSearch({ ...filters, cols: '' })}`;
}

/** The list filters in words, for the selection summary. */
export function describeListFilters(f: ListFilters): string {
  const parts: string[] = [];
  if (f.q) parts.push(`search “${f.q}”`);
  if (f.model) parts.push(`model ${f.model}`);
  if (f.scenario) parts.push(`scenario ${f.scenario}`);
  if (f.tag) parts.push(`tag ${f.tag}`);
  if (f.trait) {
    const range = f.min || f.max ? ` ${f.min || '…'}–${f.max || '…'}` : '';
    parts.push(`${f.trait}${range}${f.source ? ` (${f.source})` : ''}`);
  }
  if (f.labeled) parts.push(f.labeled === 'true' ? 'labeled' : 'not labeled');
  return parts.join(' · ') || 'all transcripts';
}

export interface StoredSelection {
  transcriptIds?: string[] | undefined;
  where?: { model?: string | undefined; scenario?: string | undefined; tag?: string | undefined } | undefined;
}

/** A run's selection as stored, in words: `model aurora-1.1 · tag pushback`, `12 transcripts by id`. */
export function describeSelection(s: StoredSelection): string {
  if (s.transcriptIds) return `${s.transcriptIds.length} transcript${s.transcriptIds.length === 1 ? '' : 's'} by id`;
  const w = s.where ?? {};
  const parts = [w.model ? `model ${w.model}` : '', w.scenario ? `scenario ${w.scenario}` : '', w.tag ? `tag ${w.tag}` : ''].filter(Boolean);
  return parts.join(' · ') || 'all transcripts';
}

export interface RunFormState {
  traits: readonly string[];
  selection: { transcriptIds: string[] } | { where: { model: string; scenario: string; tag: string } };
  samples: string;
  mode: 'sync' | 'batch';
  pairwise: boolean;
  budgetUsd: string;
  judgeModel: string;
}

export interface RunRequestBody {
  traits: string[];
  transcriptIds?: string[];
  where?: { model?: string; scenario?: string; tag?: string };
  judgeModel?: string;
  samples: number;
  mode: 'sync' | 'batch';
  pairwise: boolean;
  budgetUsd: number;
}

/**
 * The body of `POST /api/v1/judge/estimate` and `/runs` for the form, or what is missing. The same form
 * gives the same body, key for key, so an estimate can be matched to the form it was made for.
 */
export function runRequestBody(form: RunFormState): { ok: true; body: RunRequestBody } | { ok: false; error: string } {
  if (!form.traits.length) return { ok: false, error: 'Choose at least one trait.' };
  const samples = Number(form.samples);
  if (!Number.isInteger(samples) || samples < 1 || samples > 20) return { ok: false, error: 'Samples must be a whole number from 1 to 20.' };
  const budgetUsd = Number(form.budgetUsd);
  if (form.budgetUsd.trim() === '' || !Number.isFinite(budgetUsd) || budgetUsd <= 0) return { ok: false, error: 'Set a budget in USD above 0.' };
  const body: RunRequestBody = { traits: [...form.traits].sort(), samples, mode: form.mode, pairwise: form.pairwise, budgetUsd };
  if ('transcriptIds' in form.selection) {
    if (!form.selection.transcriptIds.length) return { ok: false, error: 'The selection has no transcripts.' };
    body.transcriptIds = form.selection.transcriptIds;
  } else {
    const w = form.selection.where;
    const where: NonNullable<RunRequestBody['where']> = {};
    if (w.model.trim()) where.model = w.model.trim();
    if (w.scenario.trim()) where.scenario = w.scenario.trim();
    if (w.tag.trim()) where.tag = w.tag.trim();
    body.where = where;
  }
  if (form.judgeModel.trim()) body.judgeModel = form.judgeModel.trim();
  return { ok: true, body };
}

/** A stable key of a request body: an estimate is good for starting only while the form still gives this key. */
export function bodyKey(body: RunRequestBody): string {
  return JSON.stringify(body);
}
