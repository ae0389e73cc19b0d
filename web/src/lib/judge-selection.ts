import { apiQuery, emptyFilters, listSearch, param, readListFilters, type ApiListQuery, type ListFilters, type RawParams } from './list-query.ts';

/**
 * What a new judge run reads: transcripts given by id, the list page's filters (all of them: the judge's
 * `where` is the list's own filter, so the run judges exactly the rows the list shows), or a filter made in
 * the form from model, scenario and tag.
 */
export type SelectionChoice =
  | { kind: 'where'; model: string; scenario: string; tag: string }
  | { kind: 'ids'; ids: string[] }
  | { kind: 'list'; filters: ListFilters };


export const MAX_IDS_IN_URL = 2000;


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

/** Whether the list's filters say more than the form's own fields (model, scenario, tag) can show. */
export function saysMoreThanFormFields(f: ListFilters): boolean {
  const q = apiQuery(f);
  return Boolean(q.q || q.trait || q.labeled || q.thinking || q.thinkingMin);
}

/** What `/judge?…` asks to judge: `?ids=`, else the list's filters. */
export function selectionFromSearch(params: RawParams): SelectionChoice {
  const ids = parseIds(param(params, 'ids'));
  if (ids.length) return { kind: 'ids', ids };
  const filters = { ...readListFilters(params), cols: '' };
  if (saysMoreThanFormFields(filters)) return { kind: 'list', filters };
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
  if (f.thinking) parts.push(f.thinking === 'any' ? 'thought' : 'did not think');
  if (f.thinkingMin && f.thinking !== 'none') parts.push(`thinking ≥ ${f.thinkingMin} characters`);
  return parts.join(' · ') || 'all transcripts';
}

/** The judge API's `where`: the list filter (server/queries/transcript-filter.ts); the range travels as the list's strings. */
export type JudgeWhere = { [K in keyof ApiListQuery]?: NonNullable<ApiListQuery[K]> };

/** The `where` for list filters: the list's own query (`apiQuery`), trimmed, empty values left out. */
export function judgeWhere(f: ListFilters): JudgeWhere {
  const q = apiQuery({ ...f, q: f.q.trim(), model: f.model.trim(), scenario: f.scenario.trim(), tag: f.tag.trim(), trait: f.trait.trim(), min: f.min.trim(), max: f.max.trim() });
  const where: JudgeWhere = {};
  // Key by key rather than a loop: each key keeps its own type (source and labeled are enums).
  if (q.model) where.model = q.model;
  if (q.scenario) where.scenario = q.scenario;
  if (q.tag) where.tag = q.tag;
  if (q.q) where.q = q.q;
  if (q.trait) where.trait = q.trait;
  if (q.min) where.min = q.min;
  if (q.max) where.max = q.max;
  if (q.source) where.source = q.source;
  if (q.labeled) where.labeled = q.labeled;
  if (q.thinking) where.thinking = q.thinking;
  if (q.thinkingMin) where.thinkingMin = q.thinkingMin;
  return where;
}

/** A run's `where` as the server stores it (db/schema/judge.ts `JudgeSelection`): the range as numbers. */
export interface StoredWhere {
  model?: string | undefined;
  scenario?: string | undefined;
  tag?: string | undefined;
  q?: string | undefined;
  trait?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
  source?: 'judge' | 'human' | 'import' | undefined;
  labeled?: 'true' | 'false' | undefined;
  thinking?: 'any' | 'none' | undefined;
  thinkingMin?: number | undefined;
}

export interface StoredSelection {
  transcriptIds?: string[] | undefined;
  where?: StoredWhere | undefined;
}

/** A stored `where` as list filters: the run page links to the list it judged and says it in the list's words. */
export function filtersOfWhere(w: StoredWhere): ListFilters {
  return {
    ...emptyFilters,
    q: w.q ?? '',
    model: w.model ?? '',
    scenario: w.scenario ?? '',
    tag: w.tag ?? '',
    trait: w.trait ?? '',
    min: w.min === undefined ? '' : String(w.min),
    max: w.max === undefined ? '' : String(w.max),
    source: w.source ?? '',
    labeled: w.labeled ?? '',
    thinking: w.thinking ?? '',
    thinkingMin: w.thinkingMin === undefined ? '' : String(w.thinkingMin),
  };
}

/** A run's selection as stored, in words: `search “brain” · model aurora-1.1 · pushback 4–…`, `12 transcripts by id`. */
export function describeSelection(s: StoredSelection): string {
  if (s.transcriptIds) return `${s.transcriptIds.length} transcript${s.transcriptIds.length === 1 ? '' : 's'} by id`;
  return describeListFilters(filtersOfWhere(s.where ?? {}));
}

/** What the form sends for the selection it was opened with. */
export function selectionOf(choice: SelectionChoice): RunFormState['selection'] {
  switch (choice.kind) {
    case 'ids':
      return { transcriptIds: choice.ids };
    case 'list':
      return { where: choice.filters };
    case 'where':
      return { where: { ...emptyFilters, model: choice.model, scenario: choice.scenario, tag: choice.tag } };
  }
}

export interface RunFormState {
  traits: readonly string[];
  /** Ids, or list filters (the form's own fields fill model, scenario and tag of an otherwise empty filter). */
  selection: { transcriptIds: string[] } | { where: ListFilters };
  samples: string;
  mode: 'sync' | 'batch';
  pairwise: boolean;
  budgetUsd: string;
  judgeModel: string;
}

export interface RunRequestBody {
  traits: string[];
  transcriptIds?: string[];
  where?: JudgeWhere;
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
    body.where = judgeWhere(form.selection.where);
  }
  if (form.judgeModel.trim()) body.judgeModel = form.judgeModel.trim();
  return { ok: true, body };
}

/** A stable key of a request body: an estimate is good for starting only while the form still gives this key. */
export function bodyKey(body: RunRequestBody): string {
  return JSON.stringify(body);
}
